"""Worked examples of the catalogue's layers: what the layers chapter's figures draw.

No matplotlib here. Each function takes the figure's parameters (their defaults
are the book's figure) and returns the inputs and outputs of one layer.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, data, layers

#: The score vector of the softmax figure and of the chapter's worked example.
SCORES = (2.0, 1.0, 0.1, -1.0)
#: Temperatures shown as bar charts, from peaky to flat.
TEMPERATURES = (0.25, 0.5, 1.0, 4.0)
#: Per-unit γ and β of the batch-norm figure.
GAMMA = (0.5, 1.0, 2.0)
BETA = (2.0, 0.0, -1.0)


@dataclass(frozen=True)
class Activations:
    """Four activation functions over the same inputs, and tanh rebuilt from the sigmoid."""

    x: np.ndarray
    threshold: np.ndarray
    sigmoid: np.ndarray
    tanh: np.ndarray
    relu: np.ndarray
    dots: np.ndarray  # about 20 of the inputs
    tanh_from_sigmoid: np.ndarray  # 2·sigmoid(2x) − 1 at the dots: the same values as tanh


def activations(*, x_range=(-4.0, 4.0), n_samples: int = 401) -> Activations:
    """Threshold, sigmoid, tanh and relu over an interval: what ``activations`` draws.

    Parameters
    ----------
    x_range : pair of float, optional
        The interval of inputs (low, high).
    n_samples : int, optional
        Number of evenly spaced inputs, 3 to 100 000.

    Returns
    -------
    Activations
        The inputs, each function's values, and tanh recomputed from sigmoid at
        every twentieth input.
    """
    lo, hi = checks.interval("x_range", x_range)
    n = checks.integer("n_samples", n_samples, minimum=3, maximum=100_000)
    x = np.linspace(lo, hi, n)
    dots = x[:: max(1, n // 20)]
    return Activations(
        x,
        layers.threshold(x),
        layers.sigmoid(x),
        layers.tanh(x),
        layers.relu(x),
        dots,
        2 * layers.sigmoid(2 * dots) - 1,
    )


@dataclass(frozen=True)
class Batchnorm:
    """A batch of three units before batch norm, standardized, and scaled by γ and shifted by β."""

    x: np.ndarray  # (N, 3)
    standard: np.ndarray
    out: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray
    jitter: np.ndarray  # vertical spread of the dots, so that they do not hide each other


def batchnorm(*, seed: int = 3, batch_size: int = 48, gamma=GAMMA, beta=BETA) -> Batchnorm:
    """A batch of three units, normalized, then scaled and shifted: what ``batchnorm`` draws.

    Parameters
    ----------
    seed : int, optional
        Seed of the batch (and of the jitter that spreads its dots).
    batch_size : int, optional
        Number of examples in the batch, 2 to 2000.
    gamma : sequence of 3 float, optional
        The scale γ of each unit.
    beta : sequence of 3 float, optional
        The shift β of each unit.

    Returns
    -------
    Batchnorm
        The batch before, as standard scores and after γ and β.
    """
    seed = checks.seed(seed)
    n = checks.integer("batch_size", batch_size, minimum=2, maximum=2000)
    gamma = checks.vector("gamma", gamma, length=3)
    beta = checks.vector("beta", beta, length=3)
    x = data.unit_batch(seed=seed, batch_size=n, means=(3.0, -1.5, 0.5), stds=(0.6, 2.0, 1.1))
    jitter = np.random.default_rng(seed + 1).uniform(-0.15, 0.15, size=x.shape)
    return Batchnorm(
        x,
        layers.batchnorm(x, eps=0.0),
        layers.batchnorm(x, gamma, beta, eps=0.0),
        gamma,
        beta,
        jitter,
    )


@dataclass(frozen=True)
class Normalized:
    """Points of the plane and their L2-normalized images."""

    x: np.ndarray  # (N, 2)
    y: np.ndarray  # (N, 2), each of length 1


def l2_norm(*, seed: int = 0, n_points: int = 40) -> Normalized:
    """Points in the plane and their L2 normalization: what ``l2-norm`` draws.

    Parameters
    ----------
    seed : int, optional
        Seed of the points.
    n_points : int, optional
        Number of points, 1 to 2000.

    Returns
    -------
    Normalized
        The points and the same points scaled to unit length.
    """
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=1, maximum=2000)
    x = data.plane_points(seed=seed, n=n)
    return Normalized(x, layers.l2_normalize(x))


@dataclass(frozen=True)
class Softmax:
    """One score vector and its softmax at several temperatures and along a sweep of them."""

    scores: np.ndarray  # (K,)
    temperatures: np.ndarray  # (T,) the temperatures drawn as bars
    probabilities: np.ndarray  # (T, K) softmax(scores / τ) for each of them
    sweep: np.ndarray  # (S,) temperatures from 0.1 to 10
    swept: np.ndarray  # (S, K)


def softmax(*, scores=SCORES, temperatures=TEMPERATURES) -> Softmax:
    """A vector of scores and its softmax at several temperatures: what ``softmax-temperature``
    draws.

    Parameters
    ----------
    scores : sequence of float, optional
        The scores (logits), one per class.
    temperatures : sequence of float, optional
        The temperatures shown as bar charts, each positive; at most eight.

    Returns
    -------
    Softmax
        The scores, the temperatures, the softmax at each, and the softmax over
        a sweep of temperatures from 0.1 to 10.
    """
    s = checks.vector("scores", scores)
    taus = checks.vector("temperatures", temperatures, positive=True, max_length=8)
    sweep = np.geomspace(0.1, 10, 200)
    return Softmax(
        s,
        taus,
        np.array([layers.softmax(s, temperature=tau) for tau in taus]),
        sweep,
        layers.softmax(s[None, :] / sweep[:, None]),
    )


@dataclass(frozen=True)
class ImageOutput:
    """A smooth H × W × 3 activation map, its pixels, and the pixel traced through the layer."""

    activations: np.ndarray  # (H, W, 3)
    pixels: np.ndarray  # (H, W, 3) uint8
    traced: tuple[int, int]  # (row, column)


def image_output(*, seed: int = 7, size: int = 48) -> ImageOutput:
    """Smooth random activations and the pixels 255·sigmoid makes of them: what
    ``image-output`` draws.

    Parameters
    ----------
    seed : int, optional
        Seed of the activations.
    size : int, optional
        Height and width of the image in pixels, 4 to 256.

    Returns
    -------
    ImageOutput
        The activations (three channels), the pixel values and the pixel the
        figure follows.
    """
    seed = checks.seed(seed)
    n = checks.integer("size", size, minimum=4, maximum=256)
    act = data.smooth_field(seed=seed, height=n, width=n, channels=3)
    return ImageOutput(act, layers.to_pixels(act), (n // 3, (2 * n) // 3))
