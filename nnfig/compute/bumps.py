"""Sums of relu bumps approximating a curve (universal approximation, built by hand).

A bump is four relus: it ramps up from 0 to 1, stays at 1, and ramps back down
(a trapezoid). The approximations use M bumps on an even grid whose ramps are
as wide as the grid step, so each flat top shrinks to a point: every bump is a
triangular tent. Neighbouring tents add up to exactly 1 across the domain, and
weighting each tent by the target's value at its centre gives a piecewise-linear
approximation whose error shrinks as M grows. No matplotlib here.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers

DOMAIN = (-3.0, 3.0)


def target(x: np.ndarray) -> np.ndarray:
    """The curve the bumps approximate."""
    x = np.asarray(x, dtype=float)
    return np.sin(2 * x) + 0.25 * x**2 - 0.5


def bump_parts(x: np.ndarray, left: float, right: float, ramp: float) -> list[np.ndarray]:
    """The four scaled relus whose sum is ``bump``: ±relu(x − shift) / ramp.

    relu(x − a) − relu(x − a − r) climbs from 0 to 1 over [a, a + r]; subtracting
    the same pair shifted to the right edge, c = right − r/2, brings it back down.
    """
    a, c = left - ramp / 2, right - ramp / 2
    signed = [(+1, a), (-1, a + ramp), (-1, c), (+1, c + ramp)]
    return [sign * layers.relu(np.asarray(x, dtype=float) - shift) / ramp for sign, shift in signed]


def bump(x: np.ndarray, left: float, right: float, ramp: float) -> np.ndarray:
    """1 on [left + ramp/2, right − ramp/2], 0 outside [left − ramp/2, right + ramp/2]."""
    return sum(bump_parts(x, left, right, ramp))


def tents(x: np.ndarray, n_bumps: int) -> list[np.ndarray]:
    """The ``n_bumps`` weighted tents whose sum is ``approximate``.

    The tents are centred on an even grid over ``DOMAIN``; each is a bump whose
    ramps are one grid step wide, so its flat top shrinks to a point, and it is
    weighted by the target's value at its centre.
    """
    if n_bumps < 2:
        raise ValueError(f"n_bumps must be at least 2, got {n_bumps}")
    centres = np.linspace(*DOMAIN, n_bumps)
    step = centres[1] - centres[0]
    return [target(c) * bump(x, c - step / 2, c + step / 2, ramp=step) for c in centres]


def approximate(x: np.ndarray, n_bumps: int) -> np.ndarray:
    """Sum of the ``n_bumps`` tents: it interpolates the target linearly between grid points."""
    return sum(tents(x, n_bumps))


def max_error(n_bumps: int, n_samples: int = 4001) -> float:
    """Largest gap between the target and its ``n_bumps`` approximation over ``DOMAIN``."""
    x = np.linspace(*DOMAIN, n_samples)
    return float(np.abs(approximate(x, n_bumps) - target(x)).max())


#: The bump drawn on its own in ``relu-bumps``: (left, right, ramp).
EXAMPLE_BUMP = (-1.0, 1.0, 0.8)


@dataclass(frozen=True)
class Approximations:
    """What ``relu-bumps`` draws: one bump and its parts, and sums of tents against the target."""

    bump_x: np.ndarray
    parts: list[np.ndarray]  # the four relus of EXAMPLE_BUMP
    bump: np.ndarray  # their sum, a trapezoid
    x: np.ndarray
    target: np.ndarray
    counts: list[int]  # each number M of bumps
    curves: list[np.ndarray]  # the approximation with M bumps
    errors: list[float]  # its largest error over DOMAIN
    tent_count: int  # the M whose tents are drawn one by one (the second count)
    tents: list[np.ndarray]  # its weighted tents


def approximations(*, n_bumps=(3, 6, 12, 24)) -> Approximations:
    """The example bump, and the target approximated by each number of bumps M in ``n_bumps``.

    Parameters
    ----------
    n_bumps : sequence of int, optional
        The numbers of bumps M to approximate the target with, one panel each:
        at most six, each 2 to 400.

    Returns
    -------
    Approximations
        The example bump and its parts, the target, each approximation and its
        largest error, and the tents of the second count.
    """
    counts = checks.sizes("n_bumps", n_bumps, minimum=2, maximum=400, max_length=6)
    shown = counts[min(1, len(counts) - 1)]
    xb = np.linspace(-2.5, 2.5, 501)
    x = np.linspace(*DOMAIN, 1201)
    return Approximations(
        bump_x=xb,
        parts=bump_parts(xb, *EXAMPLE_BUMP),
        bump=bump(xb, *EXAMPLE_BUMP),
        x=x,
        target=target(x),
        counts=counts,
        curves=[approximate(x, n) for n in counts],
        errors=[max_error(n) for n in counts],
        tent_count=shown,
        tents=tents(x, shown),
    )
