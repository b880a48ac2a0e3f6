"""How little of the space relu leaves positive. No matplotlib here.

Relu leaves a point strictly positive only if every coordinate is positive. For
independent coordinates, each positive with probability ½ (an isotropic
Gaussian), that happens with probability 1/2^D. Correlated coordinates share
their signs more often: with every pair correlated by ½ the share is 1/(D + 1).
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers, store

#: The correlation between every pair of coordinates in the correlated case.
CORRELATION = 0.5


@dataclass(frozen=True)
class PositiveShare:
    """For each width D: the share of D-dimensional Gaussian samples relu leaves all positive."""

    widths: np.ndarray  # 1 … max_width
    share: np.ndarray  # measured share at each width, independent coordinates
    expected: np.ndarray  # 1 / 2^D
    error: np.ndarray  # two standard errors of ``share``, if it is ``expected``
    correlated: np.ndarray  # measured share, every pair of coordinates correlated by ½
    correlated_expected: np.ndarray  # 1 / (D + 1)
    correlated_error: np.ndarray
    n_samples: int


def correlated_gaussian(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """n samples of D unit Gaussians, every pair correlated by ``CORRELATION``."""
    # x_i = √(1−ρ) ε_i + √ρ g: unit variance, and every pair shares ρ through g.
    shared = rng.standard_normal((n, 1))
    return np.sqrt(1 - CORRELATION) * rng.standard_normal((n, d)) + np.sqrt(CORRELATION) * shared


def _all_positive(samples: np.ndarray) -> float:
    return float(np.mean((layers.relu(samples) > 0).all(axis=1)))


def _two_errors(p: np.ndarray, n: int) -> np.ndarray:
    return 2 * np.sqrt(p * (1 - p) / n)


@store.once
def positive_share(
    *, seed: int = 0, max_width: int = 12, n_samples: int = 200_000
) -> PositiveShare:
    """What ``relu-volume`` draws: shares measured and predicted, D = 1 … ``max_width``.

    Parameters
    ----------
    seed : int, optional
        Seed of the Gaussian samples.
    max_width : int, optional
        The largest width D measured, 1 to 16.
    n_samples : int, optional
        Number of samples at each width, 100 to 1 000 000.

    Returns
    -------
    PositiveShare
        For each width: the share measured and predicted, with independent and
        with correlated coordinates, and the two-standard-error bands.
    """
    rng = np.random.default_rng(checks.seed(seed))
    top = checks.integer("max_width", max_width, minimum=1, maximum=16)
    n = checks.integer("n_samples", n_samples, minimum=100, maximum=1_000_000)
    widths = np.arange(1, top + 1)
    share, correlated = [], []
    for d in widths:
        share.append(_all_positive(rng.standard_normal((n, d))))
        correlated.append(_all_positive(correlated_gaussian(rng, n, d)))
    expected, correlated_expected = 0.5**widths, 1 / (widths + 1)
    return PositiveShare(
        widths,
        np.array(share),
        expected,
        _two_errors(expected, n),
        np.array(correlated),
        correlated_expected,
        _two_errors(correlated_expected, n),
        n,
    )
