"""Figures of an executable textbook on neural nets.

``FIGURES`` maps every figure id of the book to its figure function::

    import nnfig
    fig = nnfig.FIGURES["activations"]()   # the book's figure, as a matplotlib Figure
"""

from nnfig import plots as _plots  # noqa: F401  (registers every figure)
from nnfig.registry import FIGURES, FigureEntry
from nnfig.render import save

__all__ = ["FIGURES", "FigureEntry", "save"]
