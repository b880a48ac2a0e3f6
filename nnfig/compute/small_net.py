"""The small two-layer net that classifies data no line can separate.

Its weights live here and only here: the figures, the chapters' printed
matrices and equations, and the tensors chapter all read these arrays.

    z = W1 x + b1,   h = relu(z),   z3 = W2 h + b2,   y = threshold(z3)

With these weights z1 = x1 − x2 and z2 = 2x1 + x2, so y = 1 exactly where
x1 − x2 > max(2x1 + x2, 0): a wedge below the origin, between the rays toward
(−1, −1) and (2, −1).
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers
from nnfig.compute.tex import linear_tex

W1 = np.array([[1.0, -1.0], [2.0, 1.0]])
b1 = np.array([0.0, 0.0])
W2 = np.array([[1.0, -1.0]])
b2 = np.array([0.0])

#: The (x1, x2) ranges of the data and of every plot of it. The wedge's left arm
#: meets the bottom edge with room to spare and its right arm meets the right edge
#: well below the apex, so class 0 shows on both sides of the wedge.
BOX = ((-2.5, 2.5), (-1.5, 1.0))

#: The plotted (x1, x2) ranges: ``BOX`` widened by a margin, so that a marker of a
#: point on the edge of ``BOX`` is drawn whole instead of cut in half.
PAD = 0.15
VIEW = tuple((lo - PAD, hi + PAD) for lo, hi in BOX)


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


#: Unit vectors along the two edges of the class-1 wedge, where z1 = 0 and z3 = 0.
WEDGE_EDGES = np.array([[-1.0, -1.0], [2.0, -1.0]]) / np.sqrt([[2.0], [5.0]])


def distance_to_wedge(x: np.ndarray) -> np.ndarray:
    """Distance of each point of ``x`` (N, 2) outside the class-1 wedge to the wedge."""
    along = np.maximum(x @ WEDGE_EDGES.T, 0)  # (N, 2): nearest point on each edge
    gaps = x[:, None, :] - along[..., None] * WEDGE_EDGES[None]
    return np.linalg.norm(gaps, axis=-1).min(axis=1)


def nonlinear_data(
    *, seed: int, n: int, margin: float = 0.2, band: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points in ``BOX``, labelled by the net, half of each class.

    A point is kept only if the net gives the same label to the whole disk of
    radius ``margin`` around it, so no point sits on the decision boundary.
    Class 0 is kept within ``band`` of the wedge of class 1, so it hugs the
    wedge on both sides: no line separates the classes, while the net
    classifies every point correctly (the tests check both).
    """
    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    ring = margin * np.column_stack([np.cos(angles), np.sin(angles)])
    want = {0.0: n - n // 2, 1.0: n // 2}
    points: dict[float, list] = {0.0: [], 1.0: []}
    while any(len(points[c]) < want[c] for c in want):
        (lo1, hi1), (lo2, hi2) = BOX
        x = rng.uniform((lo1, lo2), (hi1, hi2), size=(256, 2))
        label = forward(x).y
        near = (label == 1) | (distance_to_wedge(x) <= band)
        x, label = x[near], label[near]
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
    """The data set no line separates, and what the net does with it."""

    x: np.ndarray  # (N, 2)
    y: np.ndarray  # (N,) labels 0 and 1
    correct: int  # points the net classifies correctly
    both_off: int  # points where both hidden units are off, so z3 = 0


def labelled(*, seed: int = 0, n_points: int = 80) -> Labelled:
    """What ``nonlinear-data`` draws: ``nonlinear_data`` with the book's seed and size.

    Parameters
    ----------
    seed : int, optional
        Seed of the points.
    n_points : int, optional
        Number of labelled points, 2 to 2000.

    Returns
    -------
    Labelled
        The points, their labels, how many the hand-set net classifies right and
        how many it maps to zero in both hidden units.
    """
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=2, maximum=2000)
    x, y = nonlinear_data(seed=seed, n=n)
    out = forward(x)
    return Labelled(x, y, int((out.y == y).sum()), int((out.h == 0).all(axis=1).sum()))


@dataclass(frozen=True)
class Values:
    """Every neuron of the net over a grid of ``VIEW``, with the data set."""

    data: Labelled
    x1: np.ndarray  # (G1,) grid coordinates along x1
    x2: np.ndarray  # (G2,) grid coordinates along x2
    out: Activations  # of the G2·G1 grid points, x1 varying fastest


def values(*, seed: int = 0, n_points: int = 80) -> Values:
    """What ``two-layer-net-values`` draws: the hand-set net's values over the plane.

    Parameters
    ----------
    seed : int, optional
        Seed of the labelled points drawn over the values.
    n_points : int, optional
        Number of labelled points, 2 to 2000.

    Returns
    -------
    Values
        The labelled points, the grid and the net's values on it.
    """
    x1, x2 = (np.linspace(lo, hi, round((hi - lo) * 60) + 1) for lo, hi in VIEW)
    out = forward(np.stack(np.meshgrid(x1, x2), axis=-1).reshape(-1, 2))
    return Values(labelled(seed=seed, n_points=n_points), x1, x2, out)


@dataclass(frozen=True)
class Training:
    """Stochastic gradient descent on the book's data, one datapoint per step.

    Step t runs the net forward on one datapoint (its activations are
    ``outputs[t]``) and then nudges the parameters; ``theta[t]`` holds the
    parameters before step t, ``theta[-1]`` those after the last step.
    """

    n_points: int  # datapoints per pass over the data
    passes: int
    outputs: np.ndarray  # (steps,) z3 of the datapoint processed at each step
    theta: np.ndarray  # (steps + 1, 9) W1, b1, W2, b2 flattened
    accuracy: float  # share of the data the final net classifies correctly


def train(*, seed: int = 0, passes: int = 8, learning_rate: float = 0.1) -> Training:
    """Learn the small net's nine parameters from a random start by SGD on the logistic loss.

    The same architecture as the hand-set net (two relu units, one output), so
    the activations recorded are the z3 this chapter draws.

    Parameters
    ----------
    seed : int, optional
        Seed of the initial parameters and of the order examples are visited in.
    passes : int, optional
        Number of passes over the data set, 1 to 12.
    learning_rate : float, optional
        The SGD step size, positive, at most 1.

    Returns
    -------
    Training
        The parameters and the net's outputs recorded along the way.
    """
    seed = checks.seed(seed)
    passes = checks.integer("passes", passes, minimum=1, maximum=12)
    lr = checks.real("learning_rate", learning_rate, positive=True, bound=1.0)
    data = labelled()
    rng = np.random.default_rng(seed)
    w1, c1 = rng.normal(0, 0.7, (2, 2)), np.zeros(2)
    w2, c2 = rng.normal(0, 0.7, 2), 0.0
    outputs, theta = [], [np.concatenate([w1.ravel(), c1, w2, [c2]])]
    for _ in range(passes):
        for i in rng.permutation(len(data.x)):
            x, sign = data.x[i], 2 * data.y[i] - 1
            z = w1 @ x + c1
            h = np.maximum(z, 0)
            z3 = float(w2 @ h + c2)
            # d/dz3 of log(1 + exp(−sign·z3)), then back through the two layers.
            g = -sign * np.exp(-np.logaddexp(0.0, sign * z3))
            dz = g * w2 * (z > 0)
            w2, c2 = w2 - lr * g * h, c2 - lr * g
            w1, c1 = w1 - lr * np.outer(dz, x), c1 - lr * dz
            outputs.append(z3)
            theta.append(np.concatenate([w1.ravel(), c1, w2, [c2]]))
    z3 = np.maximum(data.x @ w1.T + c1, 0) @ w2 + c2
    accuracy = float(((z3 > 0) == (data.y == 1)).mean())
    return Training(len(data.x), passes, np.array(outputs), np.array(theta), accuracy)
