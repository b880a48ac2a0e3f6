"""Diagrams drawn from descriptions: layered networks and block diagrams.

A figure describes *what* the net is (layer sizes, labels, shading, edge
labels); these helpers decide *where* things go, so every network in the book
is laid out by the same rules.
"""

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from nnfig.draw.style import palette

Node = tuple[int, int]  # (layer, index within the layer)
Edge = tuple[Node, Node]


@dataclass
class Network:
    """A layered directed graph.

    ``layers`` holds each layer's node labels (mathtext), left to right. Without
    ``edges``, every node is joined to every node of the next layer. A node is
    an activation (a value the net computes) unless it is in ``operations`` (a
    function, such as a perceptron's sum or threshold). Edge labels are weights,
    drawn as parameters, unless ``edge_label_colors`` says otherwise.
    """

    layers: list[list[str]]
    shaded: set[Node] = field(default_factory=set)
    edges: list[Edge] | None = None
    edge_labels: dict[Edge, str] = field(default_factory=dict)
    edge_colors: dict[Edge, str] = field(default_factory=dict)
    layer_titles: list[str] | None = None
    operations: set[Node] = field(default_factory=set)
    edge_label_colors: dict[Edge, str] = field(default_factory=dict)

    def all_edges(self) -> list[Edge]:
        if self.edges is not None:
            return list(self.edges)
        return [
            ((k, i), (k + 1, j))
            for k in range(len(self.layers) - 1)
            for i in range(len(self.layers[k]))
            for j in range(len(self.layers[k + 1]))
        ]


@dataclass
class Drawn:
    """What a helper put on the axes, for tests and for callers that annotate."""

    nodes: dict = field(default_factory=dict)  # key → patch
    edges: dict = field(default_factory=dict)  # (key, key) → arrow
    positions: dict = field(default_factory=dict)  # key → (x, y)


def _arrow(ax: Axes, start, end, *, color=None, lw=1.1, shrink=(0.0, 0.0), **kw) -> FancyArrowPatch:
    start, end = np.asarray(start, float), np.asarray(end, float)
    unit = (end - start) / np.linalg.norm(end - start)
    arrow = FancyArrowPatch(
        start + shrink[0] * unit,
        end - shrink[1] * unit,
        arrowstyle="-|>",
        mutation_scale=11,
        color=color or palette().ink,
        lw=lw,
        shrinkA=0,
        shrinkB=0,
        **kw,
    )
    ax.add_patch(arrow)
    return arrow


def network_positions(net: Network, *, dx: float = 2.2, dy: float = 1.0) -> dict[Node, tuple]:
    """Layer k at x = k·dx; each layer's nodes centred vertically, dy apart."""
    pos = {}
    for k, labels in enumerate(net.layers):
        for i in range(len(labels)):
            pos[(k, i)] = (k * dx, ((len(labels) - 1) / 2 - i) * dy)
    return pos


def draw_network(
    ax: Axes,
    net: Network,
    *,
    dx: float = 2.2,
    dy: float = 1.0,
    radius: float = 0.3,
    label_at: float = 0.35,
    fontsize: float = 12,
) -> Drawn:
    """Draw ``net`` on ``ax``: circles for nodes, arrows for edges, labels on both."""
    p = palette()
    pos = network_positions(net, dx=dx, dy=dy)
    drawn = Drawn(positions=pos)
    for edge in net.all_edges():
        a, b = pos[edge[0]], pos[edge[1]]
        color = net.edge_colors.get(edge, p.ink)
        drawn.edges[edge] = _arrow(ax, a, b, color=color, shrink=(radius, radius), zorder=1)
        if edge in net.edge_labels:
            # Measured along the visible part of the arrow, between the two circles.
            a, b = np.asarray(a, float), np.asarray(b, float)
            unit = (b - a) / np.linalg.norm(b - a)
            start, end = a + radius * unit, b - radius * unit
            xy = start + label_at * (end - start)
            ax.text(
                *xy,
                net.edge_labels[edge],
                ha="center",
                va="center",
                fontsize=fontsize - 2,
                color=net.edge_label_colors.get(edge, p.parameter),
                zorder=3,
                bbox={"boxstyle": "round,pad=0.12", "fc": p.paper, "ec": "none"},
            )
    for node, (x, y) in pos.items():
        face, edge_color = node_style(node in net.operations, node in net.shaded)
        circle = Circle((x, y), radius, fc=face, ec=edge_color, lw=1.3, zorder=2)
        ax.add_patch(circle)
        drawn.nodes[node] = circle
        ax.text(
            x,
            y,
            net.layers[node[0]][node[1]],
            ha="center",
            va="center",
            fontsize=fontsize,
            zorder=4,
        )
    frame = list(pos.values())
    if net.layer_titles:
        bottom = min(y for _, y in pos.values()) - radius - 0.25
        for k, title in enumerate(net.layer_titles):
            ax.text(
                k * dx, bottom, title, ha="center", va="top", fontsize=fontsize - 3, color=p.muted
            )
        frame.append((0, bottom - 0.05))
    _frame(ax, frame, pad=radius + 0.2)
    return drawn


def node_style(operation: bool, shaded: bool) -> tuple[str, str]:
    """Fill and outline of a network node in the current theme.

    Activations are outlined in the activation colour, operations in ink; a
    shaded node (a hidden unit, the inside of a neuron) gets the matching tint.
    """
    p = palette()
    if operation:
        return (p.shade if shaded else p.panel), p.ink
    return (p.activation_tint if shaded else p.paper), p.activation


@dataclass
class Block:
    """A box in a block diagram. ``kind`` picks its colour: layer, param, data or op."""

    label: str
    xy: tuple[float, float]
    kind: str = "layer"
    width: float = 1.3
    height: float = 0.7


def block_style(kind: str) -> dict[str, str]:
    """Face and edge colour of a block of ``kind`` in the current theme."""
    p = palette()
    return {
        "layer": {"fc": p.panel, "ec": p.ink},
        "op": {"fc": p.shade, "ec": p.ink},
        "param": {"fc": p.parameter_tint, "ec": p.parameter},
        "data": {"fc": p.activation_tint, "ec": p.activation},
    }[kind]


def draw_blocks(
    ax: Axes,
    blocks: dict[str, Block],
    arrows: list[tuple[str, str]] | list[tuple[str, str, str]],
    *,
    fontsize: float = 11,
) -> Drawn:
    """Draw boxes and the arrows between them (arrow: (from, to[, label]))."""
    p = palette()
    drawn = Drawn()
    for key, block in blocks.items():
        x, y = block.xy
        style = block_style(block.kind)
        box = FancyBboxPatch(
            (x - block.width / 2, y - block.height / 2),
            block.width,
            block.height,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            lw=1.3,
            zorder=2,
            **style,
        )
        ax.add_patch(box)
        ax.text(x, y, block.label, ha="center", va="center", fontsize=fontsize, zorder=3)
        drawn.nodes[key] = box
        drawn.positions[key] = block.xy
    for arrow in arrows:
        src, dst = blocks[arrow[0]], blocks[arrow[1]]
        start, end = _box_exit(src, dst.xy), _box_exit(dst, src.xy)
        color = p.parameter if src.kind == "param" else p.ink
        drawn.edges[arrow[:2]] = _arrow(ax, start, end, color=color, zorder=1)
        if len(arrow) == 3:
            mid = (np.asarray(start) + np.asarray(end)) / 2
            ax.text(*mid, arrow[2], ha="center", va="bottom", fontsize=fontsize - 2, color=p.muted)
    corners = [
        (b.xy[0] + sx * b.width / 2, b.xy[1] + sy * b.height / 2)
        for b in blocks.values()
        for sx in (-1, 1)
        for sy in (-1, 1)
    ]
    _frame(ax, corners, pad=0.2)
    return drawn


def _box_exit(block: Block, toward) -> tuple[float, float]:
    """Where the segment from the box centre toward ``toward`` leaves the box."""
    (x, y), (tx, ty) = block.xy, toward
    vx, vy = tx - x, ty - y
    scale = min(
        (block.width / 2 + 0.04) / abs(vx) if vx else np.inf,
        (block.height / 2 + 0.04) / abs(vy) if vy else np.inf,
    )
    return x + vx * scale, y + vy * scale


def fit_height(fig, ax: Axes, *, extra: float = 0.15) -> None:
    """Make the figure as tall as an equal-aspect diagram of its width needs."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    width = fig.get_size_inches()[0]
    fig.set_size_inches(width, width * (y1 - y0) / (x1 - x0) + extra)


def fit_width(fig, ax: Axes, *, height: float, extra: float = 0.15) -> None:
    """Make the figure as wide as an equal-aspect diagram of the given height needs."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    fig.set_size_inches(min(7.2, height * (x1 - x0) / (y1 - y0) + extra), height)


def _frame(ax: Axes, points, *, pad: float) -> None:
    xs, ys = zip(*points, strict=True)
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)
    ax.set_aspect("equal")
    ax.axis("off")


def draw_matrix(
    ax: Axes,
    values: np.ndarray,
    origin: tuple[float, float],
    *,
    cell: float = 0.5,
    fmt: str = "{:g}",
    face: str | None = None,
    edge: str | None = None,
    title: str | None = None,
    fontsize: float = 9,
) -> tuple[float, float, float, float]:
    """A 2-D array as a grid of numbered cells; ``origin`` is its top-left corner.

    Returns the grid's (left, bottom, right, top) for placing arrows and labels.
    """
    p = palette()
    face, edge = face or p.activation_tint, edge or p.activation
    values = np.atleast_2d(values)
    rows, cols = values.shape
    x0, y0 = origin
    for i in range(rows):
        for j in range(cols):
            ax.add_patch(
                Rectangle(
                    (x0 + j * cell, y0 - (i + 1) * cell), cell, cell, fc=face, ec=edge, lw=1.0
                )
            )
            ax.text(
                x0 + (j + 0.5) * cell,
                y0 - (i + 0.5) * cell,
                fmt.format(values[i, j]).replace("-", "−"),
                ha="center",
                va="center",
                fontsize=fontsize,
            )
    box = (x0, y0 - rows * cell, x0 + cols * cell, y0)
    if title:
        ax.text(
            (box[0] + box[2]) / 2, y0 + 0.12, title, ha="center", va="bottom", fontsize=fontsize + 2
        )
    return box


def draw_block(
    ax: Axes,
    faces: np.ndarray,
    origin: tuple[float, float],
    *,
    cell: float = 1.0,
    shift: tuple[float, float] = (0.35, 0.25),
    edge: str | None = None,
    lw: float = 0.4,
) -> dict[str, tuple]:
    """An H × W × C tensor as a block: C layers of H × W cells, channel 0 in front.

    ``faces`` holds one RGB(A) colour per element, shape (H, W, C, 3 or 4). Each
    deeper channel is shifted by ``shift`` (in cells) up and to the right, and
    layers are drawn back to front so the block reads as a solid. Returns the
    corners a caller needs to label the axes.
    """
    edge = edge or palette().muted
    h, w, c = faces.shape[:3]
    x0, y0 = origin
    dx, dy = shift[0] * cell, shift[1] * cell
    for k in reversed(range(c)):
        for i in range(h):
            for j in range(w):
                ax.add_patch(
                    Rectangle(
                        (x0 + j * cell + k * dx, y0 - (i + 1) * cell + k * dy),
                        cell,
                        cell,
                        fc=faces[i, j, k],
                        ec=edge,
                        lw=lw,
                    )
                )
    return {
        "top_left": (x0, y0),
        "bottom_left": (x0, y0 - h * cell),
        "bottom_right": (x0 + w * cell, y0 - h * cell),
        "top_right": (x0 + w * cell, y0),
        "back_top_right": (x0 + w * cell + (c - 1) * dx, y0 + (c - 1) * dy),
    }


def channel_tints(image: np.ndarray) -> np.ndarray:
    """Colour each element of an H × W × 3 uint8 image by its own channel: paper → R, G or B."""
    v = np.asarray(image, dtype=float)[..., None] / 255.0  # (H, W, 3, 1)
    hues = np.array([[0.84, 0.1, 0.1], [0.1, 0.6, 0.2], [0.1, 0.3, 0.85]])  # (3, 3)
    paper = np.array(to_rgb(palette().paper))
    return paper + v * (hues[None, None] - paper)
