"""The answers to the chapters' exercises, computed by the code the figures use. No matplotlib here.

Each function answers one exercise (its docstring names it) and returns the
numbers its solution prints; the chapter glues them, and
``tests/book/test_exercises.py`` checks both the answers and the printed page.
The functions reuse the compute functions of the figures (``perceptron``,
``small_net``, ``bumps``, ``layers``, ``tensors``, ``mapping``, ``volume``), so
an exercise and the figure it asks about cannot drift apart.
"""

import itertools
from dataclasses import dataclass

import numpy as np

from nnfig.compute import bumps, layers, mapping, perceptron, small_net, tensors, volume

# Perceptrons ---------------------------------------------------------------------------

#: Exercise 1.1: the classifier figure's perceptron, with this bias instead of its own.
BOUNDARY_B = -2.0
#: Exercise 1.1: the point the reader classifies.
BOUNDARY_POINT = (1.0, 0.5)


@dataclass(frozen=True)
class Boundary:
    """Where the decision line z = 0 of a two-input perceptron lies, and one point's side."""

    x1_intercept: float  # where the line crosses the x1 axis (x2 = 0)
    x2_intercept: float  # where it crosses the x2 axis (x1 = 0)
    distance: float  # |b| / ‖w‖, from the origin
    distance_doubled: float  # the same with w doubled
    z: float  # z at the point
    y: float  # the output at the point


def boundary(w=tuple(perceptron.CLASSIFIER_W), b=BOUNDARY_B, point=BOUNDARY_POINT) -> Boundary:
    """Exercise 1.1: the decision line of the perceptron (w, b) and the output at ``point``.

    The line w₁x₁ + w₂x₂ + b = 0 meets the axes at −b/w₁ and −b/w₂ (both weights
    are non-zero here) and lies |b|/‖w‖ from the origin.
    """
    w = np.asarray(w, dtype=float)
    z, y = perceptron.perceptron(np.asarray(point, dtype=float), w, b)
    return Boundary(
        float(-b / w[0]),
        float(-b / w[1]),
        float(abs(b) / np.linalg.norm(w)),
        float(abs(b) / np.linalg.norm(2 * w)),
        float(z),
        float(y),
    )


@dataclass(frozen=True)
class Update:
    """One step of the perceptron rule, worked out: before, the example, and after."""

    w0: np.ndarray  # weights before the update
    b0: float
    x: np.ndarray  # the misclassified example
    y: float  # its label
    z: float  # its weighted sum under (w0, b0)
    y_hat: float  # the wrong prediction
    lr: float
    w1: np.ndarray  # weights after the update
    b1: float


def first_update(learning: perceptron.Learning | None = None) -> Update:
    """Exercise 1.2: the first update of the run that ``perceptron-learning`` draws, by the rule.

    The rule is applied here by hand, w ← w + η(y − ŷ)x and b ← b + η(y − ŷ);
    the tests check that it gives the run's second weight vector.
    """
    run = learning if learning is not None else perceptron.learning()
    w0, b0 = run.run.w[0], float(run.run.b[0])
    i = int(run.run.trigger[0])
    x, y = run.x[i], float(run.y[i])
    z, y_hat = perceptron.perceptron(x, w0, b0)
    step = run.lr * (y - float(y_hat))
    return Update(w0, b0, x, y, float(z), float(y_hat), run.lr, w0 + step * x, b0 + step)


#: Exercise 1.3: the seeds and step sizes the reader tries.
SEEDS = (2, 3)
RATES = (0.5, 2.0)


@dataclass(frozen=True)
class Reruns:
    """Updates made by the perceptron rule for each (seed, step size), and the bounds."""

    seeds: tuple[int, ...]
    rates: tuple[float, ...]
    updates: np.ndarray  # (seeds, rates) updates until no point is misclassified
    epochs: np.ndarray  # (seeds, rates) passes over the data
    bound: np.ndarray  # (seeds,) the bound for the run's own random start, rounded down


def reruns(seeds=SEEDS, rates=RATES) -> Reruns:
    """Exercise 1.3: ``perceptron-learning`` with other seeds and step sizes.

    The seed draws the data, the start and the order of visits; the step size
    scales the start and every update alike, so it changes no decision line.
    """
    runs = [[perceptron.learning(seed=s, lr=r) for r in rates] for s in seeds]
    return Reruns(
        tuple(seeds),
        tuple(rates),
        np.array([[len(r.run.w) - 1 for r in row] for row in runs]),
        np.array([[r.run.epochs for r in row] for row in runs]),
        np.array([int(row[0].convergence.bound_from_start) for row in runs]),
    )


# Multilayer perceptrons ----------------------------------------------------------------

#: Exercise 2.1: two points the reader runs through the small net by hand.
FORWARD_POINTS = ((1.0, -1.5), (-1.0, 0.5))


def forward_by_hand(points=FORWARD_POINTS) -> small_net.Activations:
    """Exercise 2.1: every neuron of the small net for ``points``, by the book's own code."""
    return small_net.forward(np.asarray(points, dtype=float))


#: Exercise 2.2: numbers M of bumps, each twice the last.
BUMP_COUNTS = (6, 12, 24, 48)


@dataclass(frozen=True)
class BumpBudget:
    """What M bumps cost in relus and parameters, and the largest error they leave."""

    counts: tuple[int, ...]
    relus: tuple[int, ...]  # 4M hidden units
    parameters: tuple[int, ...]  # 12M + 1: weight and bias into each relu, weight out, one bias
    merged: tuple[int, ...]  # relus left when those with the same shift are merged: M + 2
    errors: tuple[float, ...]  # largest error over the domain
    ratios: tuple[float, ...]  # error(M) / error(2M), one per doubling


def bump_budget(counts=BUMP_COUNTS) -> BumpBudget:
    """Exercise 2.2: relus, parameters and largest error of ``relu-bumps`` for each M.

    Each tent is four relus ``bumps.bump_parts``; the net is 1 input → 4M relus →
    1 output. Linear interpolation on a grid of step h errs by O(h²), so doubling
    M should divide the error by about four.
    """
    errors = tuple(bumps.max_error(m) for m in counts)
    return BumpBudget(
        tuple(counts),
        tuple(4 * m for m in counts),
        tuple(3 * 4 * m + 1 for m in counts),
        tuple(len(kinks(m)) for m in counts),
        errors,
        tuple(a / b for a, b in itertools.pairwise(errors)),
    )


def kinks(n_bumps: int) -> np.ndarray:
    """The distinct shifts of the relus of ``relu-bumps`` with ``n_bumps`` tents, in order.

    A tent centred on c with ramps one grid step h wide has relus shifted by
    c − h, c, c and c + h (``bumps.bump_parts``), so neighbouring tents share
    shifts: the net needs one relu per distinct shift, the M centres and one
    grid step beyond each end.
    """
    centres = np.linspace(*bumps.DOMAIN, n_bumps)
    step = centres[1] - centres[0]
    shifts = np.concatenate([centres - step, centres, centres + step])
    return centres[0] + np.unique(np.round((shifts - centres[0]) / step)) * step


#: Exercise 2.3: step sizes of ``fast-slow`` to compare; the book's is 0.1.
LEARNING_RATES = (0.01, 0.1, 0.5)


@dataclass(frozen=True)
class RateComparison:
    """The small net trained by ``small_net.train`` at several step sizes."""

    rates: tuple[float, ...]
    accuracy: tuple[float, ...]  # share of the training data classified correctly
    correct: tuple[int, ...]  # the same as a count of points
    n_points: int
    drift: tuple[float, ...]  # ‖θ_final − θ_start‖: how far the parameters moved
    dead: tuple[int, ...]  # hidden units that end up zero on every training point


def learning_rates(rates=LEARNING_RATES) -> RateComparison:
    """Exercise 2.3: ``fast-slow`` with other step sizes, from the same random start."""
    data = small_net.labelled()
    accuracy, correct, drift, dead = [], [], [], []
    for lr in rates:
        run = small_net.train(learning_rate=lr)
        theta = run.theta[-1]
        w1, c1 = theta[:4].reshape(2, 2), theta[4:6]
        h = layers.relu(layers.linear(data.x, w1, c1))
        accuracy.append(run.accuracy)
        correct.append(round(run.accuracy * len(data.y)))
        drift.append(float(np.linalg.norm(theta - run.theta[0])))
        dead.append(int((h == 0).all(axis=0).sum()))
    return RateComparison(
        tuple(rates), tuple(accuracy), tuple(correct), len(data.y), tuple(drift), tuple(dead)
    )


# A catalogue of layers -----------------------------------------------------------------

#: Exercise 3.1: the widths of an MLP on 28 × 28 images: input, hidden, output.
WIDTHS = (784, 100, 10)


def linear_parameters(c_in: int, c_out: int) -> int:
    """Parameters of a linear layer from ``c_in`` to ``c_out`` units: C_out(C_in + 1)."""
    return c_out * (c_in + 1)


@dataclass(frozen=True)
class Collapse:
    """Two linear layers with nothing between them, and the one layer they amount to."""

    two_layers: int  # parameters of the two layers of ``WIDTHS``
    one_layer: int  # parameters of the single layer they collapse into
    w: np.ndarray  # W2 W1 of the small net without its relu
    b: np.ndarray  # W2 b1 + b2
    correct: int  # points of the small net's data this linear net classifies correctly
    n_points: int


def collapse(widths=WIDTHS) -> Collapse:
    """Exercise 3.1: parameter counts, and the small net with its relu removed.

    Without the relu the net computes W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2):
    a perceptron, so it cannot classify the data no line separates.
    """
    c_in, c_hidden, c_out = widths
    w = small_net.W2 @ small_net.W1
    b = small_net.W2 @ small_net.b1 + small_net.b2
    data = small_net.labelled()
    y = layers.threshold(layers.linear(data.x, w, b)[:, 0])
    return Collapse(
        linear_parameters(c_in, c_hidden) + linear_parameters(c_hidden, c_out),
        linear_parameters(c_in, c_out),
        w,
        b,
        int((y == data.y).sum()),
        len(data.y),
    )


#: Exercise 3.2: the amount added to every score, and the probability the top class should get.
SCORE_SHIFT = 5.0
TOP_SHARE = 0.5


@dataclass(frozen=True)
class Temperature:
    """Softmax facts about the scores of ``softmax-temperature``."""

    probabilities: np.ndarray  # softmax of the scores at τ = 1
    shifted: np.ndarray  # softmax of the scores plus ``shift`` at τ = 1
    shift: float
    share: float  # the probability asked of the top class
    tau: float  # the temperature at which the top class gets exactly ``share``


def temperature(scores=None, shift=SCORE_SHIFT, share=TOP_SHARE) -> Temperature:
    """Exercise 3.2: shifting the scores, and the temperature that gives the top class ``share``.

    The top class's probability falls steadily from 1 (τ → 0) to 1/K (τ → ∞),
    so bisection on log τ finds the one τ where it equals ``share``.
    """
    from nnfig.compute import catalogue

    s = np.asarray(catalogue.SCORES if scores is None else scores, dtype=float)
    top = int(np.argmax(s))
    if not 1 / s.size < share < 1:
        raise ValueError(f"share must lie strictly between 1/K and 1, got {share}")
    lo, hi = np.log(1e-3), np.log(1e3)  # top share above, then below, ``share``
    for _ in range(200):
        mid = (lo + hi) / 2
        if layers.softmax(s, temperature=np.exp(mid))[top] > share:
            lo = mid
        else:
            hi = mid
    return Temperature(
        layers.softmax(s), layers.softmax(s + shift), shift, share, float(np.exp((lo + hi) / 2))
    )


#: Exercise 3.3: one unit's inputs over a batch of three, its γ and β, and a shift of the batch.
BATCH_INPUTS = (1.0, 2.0, 6.0)
BATCH_GAMMA, BATCH_BETA = 2.0, 1.0
BATCH_SHIFT = 10.0


@dataclass(frozen=True)
class BatchnormByHand:
    """Batch normalization of one unit over a batch of three datapoints, step by step."""

    x: np.ndarray
    mean: float
    std: float  # the biased standard deviation (divide by N), as batch norm uses
    scores: np.ndarray  # standard scores
    out: np.ndarray  # γ·score + β
    shifted_out: np.ndarray  # the output for the batch x + shift
    gamma: float
    beta: float
    shift: float


def batchnorm_by_hand(
    x=BATCH_INPUTS, gamma=BATCH_GAMMA, beta=BATCH_BETA, shift=BATCH_SHIFT
) -> BatchnormByHand:
    """Exercise 3.3: μ, σ, the standard scores and the output of ``layers.batchnorm``."""
    x = np.asarray(x, dtype=float)
    column = x[:, None]  # a batch of N datapoints with one unit
    return BatchnormByHand(
        x,
        float(x.mean()),
        float(x.std()),
        layers.batchnorm(column, eps=0.0)[:, 0],
        layers.batchnorm(column, gamma, beta, eps=0.0)[:, 0],
        layers.batchnorm(column + shift, gamma, beta, eps=0.0)[:, 0],
        gamma,
        beta,
        shift,
    )


# Tensors and batches -------------------------------------------------------------------

#: Exercise 4.1: a batch of N colour images of H × W pixels, and K classes.
IMAGE_BATCH = {"n": 32, "h": 224, "w": 224, "c": 3, "k": 10}


@dataclass(frozen=True)
class ImageBatch:
    """Shapes and sizes of a batch of images, channels last and channels first."""

    channels_last: tuple[int, ...]
    channels_first: tuple[int, ...]
    numbers: int  # entries of the batch tensor
    per_image: int  # entries of one image: the input width of a linear layer on it
    linear_parameters: int  # a linear layer from one flattened image to K class scores
    per_class: int  # its weights and bias for one class score


def image_batch(n=32, h=224, w=224, c=3, k=10) -> ImageBatch:
    """Exercise 4.1: what ``permute`` does to the shape, and how big the tensors are, in PyTorch."""
    import torch

    images = torch.zeros(n, h, w, c)
    first = images.permute(0, 3, 1, 2)
    per_image = images[0].numel()
    return ImageBatch(
        tuple(images.shape),
        tuple(first.shape),
        images.numel(),
        per_image,
        linear_parameters(per_image, k),
        linear_parameters(per_image, 1),
    )


#: Exercise 4.2: a fourth datapoint appended to the chapter's batch.
EXTRA_POINT = (2.0, -3.0)


def extended_batch(extra=EXTRA_POINT) -> dict[str, np.ndarray]:
    """Exercise 4.2: ``tensors.batch_tensors`` of the chapter's batch with one more row."""
    return tensors.batch_tensors(np.vstack([tensors.BATCH, np.asarray(extra, dtype=float)]))


@dataclass(frozen=True)
class Transposed:
    """The chapter's batch through the small net, with W1 applied correctly and transposed."""

    z: np.ndarray  # X W1ᵀ + b1, as eq-batch-linear says
    z_wrong: np.ndarray  # X W1 + b1: same shape, other numbers
    y: np.ndarray
    y_wrong: np.ndarray
    changed: int  # rows whose label the mistake changes


def transposed_mistake(x=tensors.BATCH) -> Transposed:
    """Exercise 4.3: what forgetting the transpose in Z = X W1ᵀ + b1 does to the labels.

    W1 is square, so X W1 has the right shape and nothing fails loudly.
    """
    right = small_net.forward(x)
    z_wrong = layers.linear(x, small_net.W1.T, small_net.b1)  # computes X W1 + b1
    z3 = layers.linear(layers.relu(z_wrong), small_net.W2, small_net.b2)[:, 0]
    y_wrong = layers.threshold(z3)
    return Transposed(right.z, z_wrong, right.y, y_wrong, int((right.y != y_wrong).sum()))


# Neural nets as distribution transformers ----------------------------------------------

#: Exercise 5.1: a one-hot target, a soft target, and the net's prediction.
ONE_HOT, SOFT_TARGET, PREDICTION = (1.0, 0.0), (0.9, 0.1), (0.8, 0.2)


@dataclass(frozen=True)
class CrossEntropy:
    """The cross-entropy H(t, y) and the two terms of eq-cross-entropy-kl."""

    cross_entropy: float
    kl: float  # D_KL(t ‖ y)
    entropy: float  # H(t)


def cross_entropy_split(t, y) -> CrossEntropy:
    """H(t, y) = D_KL(t ‖ y) + H(t), in nats; terms with t_k = 0 count as zero."""
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    on = t > 0
    return CrossEntropy(
        float(-(t[on] * np.log(y[on])).sum()),
        float((t[on] * np.log(t[on] / y[on])).sum()),
        float(-(t[on] * np.log(t[on])).sum()) + 0.0,  # + 0.0: no −0.0 for a one-hot t
    )


#: Exercise 5.2: the book's folds, a third fold inside the range, and one outside it.
FOLD_STACKS = ((0.0, 1.0), (0.0, 1.0, 0.5), (0.0, 1.0, 2.0))


def linear_pieces(x: np.ndarray, y: np.ndarray, decimals: int = 6) -> int:
    """Linear pieces of the broken line through (x, y): one more than its changes of slope.

    ``x`` must be sorted and contain every kink, as the grid of ``fold_pieces`` does.
    """
    slopes = np.round(np.diff(y) / np.diff(x), decimals)
    return int(1 + np.count_nonzero(np.diff(slopes)))


def fold_pieces(stacks=FOLD_STACKS, n_points: int = 4001) -> tuple[int, ...]:
    """Exercise 5.2: linear pieces over [−2, 2] after each stack of ``mapping.fold_stages``.

    The grid has step 0.001, so every kink at a multiple of 0.25 is a grid point.
    """
    x = np.linspace(-2, 2, n_points)
    return tuple(linear_pieces(x, mapping.fold_stages(x, shifts).stages[-1]) for shifts in stacks)


#: Exercise 5.3: the share of points relu leaves positive that counts as "almost none".
SMALL_SHARE = 0.01


@dataclass(frozen=True)
class Widths:
    """The narrowest relu layers that leave fewer than ``share`` of the points all positive."""

    share: float
    independent: int  # smallest D with 1/2^D < share
    correlated: int  # smallest D with 1/(D + 1) < share
    measured_independent: float  # the share measured by sampling at that D
    measured_correlated: float
    n_samples: int


def narrowest_widths(share=SMALL_SHARE, *, seed: int = 0, n_samples: int = 100_000) -> Widths:
    """Exercise 5.3: solve 1/2^D < share and 1/(D + 1) < share, then check both by sampling.

    The samples are drawn as ``relu-volume`` draws them: standard Gaussians, and
    ``volume.correlated_gaussian`` for coordinates correlated by ½.
    """
    d_ind = int(np.floor(np.log2(1 / share))) + 1
    d_cor = int(np.floor(1 / share - 1)) + 1
    rng = np.random.default_rng(seed)

    def positive(samples: np.ndarray) -> float:
        return float(np.mean((layers.relu(samples) > 0).all(axis=1)))

    return Widths(
        share,
        d_ind,
        d_cor,
        positive(rng.standard_normal((n_samples, d_ind))),
        positive(volume.correlated_gaussian(rng, n_samples, d_cor)),
        n_samples,
    )
