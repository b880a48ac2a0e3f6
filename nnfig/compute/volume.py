"""How little of the space relu leaves positive. No matplotlib here."""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, layers


@dataclass(frozen=True)
class PositiveShare:
    """For each width N: the share of N-dimensional Gaussian samples relu leaves all positive."""

    widths: np.ndarray  # 1 … max_width
    share: np.ndarray  # measured share at each width
    expected: np.ndarray  # 1 / 2^N
    error: np.ndarray  # two standard errors of the measured share, if it is 1 / 2^N
    n_samples: int


def positive_share(
    *, seed: int = 0, max_width: int = 12, n_samples: int = 200_000
) -> PositiveShare:
    """What ``relu-volume`` draws: the measured share and 1/2^N, widths 1 to ``max_width``."""
    rng = np.random.default_rng(checks.seed(seed))
    top = checks.integer("max_width", max_width, minimum=1, maximum=16)
    n = checks.integer("n_samples", n_samples, minimum=100, maximum=1_000_000)
    widths = np.arange(1, top + 1)
    share = np.array(
        [np.mean((layers.relu(rng.standard_normal((n, w))) > 0).all(axis=1)) for w in widths]
    )
    expected = 0.5**widths
    error = 2 * np.sqrt(expected * (1 - expected) / n)
    return PositiveShare(widths, share, expected, error, n)
