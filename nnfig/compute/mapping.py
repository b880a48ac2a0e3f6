"""What simple layers do to points: the mapping figures of the distributions chapter.

No matplotlib here. ``identity``, ``layers_1d``, ``stack`` and ``blob`` each take
a figure's parameters (defaults: the book's figure) and return the points
before and after.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, data, layers

#: The 1-D layers of ``mapping-1d-layers``, by name.
LAYERS_1D = {
    "stretch": lambda x: 2 * x,
    "squash": lambda x: x / 2,
    "shift": lambda x: x + 1,
    "flip": lambda x: -x,
    "relu": layers.relu,
    "sigmoid": layers.sigmoid,
}

#: The linear–relu stack of ``mapping-1d-stack``: (weight, bias) of each linear layer.
STACK = ((1.5, -0.5), (-1.0, 1.0), (2.0, -1.0))

#: The folds of ``mapping-1d-stack``: layer k maps y to |y − c_k| = relu(y − c_k) + relu(c_k − y).
FOLDS = (0.0, 1.0)

#: How many points of ``mapping-2d-layers`` are joined to their image, to be followed.
N_JOINED = 24

#: The linear layer of ``mapping-2d-layers``.
W_2D = np.array([[1.0, 0.8], [-0.6, 0.9]])
B_2D = np.array([0.4, -0.2])


def identity(*, n_points: int = 9) -> np.ndarray:
    """Evenly spaced points of [−2, 2]: the identity maps them onto themselves.

    Parameters
    ----------
    n_points : int, optional
        Number of points, 2 to 41.

    Returns
    -------
    numpy.ndarray
        The points, shape (n_points,).
    """
    return np.linspace(-2, 2, checks.integer("n_points", n_points, minimum=2, maximum=41))


@dataclass(frozen=True)
class Layers1D:
    x: np.ndarray  # evenly spaced points of [−extent, extent]
    extent: float
    outputs: dict[str, np.ndarray]  # layer name → image of x


def layers_1d(*, n_points: int = 13, extent: float = 2.0) -> Layers1D:
    """Each layer of ``LAYERS_1D`` applied to evenly spaced points.

    Parameters
    ----------
    n_points : int, optional
        Number of points, 2 to 41.
    extent : float, optional
        The points span [−extent, extent]; positive, at most 10.

    Returns
    -------
    Layers1D
        The points, the extent and each layer's outputs by name.
    """
    n = checks.integer("n_points", n_points, minimum=2, maximum=41)
    a = checks.real("extent", extent, positive=True, bound=10)
    x = np.linspace(-a, a, n)
    return Layers1D(x, a, {name: f(x) for name, f in LAYERS_1D.items()})


@dataclass(frozen=True)
class Stack:
    stages: list[np.ndarray]  # x, z1, h1, z2, h2, …
    names: list[str]  # "x", "z1", "h1", …
    stack: tuple[tuple[float, float], ...]  # (weight, bias) of each linear layer


def stack_stages(x: np.ndarray, stack=STACK) -> Stack:
    """x, z1, h1, z2, h2, … for the 1-D linear–relu stack."""
    stages, names, h = [x], ["x"], x
    for i, (w, b) in enumerate(stack, start=1):
        z = w * h + b
        h = layers.relu(z)
        stages += [z, h]
        names += [f"z{i}", f"h{i}"]
    return Stack(stages, names, stack)


@dataclass(frozen=True)
class Folds:
    stages: list[np.ndarray]  # x, x1, x2, …: the 1-D output of each two-unit layer
    hidden: list[np.ndarray]  # (n, 2) the two relu units inside each fold layer
    shifts: tuple[float, ...]  # c_k of each fold layer (``FOLDS``)


def fold_stages(x: np.ndarray, shifts=FOLDS) -> Folds:
    """Each layer: two relu units, relu(y − c) and relu(c − y), summed by a linear layer."""
    W, stages, hidden = np.array([[1.0], [-1.0]]), [x], []
    for c in shifts:
        h = layers.relu(layers.linear(stages[-1][:, None], W, np.array([-c, c])))
        hidden.append(h)
        stages.append(h @ np.ones(2))  # the output layer: weights (1, 1), bias 0
    return Folds(stages, hidden, tuple(shifts))


@dataclass(frozen=True)
class Stacks:
    """The two stacks of ``mapping-1d-stack``: one unit per layer, and two."""

    narrow: Stack
    folds: Folds


def stack(*, n_points: int = 17) -> Stacks:
    """Evenly spaced points of [−2, 2] through the stacks ``STACK`` and ``FOLDS``.

    Parameters
    ----------
    n_points : int, optional
        Number of points, 2 to 41.

    Returns
    -------
    Stacks
        The points at every stage of each stack.
    """
    x = np.linspace(-2, 2, checks.integer("n_points", n_points, minimum=2, maximum=41))
    return Stacks(stack_stages(x), fold_stages(x))


def monotone(x: np.ndarray, y: np.ndarray) -> bool:
    """Whether y, as a function of the sorted x, never changes direction."""
    steps = np.diff(y[np.argsort(x)])
    return bool(np.all(steps >= 0) or np.all(steps <= 0))


def quadrant(points: np.ndarray) -> np.ndarray:
    """0…3: the quadrant of each point (+,+), (−,+), (−,−), (+,−)."""
    right, up = points[:, 0] >= 0, points[:, 1] >= 0
    return np.select([right & up, ~right & up, ~right & ~up], [0, 1, 2], 3)


def relu_pile_up(x: np.ndarray) -> dict[str, float]:
    """Shares of points that relu sends onto an axis (one coordinate zero) or to the origin."""
    zeros = (layers.relu(x) == 0).sum(axis=1)
    return {"axis": float(np.mean(zeros == 1)), "origin": float(np.mean(zeros == 2))}


@dataclass(frozen=True)
class Blob:
    x: np.ndarray  # (N, 2) the Gaussian blob
    outputs: dict[str, np.ndarray]  # "linear", "relu", "sigmoid" → (N, 2) image of x
    quadrant: np.ndarray  # (N,) where each point starts
    joined: np.ndarray  # indices of the points joined to their images in the figure
    pile_up: dict[str, float]  # what relu does to the blob (``relu_pile_up``)


def blob(*, seed: int = 0, n_points: int = 400) -> Blob:
    """A Gaussian blob at the origin through a linear layer, a relu and a sigmoid.

    Parameters
    ----------
    seed : int, optional
        Seed of the blob (and of the points joined by lines to their images).
    n_points : int, optional
        Number of points in the blob, 10 to 5000.

    Returns
    -------
    Blob
        The points, each layer's outputs, their quadrants, the points followed
        and how many relu piles up on the axes.
    """
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=10, maximum=5000)
    x = data.gaussian_blob(seed=seed, n_points=n)
    outputs = {
        "linear": layers.linear(x, W_2D, B_2D),
        "relu": layers.relu(x),
        "sigmoid": layers.sigmoid(x),
    }
    picks = np.random.default_rng(seed + 1).choice(n, size=min(N_JOINED, n), replace=False)
    return Blob(x, outputs, quadrant(x), picks, relu_pile_up(x))
