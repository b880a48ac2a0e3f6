"""The perceptron, its data and Rosenblatt's learning rule. No matplotlib here."""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers, store

#: The perceptron of the classifier figure: z = w·x + b with w = (2, 1), b = 0.
CLASSIFIER_W = (2.0, 1.0)
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
    trigger: np.ndarray  # (updates,) index of the misclassified point behind each update

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
    ws, bs, trigger = [w.copy()], [b], []
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for i in rng.permutation(len(x)):
            error = y[i] - perceptron(x[i], w, b)[1]
            if error != 0:
                w, b = w + lr * error * x[i], b + lr * error
                ws.append(w.copy())
                bs.append(b)
                trigger.append(int(i))
                mistakes += 1
        if mistakes == 0:
            return Training(np.array(ws), np.array(bs), epoch, np.array(trigger, dtype=int))
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


def classifier_field(*, w=CLASSIFIER_W, b: float = CLASSIFIER_B, extent: float = 2.0) -> Field:
    """z and y of the perceptron (w, b) over the plane: what ``perceptron-classifier`` draws.

    Parameters
    ----------
    w : pair of float, optional
        The weight vector (w1, w2); not zero, or there is no decision line.
    b : float, optional
        The bias.
    extent : float, optional
        Half-width of the square [−extent, extent]² over which z and y are computed.

    Returns
    -------
    Field
        w, b, the extent, the grid and the values of z and y on it.
    """
    w = checks.vector("w", w, length=2)
    b = checks.real("b", b)
    lim = checks.real("extent", extent, positive=True, bound=100)
    if not np.any(w):
        raise ValueError("w must not be the zero vector: there would be no decision line")
    grid = np.linspace(-lim, lim, 301)
    z, y = perceptron(np.stack(np.meshgrid(grid, grid), axis=-1), w, b)
    return Field(w, b, lim, grid, z, y)


def widest_margin(a: np.ndarray) -> tuple[float, np.ndarray]:
    """The largest γ, and the unit vector u attaining it, with a_i·u ≥ γ for every row a_i.

    The shortest v with every a_i·v ≥ 1 (a small quadratic programme, solved by
    scipy's SLSQP) points along u, and γ = 1/‖v‖: the hard-margin problem of a
    support vector machine without its intercept.
    """
    from scipy.optimize import minimize  # only this figure needs it

    result = minimize(
        lambda v: v @ v,
        np.zeros(a.shape[1]),
        jac=lambda v: 2 * v,
        constraints=[{"type": "ineq", "fun": lambda v: a @ v - 1, "jac": lambda v: a}],
        method="SLSQP",
        options={"ftol": 1e-12, "maxiter": 500},
    )
    if not result.success or (a @ result.x).min() < 1 - 1e-6:
        raise ValueError("the examples are not linearly separable")
    v = result.x
    return 1 / np.linalg.norm(v), v / np.linalg.norm(v)


@dataclass(frozen=True)
class Convergence:
    """Novikoff's bound on the number of updates, with the bias folded in.

    The rule runs on x̃ = (x₁, x₂, 1) and w̃ = (w₁, w₂, b). With every ‖x̃‖ ≤ R
    and a unit vector u with (2y − 1)·u·x̃ ≥ γ > 0 for every example, the rule
    started from w̃ = 0 makes at most (R/γ)² updates.
    """

    radius: float  # R, the longest x̃
    margin: float  # γ, the widest margin of any unit vector u
    bound: float  # (R/γ)², for a start from w̃ = 0
    bound_from_start: float  # the same argument for the run's own random start


def convergence(x: np.ndarray, y: np.ndarray, run: Training, lr: float) -> Convergence:
    """R, γ and the bounds on the number of updates for data (x, y) and a run from ``run``'s start.

    From a start w̃₀, after k updates u·w̃/η ≥ a + kγ and ‖w̃/η‖² ≤ s + kR², with
    a = u·w̃₀/η and s = ‖w̃₀/η‖²; so (a + kγ)² ≤ s + kR² caps k (for w̃₀ = 0:
    k ≤ (R/γ)²).
    """
    folded = np.column_stack([x, np.ones(len(x))])
    radius = float(np.linalg.norm(folded, axis=1).max())
    gamma, u = widest_margin((2 * y - 1)[:, None] * folded)
    start = np.append(run.w[0], run.b[0]) / lr
    a, s = u @ start, start @ start
    # The larger root of γ²k² + (2aγ − R²)k + a² − s = 0.
    half = radius**2 / 2 - a * gamma
    k_max = (half + np.sqrt(half**2 + gamma**2 * (s - a**2))) / gamma**2
    return Convergence(radius, float(gamma), float((radius / gamma) ** 2), float(k_max))


@dataclass(frozen=True)
class Learning:
    """A run of the learning rule on a data set, with the errors after each update."""

    x: np.ndarray
    y: np.ndarray
    run: Training
    errors: np.ndarray  # misclassified points for each stored weight vector
    lr: float
    convergence: Convergence


@store.once
def learning(*, seed: int = 2, n_points: int = 40, lr: float = 0.5) -> Learning:
    """The learning rule on a seeded separable data set: what ``perceptron-learning`` draws.

    Parameters
    ----------
    seed : int, optional
        Seed of the data set, the initial weights and the order points are visited in.
    n_points : int, optional
        Number of points in the data set, 2 to 400.
    lr : float, optional
        The learning rate, positive, at most 10: it scales every update and the
        random start alike, so it changes the length of w but not the decision
        lines nor the number of updates.

    Returns
    -------
    Learning
        The data, the run (the line after every update), the misclassified
        points after each update, and the convergence bound.
    """
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=2, maximum=400)
    lr = checks.real("lr", lr, positive=True, bound=10)
    x, y = separable_data(seed=seed, n=n)
    run = learn(x, y, seed=seed, lr=lr)
    return Learning(x, y, run, run.errors(x, y), lr, convergence(x, y, run, lr))
