"""The perceptrons chapter: its figures draw what its text and captions say, in both themes."""

import re

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.colors import same_color, to_rgba
from matplotlib.contour import ContourSet
from matplotlib.patches import FancyArrowPatch

from nnfig import FIGURES
from tests.util import ROOT, captions, chapter

CHAPTER = chapter("perceptrons")
THEMES = ["light", "dark"]


def test_neuron_graph_colours_dendrites_as_parameters_and_the_axon_as_an_activation(themed):
    fig, p = themed("neuron-graph")
    g = FIGURES["neuron-graph"].data()
    bold = [a for a in fig.axes[0].patches if isinstance(a, FancyArrowPatch) and a.get_lw() > 2]
    colours = [a.get_edgecolor() for a in bold]
    assert sum(same_color(c, p.parameter) for c in colours) == len(g.dendrites)
    assert sum(same_color(c, p.activation) for c in colours) == 1  # the one axon
    assert len(bold) == len(g.dendrites) + 1


def _panels(fig):
    """(update index, axes) of every panel that draws one decision line."""
    found = []
    for ax in fig.axes:
        title = ax.get_title()
        if title.startswith("start"):
            found.append((0, ax))
        elif m := re.match(r"update (\d+):", title):
            found.append((int(m.group(1)), ax))
    return found


def test_learning_has_one_panel_per_line_with_its_count(themed):
    fig, _ = themed("perceptron-learning")
    data = FIGURES["perceptron-learning"].data()
    panels = _panels(fig)
    assert [k for k, _ in panels] == list(range(len(data.run.w)))  # every line, in order
    for k, ax in panels:
        assert ax.get_title().endswith(f": {data.errors[k]} wrong")


def test_learning_rings_the_point_that_triggered_each_update(themed):
    fig, _ = themed("perceptron-learning")
    data = FIGURES["perceptron-learning"].data()
    for k, ax in _panels(fig):
        rings = [
            c
            for c in ax.collections
            if isinstance(c, PathCollection) and np.all(c.get_facecolors()[:, 3] == 0)
        ]
        if k == 0:
            assert not rings, "the start has no update to explain"
            continue
        (ring,) = rings
        np.testing.assert_allclose(ring.get_offsets()[0], data.x[data.run.trigger[k - 1]])


def test_learning_shades_the_positive_side_of_each_line(themed):
    fig, p = themed("perceptron-learning")
    data = FIGURES["perceptron-learning"].data()
    for k, ax in _panels(fig):
        (shade,) = [c for c in ax.collections if isinstance(c, ContourSet)]
        assert same_color(shade.get_facecolor()[0][:3], p.classes[1])
        # The shaded region holds the points the line labels 1 and none of the others.
        z = data.x @ data.run.w[k] + data.run.b[k]
        # The filled outline follows the line to within a grid step: skip points on it.
        clear = np.abs(z) / np.linalg.norm(data.run.w[k]) > 0.05
        np.testing.assert_array_equal(_inside(shade, data.x)[clear], (z > 0)[clear])


def _inside(shade: ContourSet, points: np.ndarray) -> np.ndarray:
    """Which points lie in the filled region of a contourf."""
    return np.any([path.contains_points(points) for path in shade.get_paths()], axis=0)


def test_learning_uses_only_colours_that_mean_the_same_in_both_themes(themed):
    """No colour ramp: lines are ink and muted, points and shading the class colours."""
    fig, p = themed("perceptron-learning")
    allowed = [p.ink, p.muted, p.paper, *p.classes, "none"]
    for ax in fig.axes:
        colours = [line.get_color() for line in ax.get_lines()]
        for c in ax.collections:
            colours += [rgba[:3] for rgba in c.get_facecolors() if rgba[3] > 0]
            colours += [rgba[:3] for rgba in c.get_edgecolors() if rgba[3] > 0]
        for colour in colours:
            assert any(same_color(to_rgba(colour)[:3], to_rgba(a)[:3]) for a in allowed), colour


def test_captions_name_no_colour_that_changes_with_the_theme():
    theme_bound = r"\b(green|purple|yellow|black|white|gr[ae]y|dark|light|pale|faint)\b"
    for fig_id, caption in captions(CHAPTER).items():
        assert not re.search(theme_bound, caption, re.I), (fig_id, caption)


def test_captions_colours_are_the_ones_drawn():
    neuron = captions(CHAPTER)["neuron-graph"]
    assert "(dendrites) are blue" in neuron and "is vermillion" in neuron


def test_pointers_stay_inside_the_book():
    assert not re.search(r"next chapter|later in the book|later chapters develop", CHAPTER, re.I)
    assert "{ref}`where-this-leads`" in CHAPTER
    labels = {
        m
        for path in (ROOT / "book").glob("*.md")
        for m in re.findall(r"^\((\S+)\)=$", path.read_text(), re.M)
    }
    for ref in re.findall(r"\{ref\}`([^`]+)`", CHAPTER):
        assert ref in labels, ref


def test_notation_d_inputs_n_examples():
    assert "$D$ inputs" in CHAPTER and "\\mathbb{R}^D" in CHAPTER
    assert not re.search(r"\$N\$ inputs|\\mathbb\{R\}\^N|x_N\b", CHAPTER)
    assert "$N$ labelled examples" in CHAPTER
    assert "\\sigma" not in CHAPTER  # σ is kept for standard deviations


def test_convergence_theorem_is_cited_and_the_key_exists():
    assert "novikoff1962convergence" in CHAPTER
    bib = (ROOT / "book" / "references.bib").read_text()
    assert "{novikoff1962convergence," in bib
    assert "(R/\\gamma)^2" in CHAPTER


# --- Claims of the text, held against what they describe.


def test_text_does_not_call_the_mlp_chapters_threshold_net_differentiable():
    from nnfig.compute import small_net

    # The worked net of the MLP chapter ends in a threshold: its output only jumps.
    x = np.random.default_rng(0).uniform(-2, 2, size=(500, 2))
    assert set(np.unique(small_net.forward(x).y)) == {0.0, 1.0}
    prose = " ".join(CHAPTER.split())
    assert "starting with {ref}`chapter-mlp`, are differentiable" not in prose
    assert "Most nets in the chapters that follow" in prose


def test_boundary_distance_is_b_over_norm_w_so_rescaling_w_moves_it():
    prose = " ".join(CHAPTER.split())
    assert "$|b|/\\|\\mathbf{w}\\|$ from the origin" in prose
    assert "Changing $\\mathbf{w}$ rotates the boundary and changing $b$ slides it" not in prose
    field = FIGURES["perceptron-classifier"].data()
    w, b = np.asarray(field.w, float), float(field.b)
    for scale in (1.0, 2.0):
        # The point of the line w·x + b = 0 nearest the origin, found independently.
        v = scale * w
        nearest = -b * v / (v @ v)
        assert np.isclose(v @ nearest + b, 0)
        assert np.isclose(np.linalg.norm(nearest), abs(b) / np.linalg.norm(v))
    if b != 0:
        assert "doubling $\\mathbf{w}$ halves the boundary's distance" in prose


def test_learning_rule_is_coloured_like_the_other_equations():
    found = re.findall(r"\$\$\n(.*?)\$\$ \((eq-[\w-]+)\)", CHAPTER, re.S)
    rule = {label: body for body, label in found}["eq-perceptron-rule"]
    assert rule.count("\\param{\\mathbf{w}}") == 2 and rule.count("\\param{b}") == 2
    assert "\\act{\\mathbf{x}}" in rule and "\\act{\\hat{y}}" in rule


def _overhang(ax, points) -> float:
    """How far, in points, the farthest-out marker of ``points`` pokes past the frame of ``ax``."""
    frame = ax.get_window_extent()
    xy = ax.transData.transform(points.get_offsets())
    rim = points.get_linewidths().max() / 2
    radius = (np.sqrt(points.get_sizes().max()) / 2 + rim) * ax.figure.dpi / 72
    out = np.concatenate(
        [frame.x0 - xy[:, 0], xy[:, 0] - frame.x1, frame.y0 - xy[:, 1], xy[:, 1] - frame.y1]
    )
    return (out.max() + radius) * 72 / ax.figure.dpi


def test_learning_markers_are_large_and_the_triangles_stand_off_the_shading(themed):
    fig, p = themed("perceptron-learning")
    fig.canvas.draw()
    for _, ax in _panels(fig):
        filled = [
            c
            for c in ax.collections
            if isinstance(c, PathCollection)
            and len(c.get_facecolors())
            and np.all(c.get_facecolors()[:, 3] > 0)
        ]
        circles, triangles = filled
        assert same_color(triangles.get_facecolors()[0][:3], p.classes[1])
        assert same_color(triangles.get_edgecolors()[0][:3], p.ink)  # not the paper
        assert min(circles.get_sizes().min(), triangles.get_sizes().min()) >= 28
        assert max(_overhang(ax, c) for c in filled) < 0


def test_learning_count_plot_shows_every_dot_whole(themed):
    fig, _ = themed("perceptron-learning")
    fig.canvas.draw()
    (ax_err,) = [ax for ax in fig.axes if ax.get_xlabel() == "update"]
    for dots in ax_err.collections:
        assert _overhang(ax_err, dots) < 0  # the last zero and the last update included
