"""Layouts that come out the same in every process.

Matplotlib's constrained layout solves for the axes' positions with a constraint
solver whose result can differ in the last bits from one run to the next (the
order it meets the constraints in is not fixed). For most figures that never
shows; for a figure of many small planes it moves a line by a pixel's fraction
and changes a few pixels. ``fixed_layout`` lays a figure out once, rounds every
position well below a pixel and switches the layout engine off, so each draw
after it starts from the same numbers.
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
