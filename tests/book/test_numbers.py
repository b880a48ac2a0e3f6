"""Every number a chapter prints is the value the figure it cites draws.

For each chapter: the number in the built page equals ``FIGURES[id].data()``,
the values the figure function draws, and the drawn figure shows that same
value (in a title, a label or the position of a mark). A number computed twice
could drift; these tests fail if it does.
"""

import html
import re

import numpy as np
import pytest
from matplotlib.text import Text

from nnfig import FIGURES
from nnfig.compute import runs

pytestmark = pytest.mark.build


def page_text(built_book, chapter: str) -> str:
    page = (built_book.html / f"{chapter}.html").read_text()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def figure_texts(fig_id: str) -> str:
    """Every text the book's figure shows, one per line."""
    fig = FIGURES[fig_id]()
    return "\n".join(" ".join(t.get_text().split()) for t in fig.findobj(Text))


def test_perceptrons(built_book):
    learning = FIGURES["perceptron-learning"].data()
    updates, epochs = len(learning.run.w) - 1, learning.run.epochs
    text = page_text(built_book, "perceptrons")
    assert f"After {updates} updates in {epochs} passes" in text
    assert f"misclassifies {learning.errors[0]} of them" in text
    drawn = figure_texts("perceptron-learning")
    assert f"{updates} updates, {epochs} passes over the data" in drawn
    assert f"start: {learning.errors[0]} wrong" in drawn
    # Novikoff's bound, from the same data the figure draws.
    bound = learning.convergence
    assert f"{bound.radius:.2f}" in text and f"{bound.margin:.3f}" in text
    assert f"the bound allows {int(bound.bound)} updates" in text
    assert f"allow at most {int(bound.bound_from_start)}. The run needed {updates}." in text
    assert updates <= bound.bound_from_start


def test_mlp(built_book):
    text = page_text(built_book, "mlp")
    data = FIGURES["nonlinear-data"].data()
    assert f"points correctly ({data.correct} of {len(data.x)})" in text
    assert data.correct == len(data.x)  # the text says every point
    assert f"{data.both_off} of the {len(data.x)} points in all" in text
    training = FIGURES["fast-slow"].data()
    assert f"all {training.theta.shape[1]} parameters" in text
    accuracy = round(100 * training.accuracy)
    assert f"After {training.passes} passes the net" in text
    assert f"classifies {accuracy}% of the training data correctly" in text
    bumps = FIGURES["relu-bumps"].data()
    drawn = figure_texts("relu-bumps")
    for n, err in zip(bumps.counts, bumps.errors, strict=True):
        assert f"$M = {n}$, max error {err:.3f}" in drawn
    assert f"$M = {bumps.tent_count}$ tents" in drawn
    assert f"error is {bumps.errors[0]:.3f}" in text
    assert f"it falls to {bumps.errors[-1]:.3f}" in text


def test_layers(built_book):
    softmax = FIGURES["softmax-temperature"].data()
    page = html.unescape((built_book.html / "layers.html").read_text())
    table = re.search(r'<table[^>]*id="tab-softmax".*?</table>', page, re.S).group(0)
    cells = [float(c) for c in re.findall(r"<td><p>([0-9.]+)</p></td>", table)]
    expected = np.column_stack([softmax.temperatures, softmax.probabilities])
    np.testing.assert_allclose(np.array(cells).reshape(expected.shape), expected, atol=5e-4)
    at_one = softmax.probabilities[list(softmax.temperatures).index(1.0)][0]
    text = page_text(built_book, "layers")
    assert f"probability {at_one:.2f} at" in text
    # The highest temperature: the top share, the uniform share it is compared with,
    # and the share at the right end of the sweep.
    k, at_high = softmax.scores.size, softmax.probabilities[np.argmax(softmax.temperatures)][0]
    assert f"lowers it to {at_high:.2f}. That is flatter" in text
    assert f"= {1 / k:.2f} of each of the {k} classes" in text
    assert f"= {softmax.sweep[-1]:g}, the right end of the sweep" in text
    assert f"the top class keeps {softmax.swept[-1, 0]:.2f}." in text
    size = FIGURES["image-output"].data().activations.shape[0]
    assert f"one channel of a {size} × {size} × 3 map" in text
    # The margin's ε is the one nnfig's l2_normalize divides by at the zero vector.
    import inspect

    from nnfig.compute import layers

    eps = inspect.signature(layers.l2_normalize).parameters["eps"].default
    assert rf"\epsilon = 10^{{{round(np.log10(eps))}}}" in page
    assert eps == 10.0 ** round(np.log10(eps))
    # The bars of the figure are labelled with the same probabilities.
    drawn = figure_texts("softmax-temperature").split("\n")
    for p in softmax.probabilities.ravel():
        assert f"{p:.2f}" in drawn


def test_tensors(built_book):
    text = page_text(built_book, "tensors")
    n = len(FIGURES["tensor-cube"].data().image)
    assert f"draws a {n} × {n}" in text
    assert f"a {n} × {n} colour image" in figure_texts("tensor-cube")
    # The caption of dataset-tensors gives the sizes of the axes the figure marks.
    dataset = FIGURES["dataset-tensors"].data()
    (n, h, w, c), k = dataset.x.shape, dataset.y.shape[1]
    assert f"= {n} handwritten digits" in text
    assert f"= {h} × {w} pixels" in text and f"= {c} channel" in text
    assert f"= {k} columns" in text and f"0 to {dataset.levels}." in text
    drawn = figure_texts("dataset-tensors").split("\n")
    for axis, size in zip("NHWCK", (n, h, w, c, k), strict=True):
        assert f"{axis} = {size}" in drawn
    # The shape of W_2 the text spells out is the one batch-tensors draws.
    w2 = FIGURES["batch-tensors"].data()["W2"]
    assert f"its shape is {w2.shape[0]} × {w2.shape[1]}" in text
    assert f"({w2.shape[0]} × {w2.shape[1]})" in figure_texts("batch-tensors")


def _scientific(value: float) -> str:
    mantissa, exponent = f"{value:.2e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def test_distributions_relu_volume(built_book):
    volume = FIGURES["relu-volume"].data()
    page = html.unescape((built_book.html / "distributions.html").read_text())
    assert _scientific(volume.share[-1]) in page
    assert f"{volume.correlated[-1]:.3f}" in page
    # The figure's last dots are those shares, at the last width.
    fig = FIGURES["relu-volume"]()
    independent, correlated = fig.axes[0].containers  # error bars of the measured shares
    for bars, share in ((independent, volume.share), (correlated, volume.correlated)):
        x, y = bars.lines[0].get_data()
        assert (x[-1], y[-1]) == (volume.widths[-1], share[-1])


def test_distributions_training_runs(built_book):
    text = page_text(built_book, "distributions")
    clouds = FIGURES["remap-checkpoints"].data()
    last = clouds.checkpoints[-1]
    assert f"the training accuracy is {last.accuracy:.0%}, the loss is {last.loss:.3g}" in text
    assert f"step {last.step}: loss {last.loss:.3g}, accuracy {last.accuracy:.0%}" in (
        figure_texts("remap-checkpoints")
    )
    fresh = runs.fresh_accuracy(clouds)
    assert f"the trained net is right on {fresh:.1%}" in text
    assert fresh < last.accuracy  # the clouds overlap: fresh points show it
    regions = FIGURES["remap-circles"].data()
    leak = regions.leak
    assert leak == runs.outer_leak(regions.run)
    assert f"{leak:.1%} is classified wrongly" in text
    assert f"There are {regions.channels} of them" in text
    assert leak > 0  # the narrow net cannot wall off the inner circle
    drawn = figure_texts("remap-circles")
    assert f"its {leak:.1%} called inner" in drawn
    final = regions.run.checkpoints[-1]
    assert f"accuracy {final.accuracy:.0%}" in drawn


def test_distributions_transformer(built_book):
    text = page_text(built_book, "distributions")
    res = FIGURES["tsne-layers"].data()
    knn, means = res.knn_accuracy, res.centroid_accuracy  # panel 0: the raw pixels
    assert f"classifies {res.test_accuracy:.1%} of the {len(res.labels)} held-out" in text
    assert f"pixels already gets {knn[0]:.0%} of the held-out images right" in text
    assert f"between {knn[1:].min():.0%} and {knn[1:].max():.0%} at every layer" in text
    assert f"names only {means[0]:.0%} of the held-out images" in text
    assert f"the same rule gets {means[-1]:.0%} right" in text
    assert f"the vote gets {knn[1]:.0%} right at the embedding" in text
    assert f"a vector of {res.sizes[1]} numbers" in text
    drawn = figure_texts("tsne-layers")
    for k, m in zip(knn, means, strict=True):
        assert f"-NN accuracy {k:.0%} nearest class mean {m:.0%}" in drawn
    assert f"pixels ({res.sizes[0]} numbers)" in drawn
