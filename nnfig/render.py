"""Writing figures to files the same way everywhere (CLI, gallery, tests)."""

from pathlib import Path
from typing import BinaryIO

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from nnfig.style import SAVEFIG

FORMATS = tuple(SAVEFIG)


def save(fig: Figure, path: str | Path | BinaryIO, *, format: str = "png"):
    """Save ``fig`` to a path or binary file with the book's fixed settings, then close it."""
    if format not in SAVEFIG:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    try:
        fig.savefig(path, format=format, **SAVEFIG[format])
    finally:
        plt.close(fig)
    return path
