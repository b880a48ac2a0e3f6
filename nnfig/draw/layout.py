"""Layouts that come out the same in every process.

Matplotlib's constrained layout solves for the axes' positions with a constraint
solver whose result can differ in the last bits from one run to the next (the
order it meets the constraints in is not fixed). For most figures that never
shows; for a figure of many small planes it moves a line by a pixel's fraction
and changes a few pixels. ``fixed_layout`` lays a figure out once, rounds every
position well below a pixel and switches the layout engine off, so each draw
after it starts from the same numbers.

``copy_layout`` gives a figure the layout of the same figure drawn in another
theme, so the book lays each figure out once, not once per theme.
"""

from matplotlib.figure import Figure

#: Positions are rounded to this many decimals of the figure's width and height:
#: a millionth of 7 inches is far below a pixel, and far above the solver's noise.
DECIMALS = 6


def fixed_layout(fig: Figure) -> Figure:
    """Run ``fig``'s layout engine once, then keep its axes where it put them, rounded."""
    if fig.subfigs:
        raise ValueError("fixed_layout needs a figure without subfigures")
    fig.draw_without_rendering()
    for ax in fig.axes:
        bounds = [round(float(v), DECIMALS) for v in ax.get_position(original=True).bounds]
        ax.set_position(bounds, which="both")
    fig.set_layout_engine("none")
    return fig


def _figures(fig) -> list:
    """``fig`` and its subfigures, depth first."""
    return [fig, *(f for sub in fig.subfigs for f in _figures(sub))]


def copy_layout(target: Figure, source: Figure) -> Figure:
    """Place ``target``'s axes where ``source``'s were drawn, and switch its engine off.

    ``source`` is the same figure in another theme, already drawn (saved) at the
    resolution ``target`` will be: a theme changes colours, not text or sizes, so
    the layout engine would put every axes and subfigure of ``target`` where it put
    ``source``'s. Without an engine, ``savefig`` neither lays the figure out nor
    makes the extra draw it makes for one: about a quarter of a drawing's time.

    A figure with a super title keeps its own engine: the engine places those
    titles too, and this copies axes and subfigures only.

    Raises
    ------
    ValueError
        If the two figures differ in size, subfigures or axes.
    """
    figures, laid_out = _figures(target), _figures(source)
    if (
        tuple(target.get_size_inches()) != tuple(source.get_size_inches())
        or len(figures) != len(laid_out)
        or [ax.get_label() for ax in target.axes] != [ax.get_label() for ax in source.axes]
    ):
        raise ValueError("copy_layout needs the same figure: size, subfigures and axes")
    if any(f._suptitle or f._supxlabel or f._supylabel for f in figures):
        return target
    for sub, done in zip(figures[1:], laid_out[1:], strict=True):
        sub.bbox_relative.set_points(done.bbox_relative.get_points())
    for ax, done in zip(target.axes, source.axes, strict=True):
        ax.set_position(done.get_position(original=True), which="both")
        if done.get_adjustable() == "datalim":  # the engine's passes moved its limits too
            ax.set_xlim(done.get_xlim())
            ax.set_ylim(done.get_ylim())
    target.set_layout_engine(None)
    return target
