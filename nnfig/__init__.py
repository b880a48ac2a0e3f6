"""Figures of an executable textbook on neural nets.

``FIGURES`` maps every figure id of the book to its figure function::

    from nnfig import FIGURES
    fig = FIGURES["activations"]()        # the book's figure, as a matplotlib Figure
    values = FIGURES["relu-volume"].data()  # what that figure draws
    values = figure_data("relu-volume")     # the same, without loading matplotlib

The package is laid out as the pipeline runs: ``nnfig.compute`` (numpy and
torch: the values), ``nnfig.draw`` (matplotlib helpers, themes, saving),
``nnfig.chapters`` (one module of figures per chapter), ``nnfig.registry``,
then ``nnfig.cli`` and ``nnfig.sphinxext`` (the book build). Importing ``nnfig``
loads neither matplotlib nor torch; the registry loads the chapters on first use.
"""

from nnfig.registry import FIGURES, FigureEntry, figure_data

__all__ = ["FIGURES", "FigureEntry", "figure_data", "save"]


def __getattr__(name: str):
    if name == "save":  # matplotlib loads only when a figure is saved
        from nnfig.draw.save import save

        return save
    raise AttributeError(f"module 'nnfig' has no attribute {name!r}")
