"""Sums of relu bumps approximating a curve (universal approximation, built by hand).

A bump is four relus: it ramps up from 0 to 1, stays at 1, and ramps back down.
Bumps on neighbouring intervals share their ramps, so on the interior of the
domain they add up to exactly 1, and weighting each bump by the target's value
at its centre gives a piecewise-linear approximation whose error shrinks as the
number of bumps grows. No matplotlib here.
"""

import itertools

import numpy as np

from nnfig import layers

DOMAIN = (-3.0, 3.0)


def target(x: np.ndarray) -> np.ndarray:
    """The curve the bumps approximate."""
    x = np.asarray(x, dtype=float)
    return np.sin(2 * x) + 0.25 * x**2 - 0.5


def bump(x: np.ndarray, left: float, right: float, ramp: float) -> np.ndarray:
    """1 on [left + ramp/2, right − ramp/2], 0 outside [left − ramp/2, right + ramp/2].

    relu(x − a) − relu(x − a − r) climbs from 0 to 1 over [a, a + r]; subtracting
    the same pair shifted to the right edge brings it back down.
    """
    a, c = left - ramp / 2, right - ramp / 2
    r = layers.relu
    return (r(x - a) - r(x - a - ramp) - r(x - c) + r(x - c - ramp)) / ramp


def approximate(x: np.ndarray, n_bumps: int) -> np.ndarray:
    """Sum of ``n_bumps`` equal-width bumps over ``DOMAIN``, each weighted by the target."""
    edges = np.linspace(*DOMAIN, n_bumps + 1)
    width = edges[1] - edges[0]
    total = np.zeros_like(np.asarray(x, dtype=float))
    for left, right in itertools.pairwise(edges):
        total += target((left + right) / 2) * bump(x, left, right, ramp=width)
    return total


def max_error(n_bumps: int, n_samples: int = 4001) -> float:
    """Largest gap between the target and its ``n_bumps`` approximation on the inner domain.

    The outermost half-ramps fall off to zero, so the error is measured on the
    domain shrunk by half a bump width at each end, where the bumps sum to 1.
    """
    half = (DOMAIN[1] - DOMAIN[0]) / n_bumps / 2
    x = np.linspace(DOMAIN[0] + half, DOMAIN[1] - half, n_samples)
    return float(np.abs(approximate(x, n_bumps) - target(x)).max())
