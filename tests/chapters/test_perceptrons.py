"""The perceptrons chapter: its figures draw what its text and captions say, in both themes."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import same_color, to_rgba
from matplotlib.contour import ContourSet
from matplotlib.patches import FancyArrowPatch

from nnfig import FIGURES
from nnfig.draw.style import palette, theme
from tests.util import ROOT

CHAPTER = (ROOT / "book" / "perceptrons.md").read_text()
THEMES = ["light", "dark"]


def captions(text: str) -> dict[str, str]:
    """Figure id → caption of every ``nnfig-figure`` block of a chapter."""
    blocks = re.findall(r"```\{nnfig-figure\} (\S+)\n(.*?)```", text, re.S)
    return {fig_id: " ".join(body.split()) for fig_id, body in blocks}


@pytest.fixture(params=THEMES)
def themed(request):
    """Draw figures in each theme; yields a function fig_id → (figure, palette)."""
    made = []

    def draw(fig_id):
        with theme(request.param):
            fig = FIGURES[fig_id]()
            made.append(fig)
            return fig, palette()

    yield draw
    for fig in made:
        plt.close(fig)


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
