"""The training runs the distributions chapter draws, each described once. No matplotlib here.

A run is computed once per seed (``nnfig.compute.store``: once per process and,
in a book build, once per build), so a figure, its explorer and the chapter's
numbers all read the same trained net.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from nnfig.compute import checks, data, store

if TYPE_CHECKING:
    from nnfig.compute.classifier import Run

#: Adam's step size in every run of the chapter.
LEARNING_RATE = 0.01


@dataclass(frozen=True)
class RunConfig:
    """One training run: its data, net and schedule (seeds chosen once; tests check the outcome)."""

    seed: int
    n_per_class: int
    depth: int  # relu layers, two units each
    steps: int
    checkpoints: tuple[int, ...]  # the steps the static figure shows
    square: float  # half-width of the square whose image is drawn on every plane


CLOUDS = RunConfig(
    seed=0, n_per_class=40, depth=2, steps=1000, checkpoints=(0, 50, 200, 1000), square=1.0
)
CIRCLES = RunConfig(
    seed=3, n_per_class=60, depth=4, steps=1000, checkpoints=(0, 50, 150, 1000), square=2.0
)
#: Steps the explorers show (with the static figures' checkpoints): dense early, when the
#: net changes fastest. Recording a step reads the net and leaves its training alone.
EXPLORER_STEPS = (*range(0, 100, 5), *range(100, 300, 10), *range(300, 1001, 50))


def _train(config: RunConfig, make_data, seed: int, checkpoints: tuple[int, ...]) -> "Run":
    """Train the net ``config`` describes on its data set, drawn with ``seed``."""
    from nnfig.compute import classifier  # torch loads only when a net trains

    x, labels = make_data(seed=seed, n_per_class=config.n_per_class)
    return classifier.train(
        x,
        labels,
        depth=config.depth,
        steps=config.steps,
        checkpoints=checkpoints,
        seed=seed,
        lr=LEARNING_RATE,
        square=config.square,
    )


def explorer_steps(config: RunConfig) -> tuple[int, ...]:
    """Every step the explorer of ``config``'s run shows: its figure's and ``EXPLORER_STEPS``."""
    return tuple(sorted(set(config.checkpoints) | set(EXPLORER_STEPS)))


@store.once
def _clouds(seed: int) -> "Run":
    # One training, recorded at every step the figure or its explorer shows.
    return _train(CLOUDS, data.two_clouds, seed, explorer_steps(CLOUDS))


def clouds_run(*, seed: int = CLOUDS.seed) -> "Run":
    """What ``remap-checkpoints`` draws: the clouds net at ``CLOUDS.checkpoints``.

    Parameters
    ----------
    seed : int, optional
        Seed of the clouds and of the net's initial parameters (``CLOUDS.seed``
        in the book).

    Returns
    -------
    Run
        The training run, at the checkpoints the figure shows.
    """
    return _clouds(checks.seed(seed)).at(CLOUDS.checkpoints)


def clouds_trajectory(*, seed: int = CLOUDS.seed) -> "Run":
    """The same training run at every step its explorer shows (``explorer_steps``)."""
    return _clouds(checks.seed(seed))


@store.once
def _circles(seed: int) -> "Run":
    return _train(CIRCLES, data.concentric_circles, seed, explorer_steps(CIRCLES))


def circles_run(*, seed: int = CIRCLES.seed) -> "Run":
    """The circles net at ``CIRCLES.checkpoints``."""
    return _circles(checks.seed(seed)).at(CIRCLES.checkpoints)


def circles_trajectory(*, seed: int = CIRCLES.seed) -> "Run":
    """The circles run at every step its explorer shows (``explorer_steps``)."""
    return _circles(checks.seed(seed))


#: Half-width of the square of the input plane over which ``circles_regions`` asks the net.
REGION_HALF_WIDTH = 2.5


@dataclass(frozen=True)
class Regions:
    """A run on the circles and where each of its checkpoints calls a point "inner" (class 0)."""

    run: "Run"
    grid: np.ndarray  # (G,) coordinates along either axis of the input plane
    inner: np.ndarray  # (checkpoints, G, G) bool; [k, i, j] is the point (grid[j], grid[i])
    outer: np.ndarray  # (A, 2) points of the circle of radius data.OUTER_RADIUS
    leaked: np.ndarray  # (A,) bool: the final net calls that point of the outer circle inner

    @property
    def leak(self) -> float:
        """Share of the outer circle the final net calls inner (``outer_leak``)."""
        return float(self.leaked.mean())

    @property
    def channels(self) -> int:
        """How many separate arcs of the outer circle the final net calls inner."""
        starts = self.leaked & ~np.roll(self.leaked, 1)  # the circle closes on itself
        return int(starts.sum())


@store.once
def circles_regions(*, seed: int = CIRCLES.seed) -> Regions:
    """What ``remap-circles`` draws: the circles run and its decision regions.

    Parameters
    ----------
    seed : int, optional
        Seed of the two rings and of the net's initial parameters
        (``CIRCLES.seed`` in the book).

    Returns
    -------
    Regions
        The run, the grid, the region classified as the inner ring at each
        checkpoint, and the outer ring's points that leak into it.
    """
    from nnfig.compute import classifier

    run = circles_run(seed=seed)
    grid = np.linspace(-REGION_HALF_WIDTH, REGION_HALF_WIDTH, 201)
    points = np.stack(np.meshgrid(grid, grid), axis=-1).reshape(-1, 2)
    inner = np.stack(
        [
            (classifier.predict(cp.params, points) == 0).reshape(grid.size, grid.size)
            for cp in run.checkpoints
        ]
    )
    outer = outer_circle()
    leaked = classifier.predict(run.checkpoints[-1].params, outer) == 0
    return Regions(run, grid, inner, outer, leaked)


@dataclass(frozen=True)
class Clouds:
    x: np.ndarray  # (N, 2)
    labels: np.ndarray  # (N,) 0 or 1


def clouds_data(*, seed: int = CLOUDS.seed) -> Clouds:
    """What ``classifier-data`` draws: the clouds the classifier trains on.

    Parameters
    ----------
    seed : int, optional
        Seed of the two clouds (``CLOUDS.seed`` in the book).

    Returns
    -------
    Clouds
        The points and their classes.
    """
    return Clouds(*data.two_clouds(seed=checks.seed(seed), n_per_class=CLOUDS.n_per_class))


def outer_circle(n_angles: int = 3600) -> np.ndarray:
    """Evenly spaced points of the circle of radius ``data.OUTER_RADIUS``: (n_angles, 2)."""
    angles = np.linspace(0, 2 * np.pi, n_angles, endpoint=False)
    return data.OUTER_RADIUS * np.stack([np.cos(angles), np.sin(angles)], axis=1)


def outer_leak(run: "Run", n_angles: int = 3600) -> float:
    """Share of the outer circle (radius ``data.OUTER_RADIUS``) the final net calls inner."""
    from nnfig.compute import classifier

    outer = outer_circle(n_angles)
    return float(np.mean(classifier.predict(run.checkpoints[-1].params, outer) == 0))


#: Seed and size of the fresh sample of the clouds on which ``fresh_accuracy`` tests a net.
FRESH_SEED, FRESH_PER_CLASS = 1, 5000


def fresh_accuracy(run: "Run") -> float:
    """Accuracy of the final net on fresh points of the two clouds, not seen in training.

    The clouds overlap, so even the best classifier errs on some fresh points.
    """
    from nnfig.compute import classifier

    x, labels = data.two_clouds(seed=FRESH_SEED, n_per_class=FRESH_PER_CLASS)
    return float(np.mean(classifier.predict(run.checkpoints[-1].params, x) == labels))
