"""The computations of the distributions chapter: mappings, relu volume, training runs, the ViT."""

import numpy as np
import pytest
import torch

from nnfig.compute import classifier, data, layers, mapping, runs, vit, volume


def test_relu_pile_up_adds_up_and_matches_quadrants():
    blob = data.gaussian_blob(seed=0, n_points=400)
    piled = mapping.relu_pile_up(blob)
    positive = np.mean((blob > 0).all(axis=1))
    assert piled["origin"] == pytest.approx(np.mean((blob <= 0).all(axis=1)))
    assert piled["axis"] + piled["origin"] + positive == pytest.approx(1.0)


def test_relu_share_is_within_sampling_error_of_one_over_two_to_the_n():
    v = volume.positive_share()
    standard_error = np.sqrt(v.expected * (1 - v.expected) / v.n_samples)
    assert np.all(np.abs(v.share - v.expected) < 4 * standard_error)
    np.testing.assert_array_equal(v.expected, 0.5**v.widths)


@pytest.mark.parametrize("run", [runs.clouds_run, runs.circles_run], ids=["clouds", "circles"])
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
    result = runs.clouds_run()
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


def test_transformer_training_is_deterministic():
    rng_state = torch.get_rng_state()
    first, _ = vit.train(7)
    second, _ = vit.train(7)
    for a, b in zip(first.parameters(), second.parameters(), strict=True):
        assert torch.equal(a, b)
    assert torch.equal(torch.get_rng_state(), rng_state)


@pytest.mark.parametrize(
    ("figure", "explorer", "config"),
    [
        (runs.clouds_run, runs.clouds_trajectory, runs.CLOUDS),
        (runs.circles_run, runs.circles_trajectory, runs.CIRCLES),
    ],
    ids=["clouds", "circles"],
)
def test_the_explorer_and_the_figure_share_one_training_run(figure, explorer, config):
    shown, every = figure(), explorer()
    assert [cp.step for cp in shown.checkpoints] == list(config.checkpoints)
    assert [cp.step for cp in every.checkpoints] == list(runs.explorer_steps(config))
    assert len(every.checkpoints) >= 50
    recorded = {cp.step: cp for cp in every.checkpoints}
    for cp in shown.checkpoints:
        assert cp is recorded[cp.step]  # the very same recorded checkpoint
    with pytest.raises(ValueError, match="not recorded"):
        shown.at((3,))


def test_recording_more_steps_leaves_the_figures_checkpoints_unchanged():
    # The circles figure once recorded only its own four steps: training alone gives them.
    config = runs.CIRCLES
    alone = runs._train(config, data.concentric_circles, config.seed, config.checkpoints)
    for a, b in zip(alone.checkpoints, runs.circles_run().checkpoints, strict=True):
        assert (a.step, a.loss, a.accuracy) == (b.step, b.loss, b.accuracy)
        for key in a.layers:
            np.testing.assert_array_equal(a.layers[key], b.layers[key])
            np.testing.assert_array_equal(a.square[key], b.square[key])


def test_the_clouds_overlap_so_fresh_points_are_missed_though_training_points_are_not():
    clouds = runs.clouds_run()
    # Two clouds whose centres are 2.6 standard deviations from the halfway line: fresh
    # samples put points on the far side of it, which no classifier gets right.
    x, labels = data.two_clouds(seed=runs.FRESH_SEED, n_per_class=runs.FRESH_PER_CLASS)
    far_side = (x @ np.array([1.0, -0.6]) > 0) != (labels == 1)
    assert 0.001 < far_side.mean() < 0.02
    assert clouds.checkpoints[-1].accuracy == 1.0
    assert 0.98 < runs.fresh_accuracy(clouds) < 1.0


def test_predict_gives_the_class_of_the_torch_forward_pass_at_every_checkpoint():
    import torch

    regions = runs.circles_regions()
    points = np.stack(np.meshgrid(regions.grid, regions.grid), axis=-1).reshape(-1, 2)
    fresh, _ = data.two_clouds(seed=runs.FRESH_SEED, n_per_class=runs.FRESH_PER_CLASS)
    for run, x in ((regions.run, points), (runs.clouds_run(), fresh)):
        for cp in run.checkpoints:
            params = [(torch.from_numpy(w), torch.from_numpy(b)) for w, b in cp.params]
            with torch.no_grad():
                y = classifier.forward(params, torch.from_numpy(x))["y"]
            np.testing.assert_array_equal(classifier.predict(cp.params, x), y.argmax(1).numpy())


def test_the_random_net_gives_every_cloud_point_one_class():
    clouds = runs.clouds_run()
    first = clouds.checkpoints[0]
    assert len(set(classifier.predict(first.params, clouds.x))) == 1
    assert first.accuracy == 0.5


def test_the_circles_net_leaks_inner_channels_through_the_outer_circle():
    regions = runs.circles_regions()
    final = regions.inner[-1]
    assert regions.leak == runs.outer_leak(regions.run) > 0
    assert regions.channels >= 1
    # The recorded grid agrees with the net: leaked points of the outer circle sit in
    # grid cells the net calls inner, and the inner region reaches the grid's edge.
    step = regions.grid[1] - regions.grid[0]
    cells = np.rint((regions.outer[regions.leaked] - regions.grid[0]) / step).astype(int)
    assert final[cells[:, 1], cells[:, 0]].mean() > 0.9
    assert final[[0, -1], :].any() or final[:, [0, -1]].any()
    # No training point of the outer class is in a leaked stretch (training accuracy 100%).
    assert regions.run.checkpoints[-1].accuracy == 1.0
    assert len(regions.inner) == len(regions.run.checkpoints)
