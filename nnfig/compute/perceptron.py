"""The perceptron, its data and Rosenblatt's learning rule. No matplotlib here."""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers

#: The perceptron of the classifier figure: z = w·x + b with w = (2, 1), b = 0.
CLASSIFIER_W = np.array([2.0, 1.0])
CLASSIFIER_B = 0.0


def perceptron(x: np.ndarray, w: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Return (z, y) for inputs ``x`` of shape (..., 2): z = wᵀx + b, y = threshold(z)."""
    z = np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b
    return z, layers.threshold(z)


def separable_data(*, seed: int, n: int, margin: float = 0.25) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points in [−3, 3]² labelled by a hidden line, none closer than ``margin`` to it."""
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, 2 * np.pi)
    normal, offset = np.array([np.cos(angle), np.sin(angle)]), rng.uniform(-0.8, 0.8)
    points, labels = [], []
    while len(points) < n:
        x = rng.uniform(-3, 3, size=2)
        distance = x @ normal + offset
        if abs(distance) >= margin:
            points.append(x)
            labels.append(float(distance > 0))
    return np.array(points), np.array(labels)


@dataclass(frozen=True)
class Training:
    """Weights after every update of the learning rule (row 0: the initial guess)."""

    w: np.ndarray  # (updates + 1, 2)
    b: np.ndarray  # (updates + 1,)
    epochs: int

    def errors(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Number of misclassified points for each stored weight vector."""
        wrong = [(perceptron(x, w, b)[1] != y).sum() for w, b in zip(self.w, self.b, strict=True)]
        return np.array(wrong)


def learn(
    x: np.ndarray, y: np.ndarray, *, seed: int, lr: float = 0.5, max_epochs: int = 100
) -> Training:
    """Rosenblatt's perceptron rule: for each misclassified point, w += lr·(y − ŷ)·x.

    Points are visited in a seeded random order each epoch; learning stops after
    the first epoch without a mistake. The random initial weights are scaled by
    ``lr`` as well, so the sequence of decision lines is the same for every
    ``lr`` (only the length of w changes) and convergence never hinges on it.
    """
    rng = np.random.default_rng(seed)
    w, b = lr * rng.normal(size=2), lr * float(rng.normal())
    ws, bs = [w.copy()], [b]
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for i in rng.permutation(len(x)):
            error = y[i] - perceptron(x[i], w, b)[1]
            if error != 0:
                w, b = w + lr * error * x[i], b + lr * error
                ws.append(w.copy())
                bs.append(b)
                mistakes += 1
        if mistakes == 0:
            return Training(np.array(ws), np.array(bs), epoch)
    raise RuntimeError(f"the perceptron rule did not converge in {max_epochs} epochs")


@dataclass(frozen=True)
class Field:
    """A perceptron evaluated over the square [−extent, extent]²."""

    w: np.ndarray
    b: float
    extent: float
    grid: np.ndarray  # (G,) coordinates along each axis
    z: np.ndarray  # (G, G) pre-activation, rows along x2
    y: np.ndarray  # (G, G) output


def classifier_field(
    *, w=tuple(CLASSIFIER_W), b: float = CLASSIFIER_B, extent: float = 2.0
) -> Field:
    """z and y of the perceptron (w, b) over the plane: what ``perceptron-classifier`` draws."""
    w = checks.vector("w", w, length=2)
    b = checks.real("b", b)
    lim = checks.real("extent", extent, positive=True, bound=100)
    if not np.any(w):
        raise ValueError("w must not be the zero vector: there would be no decision line")
    grid = np.linspace(-lim, lim, 301)
    z, y = perceptron(np.stack(np.meshgrid(grid, grid), axis=-1), w, b)
    return Field(w, b, lim, grid, z, y)


@dataclass(frozen=True)
class Learning:
    """A run of the learning rule on a data set, with the errors after each update."""

    x: np.ndarray
    y: np.ndarray
    run: Training
    errors: np.ndarray  # misclassified points for each stored weight vector
    lr: float


def learning(*, seed: int = 2, n_points: int = 40, lr: float = 0.5) -> Learning:
    """The learning rule on a seeded separable data set: what ``perceptron-learning`` draws."""
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=2, maximum=400)
    lr = checks.real("lr", lr, positive=True, bound=10)
    x, y = separable_data(seed=seed, n=n)
    run = learn(x, y, seed=seed, lr=lr)
    return Learning(x, y, run, run.errors(x, y), lr)
