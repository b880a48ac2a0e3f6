"""A layout computed once, rounded, and kept; a layout copied from another theme."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine, PlaceHolderLayoutEngine

from nnfig.draw.layout import DECIMALS, copy_layout, fixed_layout
from nnfig.draw.save import save


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


def _drawn(color: str):
    """A figure with what a layout engine moves: subfigures, a colorbar, equal aspect."""
    fig = plt.figure(figsize=(5, 3), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[2, 1])
    ax = left.subplots()
    image = ax.imshow(np.arange(12.0).reshape(3, 4), cmap="gray")
    left.colorbar(image, ax=ax, label="a long colourbar label")
    ax.set_title("a title", color=color)
    top, bottom = right.subplots(2, 1)
    top.scatter([0, 1, 2], [0, 2, 1], color=color)
    top.set(xticks=[], yticks=[], xlabel="two\nlines")
    # Each of the engine's passes widens these limits for the box it has then, so
    # the limits it leaves depend on every box it tried, not only on the last one.
    top.set_aspect("equal", adjustable="datalim")
    bottom.plot([0, 1], [0, 1000], color=color)
    bottom.set_ylabel("a wide\nlabel")
    return fig


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    save(fig, buffer, scale=2)
    return buffer.getvalue()


def test_a_copied_layout_draws_what_the_engine_would():
    laid_out = _drawn("black")
    _png(laid_out)
    own, copied = _drawn("tab:orange"), copy_layout(_drawn("tab:orange"), laid_out)
    assert copied.get_layout_engine() is None  # savefig makes no extra draw for an engine
    assert _png(copied) == _png(own)


def test_copy_layout_refuses_another_figure():
    laid_out = _drawn("black")
    _png(laid_out)
    other = plt.figure(figsize=(5, 3), layout="constrained")
    other.subplots(1, 2)
    with pytest.raises(ValueError, match="same figure"):
        copy_layout(other, laid_out)
    plt.close(other)


def test_a_figure_with_a_super_title_keeps_its_engine():
    def titled():
        fig = _drawn("black")
        fig.suptitle("placed by the engine")
        return fig

    laid_out = titled()
    _png(laid_out)
    target = copy_layout(titled(), laid_out)
    assert isinstance(target.get_layout_engine(), ConstrainedLayoutEngine)
    plt.close(target)
