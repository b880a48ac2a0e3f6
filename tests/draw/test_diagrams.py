"""The network and block-diagram helpers place what the description asks for."""

import itertools

import matplotlib.pyplot as plt
import pytest
from matplotlib.patches import Circle, FancyArrowPatch

from nnfig.draw.diagrams import Block, Network, draw_blocks, draw_network


@pytest.mark.parametrize("sizes", [(2, 3, 1), (4, 1, 1, 3), (3, 4, 4, 2)])
def test_fully_connected_network_counts(sizes):
    _, ax = plt.subplots()
    drawn = draw_network(ax, Network([["a"] * n for n in sizes]))
    assert len(drawn.nodes) == sum(sizes)
    assert len(drawn.edges) == sum(a * b for a, b in itertools.pairwise(sizes))
    assert sum(isinstance(p, Circle) for p in ax.patches) == sum(sizes)
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == len(drawn.edges)


def test_explicit_edges_labels_and_shading():
    edges = [((0, 0), (1, 0)), ((0, 1), (1, 0)), ((1, 0), (2, 1))]
    net = Network(
        [["$x_1$", "$x_2$"], ["$z$"], ["$y_1$", "$y_2$"]],
        shaded={(1, 0)},
        edges=edges,
        edge_labels={edges[0]: "$w_1$", edges[1]: "$w_2$"},
    )
    _, ax = plt.subplots()
    drawn = draw_network(ax, net)
    assert set(drawn.edges) == set(edges)
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("$w_1$") == 1 and texts.count("$w_2$") == 1
    shaded = [k for k, c in drawn.nodes.items() if c.get_facecolor()[:3] != (1.0, 1.0, 1.0)]
    assert shaded == [(1, 0)]
    # Arrows point from layer k to layer k + 1: left to right.
    for a, b in drawn.edges:
        assert drawn.positions[a][0] < drawn.positions[b][0]


def test_layers_are_centred_and_spaced():
    _, ax = plt.subplots()
    drawn = draw_network(ax, Network([["a"] * 3, ["b"] * 2]), dx=2.0, dy=1.0)
    assert [drawn.positions[(0, i)] for i in range(3)] == [(0, 1.0), (0, 0.0), (0, -1.0)]
    assert [drawn.positions[(1, i)] for i in range(2)] == [(2.0, 0.5), (2.0, -0.5)]


def test_blocks_and_arrows():
    blocks = {"a": Block("A", (0, 0)), "b": Block("B", (2, 0), "param"), "c": Block("C", (4, 1))}
    _, ax = plt.subplots()
    drawn = draw_blocks(ax, blocks, [("a", "b"), ("b", "c", "label")])
    assert set(drawn.nodes) == {"a", "b", "c"}
    assert set(drawn.edges) == {("a", "b"), ("b", "c")}
    assert "label" in [t.get_text() for t in ax.texts]


def test_nodes_are_activations_unless_operations():
    from matplotlib.colors import same_color

    from nnfig.draw.style import palette, theme

    edges = [((0, 0), (1, 0)), ((1, 0), (2, 0))]
    net = Network(
        [["$x$"], ["$f$"], ["$y$"]],
        shaded={(1, 0)},
        operations={(1, 0)},
        edges=edges,
        edge_labels={edges[0]: "$w$", edges[1]: "$g$"},
        edge_label_colors={edges[1]: "C5"},
    )
    for name in ("light", "dark"):
        with theme(name):
            p = palette()
            _, ax = plt.subplots()
            drawn = draw_network(ax, net)
            assert same_color(drawn.nodes[(0, 0)].get_edgecolor(), p.activation)
            assert same_color(drawn.nodes[(2, 0)].get_edgecolor(), p.activation)
            assert same_color(drawn.nodes[(1, 0)].get_edgecolor(), p.ink)
            labels = {t.get_text(): t.get_color() for t in ax.texts}
            assert same_color(labels["$w$"], p.parameter)  # weights are parameters
            assert same_color(labels["$g$"], "C5")
            plt.close("all")
