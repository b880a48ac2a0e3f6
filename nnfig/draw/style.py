"""The book's one look, in a light and a dark theme.

Every colour a figure uses comes from the current theme's ``Palette``
(``palette()``), and every rc parameter from ``rc(palette)``. Figure functions
never touch global rcParams: the registry draws every figure inside ``styled()``,
a ``matplotlib.rc_context`` of the current theme. Pick a theme with
``with theme("dark"): ...``; the default is light.

Colours of meaning (the two classes, parameters vs activations, line cycles)
come from the Okabe–Ito palette, chosen because its hues stay distinct under the
common colour-vision deficiencies (protanopia, deuteranopia, tritanopia). The
dark theme swaps the hues too dark to read on a dark page for lighter members of
the same palette, so a class or a layer keeps its meaning in both themes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from cycler import cycler

#: Okabe–Ito: eight colours that stay distinct under the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class Palette:
    """Every colour of one theme, by role.

    Parameters
    ----------
    name : str
        The theme's name, a key of ``THEMES``.
    paper : str
        Figure background: the page's own background colour.
    ink : str
        Text, axes, strong lines.
    muted : str
        Secondary text and reference lines.
    grid : str
        Grid lines.
    shade : str
        Fill of highlighted shapes (a shaded neuron, an operation box).
    panel : str
        Fill of plain boxes.
    hue : dict of str to str
        The Okabe–Ito hues (``OKABE_ITO``), by name, as this theme shows them.
    parameter_tint : str
        Light fill behind parameters.
    activation_tint : str
        Light fill behind activations.
    region_cmap : str
        Diverging colour map for signed values over a region: pink below zero,
        green above, neither the parameter blue nor the activation vermillion
        nor a class colour.
    fade : pair of float
        Stretch of viridis from faint (early) to strong (late) on paper.
    """

    name: str
    paper: str
    ink: str
    muted: str
    grid: str
    shade: str
    panel: str
    hue: dict[str, str]
    parameter_tint: str
    activation_tint: str
    region_cmap: str
    fade: tuple[float, float]

    @property
    def parameter(self) -> str:
        """The colour of parameters (weights, biases): blue."""
        return self.hue["blue"]

    @property
    def activation(self) -> str:
        """The colour of activations (inputs, outputs, values inside a net): vermillion."""
        return self.hue["vermillion"]

    @property
    def classes(self) -> tuple[str, str]:
        """The two classes of every classification figure (markers differ too)."""
        return (self.hue["blue"], self.hue["orange"])

    @property
    def cycle(self) -> tuple[str, ...]:
        """The colours of successive lines, as matplotlib's property cycle."""
        return tuple(
            self.hue[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky")
        )


#: The light theme, the default: black ink on white paper.
LIGHT = Palette(
    name="light",
    paper="#ffffff",
    ink="#1a1a1a",
    muted="#6b6b6b",
    grid="#d9d9d9",
    shade="#cccccc",
    panel="#f2f2f2",
    hue=dict(OKABE_ITO),
    parameter_tint="#e3eef8",
    activation_tint="#fbe9df",
    region_cmap="PiYG",
    fade=(0.85, 0.0),
)

#: Matches the book theme's dark page (#121212) and its text colour.
DARK = Palette(
    name="dark",
    paper="#121212",
    ink="#ced6dd",
    muted="#9ca4af",
    grid="#323a46",
    shade="#48566b",
    panel="#29313d",
    # Okabe–Ito blue is too dark on the dark page: sky takes its place, yellow takes sky's.
    hue=OKABE_ITO | {"blue": OKABE_ITO["sky"], "sky": OKABE_ITO["yellow"], "black": "#ced6dd"},
    parameter_tint="#1d3a52",
    activation_tint="#4a2b1c",
    region_cmap="vanimo",  # diverging through a dark middle (Crameri), like the page
    fade=(0.2, 1.0),
)

#: The book's themes by name: every figure is drawn in each.
THEMES = {"light": LIGHT, "dark": DARK}
#: Resolutions of every book image: 1× and 2× (high-DPI screens).
SCALES = (1, 2)
#: Arrangements of a figure: "wide" fills the text column; a figure whose drawing
#: takes ``layout`` also has a "narrow" one, stacked for a phone's column (about
#: 330 CSS px, ``NARROW_WIDTH`` inches at the book's resolution).
LAYOUTS = ("wide", "narrow")
#: The two classes differ in marker shape as well as colour.
CLASS_MARKERS = ("o", "^")
_current: ContextVar[Palette] = ContextVar("nnfig_theme", default=LIGHT)


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours: 1 (the same) to 21 (black on white).

    Parameters
    ----------
    a, b : color
        Two matplotlib colours.

    Returns
    -------
    float
        Their contrast ratio, the same in either order.
    """
    import numpy as np
    from matplotlib.colors import to_rgb  # here: importing the palette loads no matplotlib

    def luminance(color) -> float:
        c = np.array(to_rgb(color))
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def palette() -> Palette:
    """The palette of the theme figures are being drawn in.

    Returns
    -------
    Palette
        The current theme's palette: ``LIGHT`` unless inside ``theme("dark")``.
    """
    return _current.get()


@contextmanager
def theme(name: str) -> Iterator[Palette]:
    """Draw the figures made inside this block in theme ``name``.

    A context manager: ``with theme("dark"): fig = FIGURES["activations"]()``.

    Parameters
    ----------
    name : {"light", "dark"}
        The theme, a key of ``THEMES``.

    Yields
    ------
    Palette
        The theme's palette.

    Raises
    ------
    ValueError
        If ``name`` is not a theme.
    """
    if name not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {name!r}")
    token = _current.set(THEMES[name])
    try:
        yield THEMES[name]
    finally:
        _current.reset(token)


#: Widest figure that fits the book's text column, in inches.
MAX_WIDTH = 7.2

#: Resolution of the book's 1× images. The text column is 752 CSS pixels wide, so a
#: figure of the widest width (7.2 in) fills it at 104 dpi; high-DPI screens get 2×.
DPI = 104

#: Width of a narrow arrangement, in inches: a phone's text column (about 330 CSS px
#: on a 360 px screen) at the book's resolution, so its text shows near its own size.
NARROW_WIDTH = 3.3


def rc(p: Palette) -> dict:
    """matplotlib rc parameters of the book in palette ``p``.

    Parameters
    ----------
    p : Palette
        The theme's palette.

    Returns
    -------
    dict
        rc parameters, for ``matplotlib.rc_context``.
    """
    return {
        "figure.dpi": 100,
        "savefig.dpi": DPI,
        "figure.facecolor": p.paper,
        "savefig.facecolor": p.paper,
        "axes.facecolor": p.paper,
        "axes.edgecolor": p.ink,
        "axes.labelcolor": p.ink,
        "text.color": p.ink,
        "xtick.color": p.ink,
        "ytick.color": p.ink,
        "legend.labelcolor": p.ink,
        "font.size": 10,
        "axes.titlesize": 11,
        "axes.titleweight": "normal",
        "axes.labelsize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": p.grid,
        "grid.linewidth": 0.6,
        "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=list(p.cycle)),
        "patch.edgecolor": p.ink,
        "lines.linewidth": 2.0,
        "legend.frameon": False,
        "legend.fontsize": 9,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "mathtext.fontset": "cm",
        "image.cmap": "viridis",
        "svg.hashsalt": "nnfig",  # stable ids inside SVG output
    }


@contextmanager
def styled() -> Iterator[Palette]:
    """The book's rc parameters in the current theme, for the duration of the block.

    A context manager; every public figure function draws inside one, so
    figures never depend on (or change) the global rcParams.

    Yields
    ------
    Palette
        The current theme's palette.
    """
    import matplotlib as mpl

    with mpl.rc_context(rc(palette())):
        yield palette()
