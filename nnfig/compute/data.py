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


def two_clouds(*, seed: int, n_per_class: int) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian clouds in the plane: points (2n, 2) and their classes 0 and 1."""
    rng = np.random.default_rng(seed)
    centres = np.array([[-1.0, 0.6], [1.0, -0.6]])
    x = np.concatenate([c + 0.45 * rng.standard_normal((n_per_class, 2)) for c in centres])
    return x, np.repeat([0, 1], n_per_class)


#: Radii of the two classes of ``concentric_circles``.
INNER_RADIUS, OUTER_RADIUS = 0.5, 1.5


def concentric_circles(*, seed: int, n_per_class: int) -> tuple[np.ndarray, np.ndarray]:
    """Class 0 on a circle of radius 0.5, class 1 on a circle of radius 1.5 around it.

    Angles are uniform at random and radii slightly noisy: points (2n, 2), classes (2n,).
    """
    rng = np.random.default_rng(seed)
    angles = rng.uniform(0, 2 * np.pi, 2 * n_per_class)
    radii = np.repeat([INNER_RADIUS, OUTER_RADIUS], n_per_class)
    radii = radii + 0.06 * rng.standard_normal(2 * n_per_class)
    x = radii[:, None] * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return x, np.repeat([0, 1], n_per_class)


def gaussian_blob(*, seed: int, n_points: int) -> np.ndarray:
    """``n_points`` samples of a standard Gaussian in the plane, centred on the origin."""
    return np.random.default_rng(seed).standard_normal((n_points, 2))
