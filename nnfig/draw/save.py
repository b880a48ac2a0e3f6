"""Writing figures to files the same way everywhere (CLI, gallery, tests)."""

import io
from pathlib import Path
from typing import BinaryIO

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from nnfig.draw.style import DPI, SCALES

#: Keyword arguments for every ``savefig`` of the book (CLI and gallery alike).
#: No "Software" or date entries, so bytes depend only on the pixels.
SAVEFIG = {
    "png": {"dpi": DPI, "metadata": {"Software": None}},
    "svg": {"metadata": {"Creator": None, "Date": None}},
}

#: The file formats figures are saved in.
FORMATS = tuple(SAVEFIG)

#: Where a figure is saved: a path, or a binary file open for writing.
Target = str | Path | BinaryIO


def save_scales(fig: Figure, targets: dict[int, Target], *, format: str = "png") -> None:
    """Save ``fig`` at each scale (1: the book's resolution, 2: high-DPI), then close it.

    A PNG is drawn once, at the largest scale, and each smaller scale is that
    image reduced by averaging blocks of pixels: drawing is most of a figure's
    cost, and the CLI and the book make every scale this same way, so their
    bytes agree. A PNG whose every pixel is opaque, as the book's figures are,
    has no alpha channel. Other formats are resolution-free and saved once per target.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; closed when saved.
    targets : dict of int to path or binary file
        Where to save it at each scale (a key of ``SCALES``).
    format : {"png", "svg"}, optional
        The file format.
    """
    try:
        if format != "png":
            for target in targets.values():
                fig.savefig(target, format=format, **SAVEFIG[format])
            return
        top = max(SCALES)  # even a 1× image alone comes from the 2× drawing
        largest = _without_alpha_if_opaque(_pixels(fig, DPI * top))
        for scale, target in targets.items():
            factor = top // scale
            w, h = largest.size[0] // factor * factor, largest.size[1] // factor * factor
            image = largest if factor == 1 else largest.crop((0, 0, w, h)).reduce(factor)
            _write_png(image, target, DPI * scale)
    finally:
        plt.close(fig)


def _pixels(fig: Figure, dpi: float) -> Image.Image:
    """The figure drawn at ``dpi``, as savefig draws it (facecolor, size), as an RGBA image."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=dpi)
    # Agg's canvas is the figure's size in pixels, truncated (FigureCanvasAgg.get_renderer).
    size = tuple(int(v) for v in fig.get_size_inches() * dpi)
    return Image.frombuffer("RGBA", size, buffer.getvalue(), "raw", "RGBA", 0, 1)


def _without_alpha_if_opaque(image: Image.Image) -> Image.Image:
    """``image`` as RGB if every pixel is opaque: the PNG is a tenth smaller, and quicker
    to write (a fifth of the gallery's PNG time), for the same pixels."""
    if image.mode == "RGBA" and image.getextrema()[3] == (255, 255):
        return image.convert("RGB")
    return image


def _write_png(image: Image.Image, target: Target, dpi: float) -> None:
    """Write ``image`` as matplotlib's ``imsave`` would, with the book's metadata (none
    that varies), but in the image's own mode: ``imsave`` always adds an alpha channel."""
    info = PngInfo()
    for key, value in SAVEFIG["png"]["metadata"].items():
        if value is not None:
            info.add_text(key, value)
    image.save(target, format="png", dpi=(dpi, dpi), pnginfo=info)


def save(fig: Figure, path: Target, *, format: str = "png", scale: int = 1) -> Target:
    """Save ``fig`` with the book's fixed settings at ``scale`` × resolution, then close it.

    The bytes depend only on the figure: no software version, no date.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, usually one a figure function returned; closed when saved.
    path : str, pathlib.Path or binary file
        Where to save it.
    format : {"png", "svg"}, optional
        The file format (``FORMATS``).
    scale : {1, 2}, optional
        1: the book's resolution (``DPI``); 2: twice that, for high-DPI screens.

    Returns
    -------
    str, pathlib.Path or binary file
        ``path``.

    Raises
    ------
    ValueError
        If ``format`` or ``scale`` is not one of the book's.
    """
    if format not in SAVEFIG:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
    save_scales(fig, {scale: path}, format=format)
    return path
