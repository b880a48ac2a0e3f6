"""Tensors of the chapter "Tensors and batches". No matplotlib here.

The batch goes through the small net of ``nnfig.compute.small_net`` (the same weight
arrays, not a copy); the images come from scikit-learn's bundled sample
photographs, so nothing is downloaded.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks, small_net

#: The batch of three datapoints shown in the chapter, one per row (N × C_0 = 3 × 2).
BATCH = np.array([[1.0, -1.0], [0.5, 1.0], [-1.0, -1.5]])

#: Where the photographs are cropped (row, column, size), and their class labels.
CROPS = {"china.jpg": (20, 20, 360), "flower.jpg": (60, 160, 300)}
CLASS_NAMES = {"china.jpg": "temple", "flower.jpg": "flower"}


def batch_tensors(x: np.ndarray = BATCH) -> dict[str, np.ndarray]:
    """X, Z, H, Z3 and Y for a batch (rows are datapoints), with the net's parameters."""
    out = small_net.forward(x)
    return {
        "X": out.x,
        "Z": out.z,
        "H": out.h,
        "Z3": out.z3[:, None],
        "Y": out.y[:, None],
        "W1": small_net.W1,
        "b1": small_net.b1,
        "W2": small_net.W2,
        "b2": small_net.b2,
    }


def _sample_image(name: str) -> np.ndarray:
    # Imported here: scikit-learn takes about a second to import, and every page
    # and gallery script that imports nnfig would pay for it.
    from sklearn.datasets import load_sample_image

    return load_sample_image(name)


def _crop(image: np.ndarray, row: int, col: int, side: int, size: int) -> np.ndarray:
    """The side × side square at (row, col), block-averaged to size × size (uint8)."""
    block = side // size
    crop = image[row : row + block * size, col : col + block * size].astype(float)
    return np.rint(crop.reshape(size, block, size, block, 3).mean(axis=(1, 3))).astype(np.uint8)


def photo(name: str, size: int) -> np.ndarray:
    """The main subject of a bundled sample photo, block-averaged to size × size × 3."""
    if name not in CROPS:
        raise ValueError(f"name must be one of {sorted(CROPS)}, got {name!r}")
    return _crop(_sample_image(name), *CROPS[name], size)


def image_dataset(*, n: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """N jittered crops of the two sample photos: X of shape N×H×W×C, one-hot Y of shape N×K.

    Classes alternate, so every class appears once N ≥ K; each crop is shifted
    and scaled at random (seeded) around the photo's subject.
    """
    rng = np.random.default_rng(seed)
    names = sorted(CROPS)
    images, labels = [], []
    for k in range(n):
        cls = k % len(names)
        full = _sample_image(names[cls])
        row, col, side = CROPS[names[cls]]
        side = int(side * rng.uniform(0.75, 1.0))
        row = int(np.clip(row + rng.integers(-40, 41), 0, full.shape[0] - side))
        col = int(np.clip(col + rng.integers(-40, 41), 0, full.shape[1] - side))
        images.append(_crop(full, row, col, side, size))
        labels.append(cls)
    return np.array(images), np.eye(len(names))[labels]


@dataclass(frozen=True)
class Cube:
    """A photo as an H × W × 3 tensor, and how many of its top-left numbers are written in."""

    image: np.ndarray  # (size, size, 3) uint8
    corner: int


def cube(*, size: int = 14, corner: int = 3) -> Cube:
    """What ``tensor-cube`` draws: the temple photo at ``size`` × ``size`` pixels."""
    n = checks.integer("size", size, minimum=2, maximum=24)
    k = checks.integer("corner", corner, minimum=0)
    if k > n:
        raise ValueError(f"corner must be at most size ({n}), got {k}")
    return Cube(photo("china.jpg", n), k)


@dataclass(frozen=True)
class Dataset:
    """A data set of images X (N × H × W × C) and one-hot labels Y (N × K)."""

    x: np.ndarray
    y: np.ndarray
    classes: list[str]  # the name of each column of Y


def dataset(*, n_images: int = 4, size: int = 6, seed: int = 0) -> Dataset:
    """What ``dataset-tensors`` draws."""
    n = checks.integer("n_images", n_images, minimum=1, maximum=6)
    s = checks.integer("size", size, minimum=2, maximum=12)
    x, y = image_dataset(n=n, size=s, seed=checks.seed(seed))
    return Dataset(x, y, [CLASS_NAMES[name] for name in sorted(CROPS)])


def batch() -> dict[str, np.ndarray]:
    """What ``batch-tensors`` draws: the chapter's batch through the small net."""
    return batch_tensors(BATCH)
