"""Sums of relu bumps approximating a curve (universal approximation, built by hand).

A bump is four relus: it ramps up from 0 to 1, stays at 1, and ramps back down.
Neighbouring bumps share their ramps, so they add up to exactly 1 across the
domain, and weighting each bump by the target's value at its centre gives a
piecewise-linear approximation whose error shrinks as the number of bumps
grows. No matplotlib here.
"""

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
    """Sum of ``n_bumps`` bumps centred on an even grid over ``DOMAIN``, weighted by the target.

    Each bump is a tent as wide as two grid steps (its flat top shrinks to a
    point), so on the whole domain the sum interpolates the target linearly
    between the grid points.
    """
    if n_bumps < 2:
        raise ValueError(f"n_bumps must be at least 2, got {n_bumps}")
    centres = np.linspace(*DOMAIN, n_bumps)
    step = centres[1] - centres[0]
    total = np.zeros_like(np.asarray(x, dtype=float))
    for c in centres:
        total += target(c) * bump(x, c - step / 2, c + step / 2, ramp=step)
    return total


def max_error(n_bumps: int, n_samples: int = 4001) -> float:
    """Largest gap between the target and its ``n_bumps`` approximation over ``DOMAIN``."""
    x = np.linspace(*DOMAIN, n_samples)
    return float(np.abs(approximate(x, n_bumps) - target(x)).max())
