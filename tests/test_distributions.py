"""The chapter "Neural nets as distribution transformers": its computations and its text."""

import html
import re
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from nnfig import FIGURES, classifier, data, deps, layers, vit
from nnfig.draw.mappings import draw_mapping
from nnfig.chapters import distributions as dist


def test_mapping_plot_joins_each_point_to_its_image():
    x = np.linspace(-2, 2, 9)
    fx = layers.relu(2 * x - 1)
    _, ax = plt.subplots()
    draw_mapping(ax, [x, fx], ["in", "out"])
    joins = [
        line.get_xydata()
        for line in ax.lines
        if len(line.get_xydata()) == 2 and line.get_xydata()[0, 1] != line.get_xydata()[1, 1]
    ]
    assert len(joins) == x.size
    for (start, end), xi, fxi in zip(joins, x, fx, strict=True):
        assert start.tolist() == [xi, 0.0] and end.tolist() == [fxi, -1.0]


def test_relu_pile_up_adds_up_and_matches_quadrants():
    blob = data.gaussian_blob(seed=0, n_points=400)
    piled = dist.relu_pile_up(blob)
    positive = np.mean((blob > 0).all(axis=1))
    assert piled["origin"] == pytest.approx(np.mean((blob <= 0).all(axis=1)))
    assert piled["axis"] + piled["origin"] + positive == pytest.approx(1.0)


def test_relu_share_is_within_sampling_error_of_one_over_two_to_the_n():
    widths = np.arange(1, 13)
    n = 200_000
    share = dist.relu_positive_share(seed=0, widths=widths, n_samples=n)
    expected = 0.5**widths
    standard_error = np.sqrt(expected * (1 - expected) / n)
    assert np.all(np.abs(share - expected) < 4 * standard_error)


@pytest.mark.parametrize("run", [dist.clouds_run, dist.circles_run], ids=["clouds", "circles"])
def test_trained_net_classifies_its_data_and_reaches_the_one_hot_corners(run):
    result = run()
    last = result.checkpoints[-1]
    assert result.checkpoints[0].accuracy < 0.9  # it had something to learn
    assert last.accuracy >= 0.99
    one_hot = np.eye(2)[result.labels]
    assert np.abs(last.layers["y"] - one_hot).max() < 0.05
    # The recorded output is what the recorded parameters compute.
    np.testing.assert_array_equal(classifier.predict(last.params, result.x), result.labels)


def test_checkpoint_records_every_layer_of_the_forward_pass():
    result = dist.clouds_run()
    cp = result.checkpoints[1]
    (w1, b1), (w2, b2), (w3, b3) = cp.params
    z1 = result.x @ w1.T + b1
    h2 = layers.relu(layers.relu(z1) @ w2.T + b2)
    np.testing.assert_allclose(cp.layers["z1"], z1)
    np.testing.assert_allclose(cp.layers["h2"], h2)
    np.testing.assert_allclose(cp.layers["y"], layers.softmax(h2 @ w3.T + b3), atol=1e-12)
    assert list(cp.layers) == result.names == ["x", "z1", "h1", "z2", "h2", "z3", "y"]


def test_training_twice_gives_identical_parameters_and_leaves_torch_as_found():
    x, labels = data.concentric_circles(seed=3, n_per_class=20)
    rng_state = torch.get_rng_state()
    threads = torch.get_num_threads()
    runs = [
        classifier.train(x, labels, depth=3, steps=60, checkpoints=(0, 60), seed=5)
        for _ in range(2)
    ]
    for (wa, ba), (wb, bb) in zip(
        runs[0].checkpoints[-1].params, runs[1].checkpoints[-1].params, strict=True
    ):
        np.testing.assert_array_equal(wa, wb)
        np.testing.assert_array_equal(ba, bb)
    assert torch.equal(torch.get_rng_state(), rng_state)
    assert torch.get_num_threads() == threads
    assert not torch.are_deterministic_algorithms_enabled()


def test_checkpoint_steps_must_be_increasing():
    x, labels = data.two_clouds(seed=0, n_per_class=5)
    with pytest.raises(ValueError, match="checkpoints"):
        classifier.train(x, labels, depth=1, steps=10, checkpoints=(5, 0), seed=0)


def test_transformer_learns_and_disentangles_the_digits():
    res = vit.result(0)
    assert res.test_accuracy >= 0.9
    assert res.knn_accuracy[-1] >= res.knn_accuracy[0] + 0.4
    assert res.tsne.shape == (len(vit.SHOWN), vit.TEST_SIZE, 2)
    assert res.n_train + len(res.labels) == 1797  # scikit-learn's digits, all used


def test_transformer_training_is_deterministic():
    rng_state = torch.get_rng_state()
    first, _ = vit.train(7)
    second, _ = vit.train(7)
    for a, b in zip(first.parameters(), second.parameters(), strict=True):
        assert torch.equal(a, b)
    assert torch.equal(torch.get_rng_state(), rng_state)


def test_transformer_cache_returns_what_was_computed(tmp_path, monkeypatch):
    monkeypatch.setenv("NNFIG_CACHE", str(tmp_path))
    computed = vit.result(0)  # in-memory cached: no retraining here
    key = vit._cache_key(0)
    np.savez(
        tmp_path / f"vit-{key}.npz",
        **{f: getattr(computed, f) for f in computed.__dataclass_fields__},
    )
    loaded = vit.result.__wrapped__(0)
    assert loaded.test_accuracy == computed.test_accuracy
    assert isinstance(loaded.n_train, int)
    np.testing.assert_array_equal(loaded.tsne, computed.tsne)


def _text(built_book) -> str:
    page = (built_book.html / "distributions.html").read_text()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


@pytest.mark.build
def test_chapter_numbers_are_the_runs(built_book):
    text = _text(built_book)
    res = vit.result(0)
    assert f"classifies {res.test_accuracy:.1%} of the {len(res.labels)} held-out" in text
    assert f"gets only {res.knn_accuracy[0]:.0%} of the held-out digits right" in text
    clouds = dist.clouds_run().checkpoints[-1]
    assert f"the training accuracy is {clouds.accuracy:.0%}, the loss is {clouds.loss:.3g}" in text
    circles = dist.circles_run()
    angles = np.linspace(0, 2 * np.pi, 3600, endpoint=False)
    outer = data.OUTER_RADIUS * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    leak = np.mean(classifier.predict(circles.checkpoints[-1].params, outer) == 0)
    assert f"{leak:.1%} is classified wrongly" in text
    assert leak > 0  # the narrow net cannot wall off the inner circle


@pytest.mark.build
def test_gallery_page_plays_the_training_animation_offline(built_book):
    page = (built_book.html / "gallery" / "plot_remap_checkpoints.html").read_text()
    frames = re.findall(r"data:image/png;base64,", page)
    assert len(frames) == len(dist.ANIMATION_STEPS)
    assert "bootstrapcdn" not in page


def test_importing_nnfig_does_not_load_torch():
    # Every build imports nnfig; torch costs over a second and only training needs it.
    code = "import sys, nnfig; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_figure_dependencies_follow_imports_inside_functions():
    units = deps.figure_units(FIGURES["remap-circles"].func)
    assert ("nnfig.classifier", "train") in units
    assert ("nnfig.vit", "compute") in deps.figure_units(FIGURES["tsne-layers"].func)
    # The animation on the gallery page counts as part of remap-checkpoints.
    digests = deps.figure_digests(FIGURES)
    assert ("nnfig.chapters.distributions", "remap_animation") in set().union(
        *(deps.figure_units(f) for f in FIGURES["remap-checkpoints"].companions)
    )
    assert len(digests) == len(FIGURES)
