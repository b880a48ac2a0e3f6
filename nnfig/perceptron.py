"""The perceptron, its data and Rosenblatt's learning rule. No matplotlib here."""

from dataclasses import dataclass

import numpy as np

from nnfig import layers

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
