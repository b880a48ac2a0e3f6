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
    assert f"after {updates} updates in {epochs} passes" in page_text(built_book, "perceptrons")
    assert f"{updates} updates, {epochs} passes over the data" in figure_texts(
        "perceptron-learning"
    )


def test_mlp(built_book):
    text = page_text(built_book, "mlp")
    data = FIGURES["nonlinear-data"].data()
    assert f"points correctly ({data.correct} of {len(data.x)})" in text
    assert data.correct == len(data.x)  # the text says every point
    bumps = FIGURES["relu-bumps"].data()
    drawn = figure_texts("relu-bumps")
    for n, err in zip(bumps.counts, bumps.errors, strict=True):
        assert f"N = {n}, max error {err:.3f}" in drawn
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
    assert f"probability {at_one:.2f} at" in page_text(built_book, "layers")
    # The bars of the figure are labelled with the same probabilities.
    drawn = figure_texts("softmax-temperature").split("\n")
    for p in softmax.probabilities.ravel():
        assert f"{p:.2f}" in drawn


def test_tensors(built_book):
    n = len(FIGURES["tensor-cube"].data().image)
    assert f"draws a {n} × {n}" in page_text(built_book, "tensors")
    assert f"a {n} × {n} colour image" in figure_texts("tensor-cube")


def _scientific(value: float) -> str:
    mantissa, exponent = f"{value:.2e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def test_distributions_relu_volume(built_book):
    volume = FIGURES["relu-volume"].data()
    page = html.unescape((built_book.html / "distributions.html").read_text())
    assert _scientific(volume.share[-1]) in page
    # The figure's last dot is that share, at the last width.
    fig = FIGURES["relu-volume"]()
    (measured,) = fig.axes[0].containers  # the error bars of the measured shares
    x, y = measured.lines[0].get_data()
    assert (x[-1], y[-1]) == (volume.widths[-1], volume.share[-1])


def test_distributions_training_runs(built_book):
    text = page_text(built_book, "distributions")
    clouds = FIGURES["remap-checkpoints"].data()
    last = clouds.checkpoints[-1]
    assert f"the training accuracy is {last.accuracy:.0%}, the loss is {last.loss:.3g}" in text
    assert f"step {last.step}: loss {last.loss:.3g}, accuracy {last.accuracy:.0%}" in (
        figure_texts("remap-checkpoints")
    )
    circles = FIGURES["remap-circles"].data()
    leak = runs.outer_leak(circles)
    assert f"{leak:.1%} is classified wrongly" in text
    assert leak > 0  # the narrow net cannot wall off the inner circle
    final = circles.checkpoints[-1]
    assert f"accuracy {final.accuracy:.0%}" in figure_texts("remap-circles")


def test_distributions_transformer(built_book):
    text = page_text(built_book, "distributions")
    res = FIGURES["tsne-layers"].data()
    assert f"classifies {res.test_accuracy:.1%} of the {len(res.labels)} held-out" in text
    assert f"gets only {res.knn_accuracy[0]:.0%} of the held-out digits right" in text
    drawn = figure_texts("tsne-layers")
    for knn in res.knn_accuracy:
        assert f"accuracy {knn:.0%}" in drawn
