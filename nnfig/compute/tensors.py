"""Tensors of the chapter "Tensors and batches". No matplotlib here.

The batch goes through the small net of ``nnfig.compute.small_net`` (the same weight
arrays, not a copy); the images come from scikit-learn's bundled sample
photograph and its bundled handwritten digits, so nothing is downloaded.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import bundled, checks, small_net, store

#: The batch of three datapoints shown in the chapter, one per row (N × C_0 = 3 × 2).
BATCH = np.array([[1.0, -1.0], [0.5, 1.0], [-1.0, -1.5]])

#: Where the photographs are cropped (row, column, size).
CROPS = {"china.jpg": (20, 20, 360), "flower.jpg": (60, 160, 300)}


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


def _crop(image: np.ndarray, row: int, col: int, side: int, size: int) -> np.ndarray:
    """The side × side square at (row, col), block-averaged to size × size (uint8)."""
    block = side // size
    crop = image[row : row + block * size, col : col + block * size].astype(float)
    return np.rint(crop.reshape(size, block, size, block, 3).mean(axis=(1, 3))).astype(np.uint8)


def photo(name: str, size: int) -> np.ndarray:
    """The main subject of a bundled sample photo, block-averaged to size × size × 3."""
    if name not in CROPS:
        raise ValueError(f"name must be one of {sorted(CROPS)}, got {name!r}")
    return _crop(bundled.sample_image(name), *CROPS[name], size)


@dataclass(frozen=True)
class Cube:
    """A photo as an H × W × 3 tensor, and how many of its top-left numbers are written in."""

    image: np.ndarray  # (size, size, 3) uint8
    corner: int


@store.once
def cube(*, size: int = 10, corner: int = 3) -> Cube:
    """What ``tensor-cube`` draws: the temple photo at ``size`` × ``size`` pixels.

    Parameters
    ----------
    size : int, optional
        Height and width of the photo in pixels, 2 to 24.
    corner : int, optional
        Size of the corner whose values are written out, 0 to ``size``.

    Returns
    -------
    Cube
        The photo, height × width × 3 channels, and the corner.
    """
    n = checks.integer("size", size, minimum=2, maximum=24)
    k = checks.integer("corner", corner, minimum=0)
    if k > n:
        raise ValueError(f"corner must be at most size ({n}), got {k}")
    return Cube(photo("china.jpg", n), k)


@dataclass(frozen=True)
class Dataset:
    """A data set of images X (N × H × W × C) and one-hot labels Y (N × K)."""

    x: np.ndarray  # (N, 8, 8, 1) uint8, grey levels 0 (blank) to 16 (full ink)
    y: np.ndarray  # (N, 10) one-hot
    classes: list[str]  # the name of each column of Y: the digits "0" to "9"
    levels: int  # the largest grey level a pixel can take


#: scikit-learn's digits are 8 × 8 images with grey levels 0 … 16.
DIGIT_LEVELS = 16


def dataset(*, n_images: int = 5, seed: int = 4) -> Dataset:
    """What ``dataset-tensors`` draws: ``n_images`` of scikit-learn's handwritten digits.

    The digits are 8 × 8 greyscale images (one channel) with labels 0 to 9, drawn
    at random (seeded) from the 1797 that ship with scikit-learn.

    Parameters
    ----------
    n_images : int, optional
        Number of images, 1 to 8.
    seed : int, optional
        Seed of the choice of images.

    Returns
    -------
    Dataset
        The images (N × 8 × 8 × 1), their one-hot labels, the class names and the
        grey levels.
    """
    n = checks.integer("n_images", n_images, minimum=1, maximum=8)
    images, labels = bundled.digits()
    pick = np.random.default_rng(checks.seed(seed)).choice(len(labels), n, replace=False)
    x = images[pick].astype(np.uint8)[..., None]  # channels last: C = 1
    classes = [str(c) for c in range(10)]
    return Dataset(x, np.eye(len(classes))[labels[pick]], classes, DIGIT_LEVELS)


def batch() -> dict[str, np.ndarray]:
    """What ``batch-tensors`` draws: the chapter's batch through the small net.

    Returns
    -------
    dict of str to numpy.ndarray
        Each tensor of the forward pass by name.
    """
    return batch_tensors(BATCH)
