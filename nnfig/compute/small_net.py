"""The small two-layer net that classifies data no line can separate.

Its weights live here and only here: the figures, the chapters' printed
matrices and equations, and the tensors chapter all read these arrays.

    z = W1 x + b1,   h = relu(z),   z3 = W2 h + b2,   y = threshold(z3)

With these weights z1 = x1 − x2 and z2 = 2x1 + x2, so y = 1 exactly where
x1 − x2 > max(2x1 + x2, 0): a wedge below the origin.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers
from nnfig.compute.tex import linear_tex

W1 = np.array([[1.0, -1.0], [2.0, 1.0]])
b1 = np.array([0.0, 0.0])
W2 = np.array([[1.0, -1.0]])
b2 = np.array([0.0])


@dataclass(frozen=True)
class Activations:
    """Every neuron's value for a batch of N inputs (rows are datapoints)."""

    x: np.ndarray  # (N, 2)
    z: np.ndarray  # (N, 2) pre-activations z1, z2
    h: np.ndarray  # (N, 2) post-activations h1, h2
    z3: np.ndarray  # (N,)
    y: np.ndarray  # (N,)


def forward(x: np.ndarray) -> Activations:
    """Run a batch of points of shape (N, 2) through the net."""
    x = np.asarray(x, dtype=float)
    z = layers.linear(x, W1, b1)
    h = layers.relu(z)
    z3 = layers.linear(h, W2, b2)[:, 0]
    return Activations(x, z, h, z3, layers.threshold(z3))


def nonlinear_data(*, seed: int, n: int, margin: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points in [−2, 2]², labelled by the net, half of each class.

    A point is kept only if the net gives the same label to the whole disk of
    radius ``margin`` around it, so no point sits on the decision boundary.
    Class 0 lies on both sides of the wedge of class 1: no line separates
    them, while the net classifies every point correctly (the tests check both).
    """
    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    ring = margin * np.column_stack([np.cos(angles), np.sin(angles)])
    want = {0.0: n - n // 2, 1.0: n // 2}
    points: dict[float, list] = {0.0: [], 1.0: []}
    while any(len(points[c]) < want[c] for c in want):
        x = rng.uniform(-2, 2, size=(256, 2))
        label = forward(x).y
        around = forward((x[:, None, :] + ring[None]).reshape(-1, 2)).y.reshape(len(x), -1)
        for xi, yi, ok in zip(x, label, (around == label[:, None]).all(axis=1), strict=True):
            if ok and len(points[yi]) < want[yi]:
                points[yi].append(xi)
    x = np.array(points[0.0] + points[1.0])
    y = np.array([0.0] * want[0.0] + [1.0] * want[1.0])
    order = rng.permutation(n)
    return x[order], y[order]


def equations_tex() -> dict[str, str]:
    """The per-neuron equations of the net, in LaTeX, generated from the weights."""
    x, h = ["x_1", "x_2"], ["h_1", "h_2"]
    return {
        "z1": f"z_1 = {linear_tex(W1[0], b1[0], x)}",
        "z2": f"z_2 = {linear_tex(W1[1], b1[1], x)}",
        "z3": f"z_3 = {linear_tex(W2[0], b2[0], h)}",
    }


@dataclass(frozen=True)
class Labelled:
    """The data set no line separates, and how many points the net classifies correctly."""

    x: np.ndarray  # (N, 2)
    y: np.ndarray  # (N,) labels 0 and 1
    correct: int


def labelled(*, seed: int = 0, n_points: int = 80) -> Labelled:
    """What ``nonlinear-data`` draws: ``nonlinear_data`` with the book's seed and size."""
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=2, maximum=2000)
    x, y = nonlinear_data(seed=seed, n=n)
    return Labelled(x, y, int((forward(x).y == y).sum()))


@dataclass(frozen=True)
class Values:
    """Every neuron of the net over a grid of the square [−2, 2]², with the data set."""

    data: Labelled
    grid: np.ndarray  # (G,) coordinates along each axis
    out: Activations  # of the G·G grid points, x1 varying fastest


def values(*, seed: int = 0, n_points: int = 80) -> Values:
    """What ``two-layer-net-values`` draws."""
    grid = np.linspace(-2, 2, 241)
    out = forward(np.stack(np.meshgrid(grid, grid), axis=-1).reshape(-1, 2))
    return Values(labelled(seed=seed, n_points=n_points), grid, out)
