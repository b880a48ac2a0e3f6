"""The MLP chapter: its figures draw what its text and captions say, in both themes."""

import re

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import same_color
from matplotlib.patches import Circle, FancyArrowPatch

from nnfig import FIGURES
from nnfig.compute import bumps, small_net
from tests.util import captions, chapter, visible_texts

CHAPTER = chapter("mlp")
PROSE = " ".join(CHAPTER.split())
DIAGRAMS = ["mlp-fan-out", "mlp-hidden-layer", "two-layer-net"]


# --- The text points only where the book goes, and teaches rather than reports history.


def test_no_pointer_to_chapters_the_book_does_not_have():
    for phrase in ("later in the book", "next chapter", "later chapter", "previous chapter"):
        assert phrase not in PROSE.lower()
    assert "{ref}`where-this-leads`" in PROSE


def test_no_change_log_in_the_readers_path():
    assert "earlier draft" not in PROSE.lower()
    assert "row $j$ of $\\mathbf{W}_1$ holds the coefficients of $z_j$" in PROSE


def test_universality_cites_cybenko_and_leshno():
    assert "cybenko1989approximation" in PROSE
    assert "leshno1993multilayer" in PROSE
    assert "\\mathbb{R}^N" not in PROSE  # inputs live in R^D; N counts examples


# --- Notation: layers are numbered with ℓ, and every symbol is defined before it is used.


def test_layer_index_is_ell_and_x_ell_is_the_output_of_layer_ell():
    for wrong in (r"\mathbf{W}_l", r"\mathbf{b}_l", "_{l+1}", "f_l", r"\theta_l", "Layer $l$"):
        assert wrong not in CHAPTER, wrong
    assert r"\act{\mathbf{x}_\ell} = f_\ell\big(\act{\mathbf{x}_{\ell-1}}" in CHAPTER
    # x_0 ... x_L number the layers' outputs, not pre- and post-activations both.
    assert "number all of them $\\mathbf{x}_0" not in PROSE
    assert "$\\mathbf{x}_\\ell$ the output of layer $\\ell$" in PROSE


def _prose_after_code(text: str) -> str:
    """The chapter as a reader meets it: after the first (hidden) code cell, which ends at
    the first line that is only a fence (its code may hold fences inside strings)."""
    start = text.index("```{code-cell}")
    return text[re.compile(r"^```$", re.M).search(text, start + 3).end() :]


def test_relu_sigmoid_and_indicator_are_defined_before_use():
    prose = _prose_after_code(CHAPTER)
    definition = prose.index(r"$\operatorname{relu}(z) = \max(z, 0)$")
    first_use = prose.lower().index("relu")
    assert 0 <= definition - first_use < 40  # the first "relu" is the one being defined
    assert prose.index("{ref}`chapter-layers`)") < prose.index("sigmoid is not special")
    sigmoid = prose.index("sigmoid")
    assert "S-shaped" in prose[sigmoid : sigmoid + 120]
    # The indicator is explained right where the equations that use it are shown.
    shown = prose.index("{glue:math} small-net-equations")
    assert "$\\mathbb{1}[\\text{condition}]$ is 1 when the condition holds" in prose[shown:]
    assert r"\tilde{g}" not in CHAPTER


def test_fast_slow_caption_names_the_loss_and_glues_the_accuracy():
    caption = captions(CHAPTER)["fast-slow"]
    assert "logistic loss" in caption and "binary cross-entropy" in caption
    assert "{glue:text}`training-accuracy`%" in caption
    t = small_net.train()
    data = small_net.labelled()

    def net_output(theta):
        w1, c1, w2, c2 = theta[:4].reshape(2, 2), theta[4:6], theta[6:8], theta[8]
        return np.maximum(data.x @ w1.T + c1, 0) @ w2 + c2

    def logistic_loss(theta):
        return np.logaddexp(0, -(2 * data.y - 1) * net_output(theta)).mean()

    # Training lowers the loss the caption names, and the accuracy glued is the final net's.
    assert logistic_loss(t.theta[-1]) < 0.5 * logistic_loss(t.theta[0])
    assert t.accuracy == ((net_output(t.theta[-1]) > 0) == (data.y == 1)).mean()


# --- The small net: what the text says of z3 and of the units that are off.


def test_text_calls_z3_piecewise_linear_as_the_data_shows():
    assert "Each pre-activation is a tilted plane" not in PROSE
    assert "piecewise linear" in PROSE
    v = small_net.values()
    design = np.column_stack([v.out.x, np.ones(len(v.out.x))])
    coef, *_ = np.linalg.lstsq(design, v.out.z3, rcond=None)
    assert np.abs(design @ coef - v.out.z3).max() > 0.5  # z3 is no plane


def test_text_places_the_units_that_are_off_where_they_are():
    data = small_net.labelled()
    off = (small_net.forward(data.x).h == 0).all(axis=1)
    # They sit on the left, both above and below the apex: not "in the upper left".
    assert np.all(data.x[off, 0] < 0) and (data.x[off, 1] < 0).any()
    assert "upper left" not in PROSE
    assert "a wedge opening to the left" in PROSE
    assert "{glue:text}`nonlinear-both-off`" in PROSE


def test_nonlinear_data_shows_class_zero_on_both_sides(themed):
    fig, _ = themed("nonlinear-data")
    ax = fig.axes[0]
    (lo1, hi1), (lo2, _) = small_net.BOX
    assert ax.get_xlim() == small_net.VIEW[0] and ax.get_ylim() == small_net.VIEW[1]
    # The left arm (z1 = 0) meets the bottom edge with class-0 ground left of it;
    # the right arm (z3 = 0) meets the right edge well below the apex.
    assert lo1 < lo2 - 0.5 and -hi1 / 2 < -0.5
    data = small_net.labelled()
    below = (data.y == 0) & (data.x[:, 1] < 0)
    assert (below & (data.x[:, 0] < 0)).sum() >= 8 and (below & (data.x[:, 0] > 0)).sum() >= 8


def _marker_overhang(ax) -> float:
    """How far, in points, the farthest-out data marker of ``ax`` pokes past its frame."""
    frame = ax.get_window_extent()
    worst = -np.inf
    for points in ax.collections:
        if not isinstance(points, PathCollection) or not len(points.get_offsets()):
            continue
        xy = ax.transData.transform(points.get_offsets())
        # Half the marker's width plus half its rim, in pixels.
        rim = points.get_linewidths().max() / 2
        radius = (np.sqrt(points.get_sizes().max()) / 2 + rim) * ax.figure.dpi / 72
        out = np.concatenate(
            [frame.x0 - xy[:, 0], xy[:, 0] - frame.x1, frame.y0 - xy[:, 1], xy[:, 1] - frame.y1]
        )
        worst = max(worst, (out.max() + radius) * 72 / ax.figure.dpi)
    return worst


@pytest.mark.parametrize("fig_id", ["nonlinear-data", "two-layer-net-values"])
def test_every_data_marker_is_drawn_whole(themed, fig_id):
    """No marker is cut by the frame: the data's plots reach past ``BOX`` by a margin."""
    fig, _ = themed(fig_id)
    fig.canvas.draw()
    panels = [ax for ax in fig.axes if ax.get_xlabel() or ax.get_ylabel() or ax.get_title()]
    panels = [ax for ax in panels if any(isinstance(c, PathCollection) for c in ax.collections)]
    assert panels
    for ax in panels:
        assert _marker_overhang(ax) < -0.5  # room to spare, rim included
    # And the data does reach the edge of BOX: without the margin markers would be cut.
    data = small_net.labelled()
    (_, _), (lo2, _) = small_net.BOX
    assert data.x[:, 1].min() < lo2 + 0.01


def test_values_heat_maps_fill_the_panels():
    v = small_net.values()
    assert (v.x1[0], v.x1[-1]) == small_net.VIEW[0]
    assert (v.x2[0], v.x2[-1]) == small_net.VIEW[1]


def test_values_caption_names_no_theme_colour():
    caption = captions(CHAPTER)["two-layer-net-values"]
    for colour in ("gray", "grey", "black", "white"):
        assert colour not in caption


# --- relu-bumps: the caption's trapezoid and tents are what is drawn; M counts bumps.


def test_bump_is_a_trapezoid_and_the_approximations_use_tents():
    a = bumps.approximations()
    top = np.isclose(a.bump, a.bump.max())
    assert np.ptp(a.bump_x[top]) > 0.5  # a flat top: a trapezoid
    step = a.x[1] - a.x[0]
    for tent in a.tents:
        peak = np.abs(tent).max()
        if peak > 0:  # a tent's top is a single point, not a plateau
            assert np.isclose(np.abs(tent), peak).sum() * step < 0.02
    np.testing.assert_allclose(sum(a.tents), a.curves[a.counts.index(a.tent_count)])
    caption = captions(CHAPTER)["relu-bumps"]
    assert "flat top" in caption and "triangular tents" in caption


def test_relu_bumps_counts_bumps_with_m(themed):
    fig, _ = themed("relu-bumps")
    shown = " ".join(t.get_text() for t in visible_texts(fig))
    assert "$M = " in shown and "N = " not in shown and "bumps N" not in shown
    assert "$4M$ relus" in PROSE and "$N$ bumps" not in PROSE


# --- Colours: activations vermillion, parameters blue, functions ink.


@pytest.mark.parametrize("fig_id", DIAGRAMS)
def test_network_nodes_are_activations(themed, fig_id):
    fig, p = themed(fig_id)
    circles = [c for c in fig.axes[0].patches if isinstance(c, Circle)]
    assert circles
    assert all(same_color(c.get_edgecolor(), p.activation) for c in circles)


def test_fan_out_g_is_a_function_not_a_parameter(themed):
    fig, p = themed("mlp-fan-out")
    (g,) = [t for t in visible_texts(fig) if t.get_text() == "$g$"]
    assert same_color(g.get_color(), p.ink)
    assert not same_color(g.get_color(), p.parameter)
    # g sits above its arrow, not on it: its box clears the arrow from z to h.
    fig.canvas.draw()
    box = g.get_window_extent()
    middle = (box.x0 + box.x1) / 2
    under = []
    for arrow in (a for a in fig.axes[0].patches if isinstance(a, FancyArrowPatch)):
        extent = arrow.get_window_extent()
        if extent.x0 < middle < extent.x1:
            under.append(extent.y1)
    assert len(under) == 1  # only z → h passes under g
    assert box.y0 > under[0]


def test_fan_out_weights_are_parameters_and_the_text_says_what_outputs_compute(themed):
    fig, p = themed("mlp-fan-out")
    arrows = [a for a in fig.axes[0].patches if isinstance(a, FancyArrowPatch)]
    blue = [a for a in arrows if same_color(a.get_edgecolor(), p.parameter)]
    assert len(blue) == len(arrows) - 1 == 4 + 3  # every edge but g's carries a weight
    weights = [t for t in visible_texts(fig) if re.fullmatch(r"\$[wv]_\{?\d\}?\$", t.get_text())]
    assert len(weights) == 7 and all(same_color(t.get_color(), p.parameter) for t in weights)
    assert "y_k = v_k h + c_k" in captions(CHAPTER)["mlp-fan-out"]


def test_two_layer_net_weights_are_parameters(themed):
    fig, p = themed("two-layer-net")
    weights = [t for t in visible_texts(fig) if re.fullmatch(r"\$-?\d+\$", t.get_text())]
    assert len(weights) == np.count_nonzero(small_net.W1) + np.count_nonzero(small_net.W2)
    assert all(same_color(t.get_color(), p.parameter) for t in weights)


def test_fast_slow_puts_activations_and_parameters_on_one_time_axis(themed):
    fig, p = themed("fast-slow")
    t = FIGURES["fast-slow"].data()
    ax_a, ax_p = [ax for ax in fig.axes if ax.lines]
    assert ax_a.get_shared_x_axes().joined(ax_a, ax_p)
    assert all(same_color(line.get_color(), p.activation) for line in ax_a.lines[:2])
    params = [line for line in ax_p.lines if same_color(line.get_color(), p.parameter)]
    assert len(params) == t.theta.shape[1]
    # One vertical mark per pass boundary, the x axis running over every step.
    assert ax_p.get_xlim() == (0, t.passes * t.n_points)
    # Fast: the activation changes far more from one step to the next than any parameter.
    step_par = np.abs(np.diff(t.theta, axis=0)).max(axis=1)
    assert np.median(np.abs(np.diff(t.outputs))) > 20 * np.median(step_par)
