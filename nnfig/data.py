"""Small seeded data sets that the figures draw. No matplotlib here.

Every function takes a ``seed`` and builds its own ``numpy`` generator, so
no global random state is read or changed.
"""

import numpy as np


def unit_batch(*, seed: int, batch_size: int, means, stds) -> np.ndarray:
    """A batch of activations, one column per unit: shape (batch_size, len(means))."""
    rng = np.random.default_rng(seed)
    means, stds = np.asarray(means, dtype=float), np.asarray(stds, dtype=float)
    return means + stds * rng.standard_normal((batch_size, means.size))


def plane_points(*, seed: int, n: int, spread: float = 1.3) -> np.ndarray:
    """``n`` points in the plane, some inside the unit circle and most outside it."""
    rng = np.random.default_rng(seed)
    return spread * rng.standard_normal((n, 2)) + np.array([0.4, 0.2])


def smooth_field(
    *, seed: int, height: int, width: int, channels: int, bumps: int = 5
) -> np.ndarray:
    """A smooth random H × W × C array of activations in roughly [−4, 4].

    Each channel is a sum of Gaussian bumps of random sign, centre and width,
    the kind of map a generator's last linear layer might produce.
    """
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0 : 1 : height * 1j, 0 : 1 : width * 1j]
    field = np.zeros((height, width, channels))
    for c in range(channels):
        for _ in range(bumps):
            cy, cx = rng.uniform(0, 1, size=2)
            r = rng.uniform(0.12, 0.3)
            amp = rng.uniform(2.0, 5.0) * rng.choice([-1.0, 1.0])
            field[..., c] += amp * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * r**2))
        field[..., c] -= field[..., c].mean()
    return field
