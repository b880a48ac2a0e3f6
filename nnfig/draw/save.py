"""Writing figures to files the same way everywhere (CLI, gallery, tests)."""

import io
from pathlib import Path
from typing import BinaryIO

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from nnfig.draw.style import DPI, SCALES

#: Keyword arguments for every ``savefig`` of the book (CLI and gallery alike).
#: No "Software" or date entries, so bytes depend only on the pixels.
SAVEFIG = {
    "png": {"dpi": DPI, "metadata": {"Software": None}},
    "svg": {"metadata": {"Creator": None, "Date": None}},
}

FORMATS = tuple(SAVEFIG)

Target = str | Path | BinaryIO


def save_scales(fig: Figure, targets: dict[int, Target], *, format: str = "png") -> None:
    """Save ``fig`` at each scale (1: the book's resolution, 2: high-DPI), then close it.

    Scales are saved in increasing order, so a 2× image is always laid out after
    the 1× one: matplotlib's layout depends on earlier draws, and this keeps a
    2× copy identical however it is made (the gallery saves both, the CLI one).
    """
    try:
        for scale in sorted(targets):
            kwargs = dict(SAVEFIG[format])
            if "dpi" in kwargs:
                kwargs["dpi"] *= scale
            fig.savefig(targets[scale], format=format, **kwargs)
    finally:
        plt.close(fig)


def save(fig: Figure, path: Target, *, format: str = "png", scale: int = 1) -> Target:
    """Save ``fig`` with the book's fixed settings at ``scale`` × resolution, then close it."""
    if format not in SAVEFIG:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
    targets = {scale: path}
    if scale != 1:
        targets[1] = io.BytesIO()  # laid out at 1× first, as in the book
    save_scales(fig, targets, format=format)
    return path
