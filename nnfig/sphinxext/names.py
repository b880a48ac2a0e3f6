"""Where the book keeps each figure's files: the one place these names are spelled.

sphinx-gallery names a script's first image ``sphx_glr_<stem>_001.png`` and its
thumbnail ``sphx_glr_<stem>_thumb.png``; the scraper adds the other themes and
scales next to them (and, for a figure with a narrow arrangement, that arrangement
in every theme and scale: ``sphx_glr_<stem>_001_narrow[_dark][_2x].png``), and
pages and tests find them all through these functions.
"""

from pathlib import PurePosixPath

from nnfig.draw.style import LAYOUTS, SCALES, THEMES

#: The gallery's folder inside ``book/`` (sphinx-gallery's ``gallery_dirs``).
GALLERY = "gallery"


def stem(fig_id: str) -> str:
    """``relu-volume`` → ``plot_relu_volume``: the gallery script and page of a figure."""
    return f"plot_{fig_id.replace('-', '_')}"


def script(fig_id: str) -> str:
    return f"{stem(fig_id)}.py"


def _suffix(theme: str, scale: int, layout: str = "wide") -> str:
    if theme not in THEMES or scale not in SCALES or layout not in LAYOUTS:
        raise ValueError(f"no image of theme {theme!r} at scale {scale!r} in layout {layout!r}")
    return (
        ("" if layout == "wide" else f"_{layout}")
        + ("" if theme == "light" else f"_{theme}")
        + ("" if scale == 1 else f"_{scale}x")
    )


def image(fig_id: str, theme: str = "light", scale: int = 1, layout: str = "wide") -> str:
    """File name of a figure's image in a theme, at a scale, in a layout."""
    return f"sphx_glr_{stem(fig_id)}_001{_suffix(theme, scale, layout)}.png"


def thumbnail(fig_id: str, theme: str = "light") -> str:
    return f"sphx_glr_{stem(fig_id)}_thumb{_suffix(theme, 1)}.png"


def image_path(fig_id: str, *, thumb: bool = False) -> str:
    """Source-relative path ("/gallery/images/…") of the light 1× image or thumbnail."""
    if thumb:
        return f"/{GALLERY}/images/thumb/{thumbnail(fig_id)}"
    return f"/{GALLERY}/images/{image(fig_id)}"


def variants(
    path: str, *, thumbnail: bool = False, layout: str = "wide"
) -> dict[tuple[str, int], str]:
    """The file of each (theme, scale) in ``layout`` next to the light 1× wide ``path``
    (thumbnails: 1× only, wide only)."""
    p = PurePosixPath(path)
    return {
        (name, scale): str(p.with_name(f"{p.stem}{_suffix(name, scale, layout)}{p.suffix}"))
        for name in THEMES
        for scale in ((1,) if thumbnail else SCALES)
    }


def shown(fig_id: str) -> str:
    """Source-relative path of what a chapter shows of a figure besides its pixels (the
    gallery writes it): its images' sizes and its alt text."""
    return f"/{GALLERY}/images/{stem(fig_id)}.json"


def explorer_data(fig_id: str) -> str:
    """Source-relative path of the data script of a figure's explorer (the gallery writes it)."""
    return f"/{GALLERY}/explorer/{fig_id}.js"
