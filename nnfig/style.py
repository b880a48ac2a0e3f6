"""The book's one look: rc parameters, palette and how images are written.

Figure functions never touch global rcParams: the registry applies ``STYLE``
inside ``matplotlib.rc_context`` while a figure is built.
"""

from cycler import cycler

# Okabe–Ito: eight colours that stay distinct under the common colour-vision
# deficiencies (protanopia, deuteranopia, tritanopia).
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

#: Colours with a meaning in the book: activations (data) vs parameters.
ACTIVATION = OKABE_ITO["vermillion"]
PARAMETER = OKABE_ITO["blue"]
CYCLE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky")]
#: The two classes of every classification figure: colour and marker both differ.
CLASS_COLORS = (OKABE_ITO["blue"], OKABE_ITO["orange"])
CLASS_MARKERS = ("o", "^")
GRID = "#d9d9d9"
MUTED = "#6b6b6b"

#: Widest figure that fits the book's text column, in inches.
MAX_WIDTH = 7.2

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "normal",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=CYCLE),
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "mathtext.fontset": "cm",
    "image.cmap": "viridis",
    "svg.hashsalt": "nnfig",  # stable ids inside SVG output
}

#: Keyword arguments for every ``savefig`` of the book (CLI and gallery alike).
#: No "Software" or date entries, so bytes depend only on the pixels.
SAVEFIG = {
    "png": {"dpi": 150, "metadata": {"Software": None}},
    "svg": {"metadata": {"Creator": None, "Date": None}},
}
