"""The layer functions of nnfig.compute.layers against torch as an independent oracle."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nnfig.compute import layers

RNG = np.random.default_rng(1234)
X = RNG.normal(scale=3.0, size=(32, 5))


def t(a):
    return torch.tensor(a, dtype=torch.float64)


def test_linear_matches_torch():
    W, b = RNG.normal(size=(3, 5)), RNG.normal(size=3)
    np.testing.assert_allclose(layers.linear(X, W, b), F.linear(t(X), t(W), t(b)).numpy())


def test_threshold_is_strict():
    np.testing.assert_array_equal(layers.threshold([-1.0, 0.0, 1e-9, 2.0]), [0, 0, 1, 1])


@pytest.mark.parametrize(
    ("ours", "oracle"),
    [(layers.sigmoid, torch.sigmoid), (layers.tanh, torch.tanh), (layers.relu, torch.relu)],
)
def test_pointwise_matches_torch(ours, oracle):
    np.testing.assert_allclose(ours(X), oracle(t(X)).numpy(), rtol=1e-12, atol=1e-15)


def test_sigmoid_does_not_overflow():
    out = layers.sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(out, [0.0, 1.0])


def test_tanh_is_a_rescaled_sigmoid():
    x = np.linspace(-8, 8, 1001)
    np.testing.assert_allclose(layers.tanh(x), 2 * layers.sigmoid(2 * x) - 1, atol=1e-14)


@pytest.mark.parametrize("tau", [0.1, 0.5, 1.0, 3.0])
def test_softmax_matches_torch(tau):
    np.testing.assert_allclose(
        layers.softmax(X, temperature=tau), torch.softmax(t(X) / tau, dim=-1).numpy(), atol=1e-12
    )


def test_softmax_is_a_distribution_that_keeps_the_order_of_scores():
    p = layers.softmax(X)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    assert np.all(p > 0)
    # The standard sign: a larger score gets a larger probability.
    np.testing.assert_array_equal(np.argsort(p, axis=-1), np.argsort(X, axis=-1))


def test_softmax_sharpens_as_temperature_falls():
    scores = np.array([2.0, 1.0, 0.1, -1.0])
    taus = [10.0, 4.0, 1.0, 0.5, 0.25, 0.05]
    probs = np.array([layers.softmax(scores, temperature=tau) for tau in taus])
    entropy = -(probs * np.log(probs)).sum(axis=1)
    assert np.all(np.diff(entropy) < 0)
    assert np.all(np.diff(probs[:, 0]) > 0)
    np.testing.assert_allclose(probs[-1], [1, 0, 0, 0], atol=1e-7)
    np.testing.assert_allclose(layers.softmax(scores, temperature=1e6), 0.25, atol=1e-5)


def test_softmax_rejects_non_positive_temperature():
    with pytest.raises(ValueError, match="temperature"):
        layers.softmax(X, temperature=0.0)


def test_batchnorm_matches_torch():
    gamma, beta = RNG.normal(size=5), RNG.normal(size=5)
    ours = layers.batchnorm(X, gamma, beta, eps=1e-5)
    theirs = F.batch_norm(t(X), None, None, t(gamma), t(beta), training=True, eps=1e-5)
    np.testing.assert_allclose(ours, theirs.numpy(), atol=1e-12)


def test_batchnorm_standardizes_each_unit():
    out = layers.batchnorm(X, eps=0.0)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=0), 1.0)


def test_batchnorm_gamma_and_beta_set_spread_and_mean():
    gamma, beta = np.array([0.5, -2.0, 1, 3, 1]), np.array([2.0, 0, -1, 4, 0])
    out = layers.batchnorm(X, gamma, beta, eps=0.0)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=0), np.abs(gamma))


def test_l2_normalize_matches_torch_and_has_unit_norm():
    out = layers.l2_normalize(X)
    np.testing.assert_allclose(out, F.normalize(t(X), dim=-1).numpy(), atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(out, axis=-1), 1.0)
    # Direction is kept: the output is a positive multiple of the input.
    assert np.all((out * X).sum(axis=-1) > 0)


def test_image_output_range_and_rounding():
    x = np.linspace(-50, 50, 1001)
    out = layers.image_output(x)
    assert out.min() >= 0 and out.max() <= 255
    np.testing.assert_allclose(layers.image_output(0.0), 127.5)
    pixels = layers.to_pixels(x)
    assert pixels.dtype == np.uint8
    expected = torch.round(255 * torch.sigmoid(t(x))).to(torch.uint8).numpy()
    np.testing.assert_array_equal(pixels, expected)
