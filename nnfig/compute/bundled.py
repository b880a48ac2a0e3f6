"""scikit-learn's bundled data, read from the files it ships, without importing scikit-learn.

Importing scikit-learn takes over a second of CPU, which a chapter whose numbers
only need the digits or a sample photo would pay on every build. These read the
same files as ``sklearn.datasets.load_digits`` and ``load_sample_image``, the
same way; a test checks that the arrays are theirs.
"""

from importlib.util import find_spec
from pathlib import Path

import numpy as np


def _datasets() -> Path:
    # find_spec locates the installed package without running its __init__.
    return Path(find_spec("sklearn").submodule_search_locations[0], "datasets")


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 digits: images (N × 8 × 8, grey levels 0 to 16, float) and labels (N,)."""
    data = np.loadtxt(_datasets() / "data" / "digits.csv.gz", delimiter=",")
    return data[:, :-1].reshape(-1, 8, 8), data[:, -1].astype(int)


def sample_image(name: str) -> np.ndarray:
    """A bundled sample photo ("china.jpg" or "flower.jpg"): H × W × 3, uint8."""
    from PIL import Image

    with Image.open(_datasets() / "images" / name) as image:
        return np.asarray(image)
