"""Writing figures to files the same way everywhere (CLI, gallery, tests)."""

from pathlib import Path
from typing import BinaryIO

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from nnfig.style import SAVEFIG

FORMATS = tuple(SAVEFIG)


def save(fig: Figure, path: str | Path | BinaryIO, *, format: str = "png", scale: int = 1):
    """Save ``fig`` with the book's fixed settings, then close it.

    ``scale`` 2 doubles the resolution of a PNG: the book's image for high-DPI screens.
    """
    if format not in SAVEFIG:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    if scale not in (1, 2):
        raise ValueError(f"scale must be 1 or 2, got {scale!r}")
    kwargs = dict(SAVEFIG[format])
    if "dpi" in kwargs:
        kwargs["dpi"] *= scale
    try:
        fig.savefig(path, format=format, **kwargs)
    finally:
        plt.close(fig)
    return path
