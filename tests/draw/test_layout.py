"""A layout computed once, rounded, and kept."""

import matplotlib.pyplot as plt
import pytest
from matplotlib.layout_engine import PlaceHolderLayoutEngine

from nnfig.draw.layout import DECIMALS, fixed_layout


def test_fixed_layout_keeps_the_constrained_positions_rounded():
    fig, axes = plt.subplots(2, 2, figsize=(4, 3), layout="constrained")
    for ax in axes.flat:
        ax.set_title("a title", loc="left")
        ax.set_ylabel("a label")
    fig.draw_without_rendering()
    laid_out = [ax.get_position().bounds for ax in fig.axes]
    fixed_layout(fig)
    # Matplotlib keeps a placeholder that lays nothing out.
    assert isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine)
    for ax, before in zip(fig.axes, laid_out, strict=True):
        after = ax.get_position().bounds
        assert after == pytest.approx(before, abs=10**-DECIMALS)
        # Rounded: what is left is the float error of storing corners, not solver noise.
        assert after == pytest.approx([round(v, DECIMALS) for v in after], abs=1e-12)
    # Drawing again moves nothing: no engine is left to move it.
    fixed = [ax.get_position().bounds for ax in fig.axes]
    fig.draw_without_rendering()
    assert [ax.get_position().bounds for ax in fig.axes] == fixed
    plt.close(fig)


def test_fixed_layout_refuses_subfigures():
    fig = plt.figure(layout="constrained")
    fig.subfigures(1, 2)
    with pytest.raises(ValueError, match="subfigures"):
        fixed_layout(fig)
    plt.close(fig)
