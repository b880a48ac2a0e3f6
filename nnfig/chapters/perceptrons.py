"""Figures of the chapter "Perceptrons"."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from nnfig.compute import checks, graphs, perceptron
from nnfig.compute.tex import linear_tex
from nnfig.draw.diagrams import Network, draw_network, fit_height
from nnfig.draw.points import line_points, scatter_classes
from nnfig.draw.style import CLASS_MARKERS, NARROW_WIDTH, palette
from nnfig.registry import figure


@figure(
    "neuron-graph",
    title="Neurons as a directed graph",
    data=graphs.neuron_graph,
    alt=(
        "Neurons as the nodes of a directed graph whose edges carry signals one way, left to "
        "right. One neuron is shaded. Its incoming edges (dendrites), which a perceptron "
        "weighs with its parameters, are parameter blue; its outgoing edge (axon), which "
        "carries its output, is activation vermillion."
    ),
)
def neuron_graph(g: graphs.NeuronGraph) -> Figure:
    """Neurons as the nodes of a directed graph whose edges carry signals one way, left to right."""
    sizes, focus, edges, dendrites, axon = g.sizes, g.focus, g.edges, g.dendrites, [g.axon]
    p = palette()
    colors = {e: p.muted for e in edges}
    colors |= {e: p.parameter for e in dendrites} | {axon[0]: p.activation}
    net = Network(
        [[""] * n for n in sizes],
        shaded={focus},
        edges=edges + dendrites + axon,
        edge_colors=colors,
    )

    fig, ax = plt.subplots(figsize=(6.4, 3.5), layout="constrained")
    drawn = draw_network(ax, net, dx=2.0, dy=0.9, radius=0.22)
    for e in dendrites + axon:
        drawn.edges[e].set_linewidth(2.4)
        drawn.edges[e].set_zorder(1.5)
    box = {"boxstyle": "round,pad=0.15", "fc": p.paper, "ec": "none", "alpha": 0.9}
    fx, fy = drawn.positions[focus]
    last_x = drawn.positions[(len(sizes) - 1, 0)][0]
    ax.text(
        fx - 1.05,
        fy - 0.8,
        "dendrites\n(incoming)",
        ha="center",
        va="top",
        color=p.parameter,
        fontsize=10,
        bbox=box,
        zorder=5,
    )
    ax.text(
        fx + 0.95,
        fy - 0.85,
        "axon\n(outgoing)",
        ha="center",
        va="top",
        color=p.activation,
        fontsize=10,
        bbox=box,
        zorder=5,
    )
    bottom = ax.get_ylim()[0]
    ax.annotate(
        "",
        xy=(last_x, bottom - 0.1),
        xytext=(0, bottom - 0.1),
        arrowprops={"arrowstyle": "-|>", "color": p.muted, "lw": 1},
    )
    ax.text(
        last_x / 2,
        bottom - 0.2,
        "signals flow one way",
        ha="center",
        va="top",
        fontsize=9,
        color=p.muted,
    )
    ax.set_ylim(bottom - 0.55, ax.get_ylim()[1])
    return fig


@figure(
    "perceptron-diagram",
    title="The perceptron",
    alt=(
        "A perceptron with inputs x1…xn, weights on the edges and a bias, then f and g. f "
        "sums the weighted inputs and the bias into z; the threshold g turns z into the "
        "output y. The shaded box is the neuron."
    ),
)
def perceptron_diagram(*, n_inputs: int = 4) -> Figure:
    """A perceptron with inputs x1…xn, weights on the edges and a bias, then f and g.

    Parameters
    ----------
    n_inputs : int, optional
        Number of inputs n, 1 to 10.
    """
    n = checks.integer("n_inputs", n_inputs, minimum=1, maximum=10)
    inputs = [f"$x_{i + 1}$" for i in range(n)] + ["$1$"]
    net = Network(
        [inputs, ["$f$"], ["$g$"], ["$y$"]],
        shaded={(1, 0), (2, 0)},
        operations={(1, 0), (2, 0)},
        edge_labels={((0, i), (1, 0)): f"$w_{i + 1}$" for i in range(n)}
        | {((0, n), (1, 0)): "$b$"},
        layer_titles=["inputs", "weighted sum", "threshold", "output"],
    )

    fig, ax = plt.subplots(figsize=(5.6, 4), layout="constrained")
    drawn = draw_network(ax, net, dx=2.0, dy=0.85, label_at=0.55)
    (fx, fy), (gx, _) = drawn.positions[(1, 0)], drawn.positions[(2, 0)]
    ax.add_patch(
        FancyBboxPatch(
            (fx - 0.55, fy - 0.6),
            gx - fx + 1.1,
            1.2,
            boxstyle="round,pad=0.02,rounding_size=0.25",
            fc=palette().shade,
            ec="none",
            alpha=0.45,
            zorder=0,
        )
    )
    p = palette()
    act, par, ink = p.activation, p.parameter, p.ink
    ax.text((fx + gx) / 2, fy + 0.08, "$z$", ha="center", va="bottom", fontsize=11, color=act)
    pieces = [
        ("$z$", act),
        (r"$\;=\;f($", ink),
        (r"$\mathbf{x}$", act),
        (r"$)\;=\;$", ink),
        (r"$\mathbf{w}^{\top}$", par),
        (r"$\mathbf{x}$", act),
        (r"$\:+\:$", ink),
        ("$b$", par),
    ]
    coloured_math(ax, ((fx + gx) / 2, fy + 0.8), pieces, fontsize=10)
    pieces = [("$y$", act), (r"$\;=\;g($", ink), ("$z$", act), ("$)$", ink)]
    coloured_math(ax, (gx, fy - 0.9), pieces, fontsize=10)
    fit_height(fig, ax)
    return fig


def coloured_math(ax, xy, pieces, *, fontsize: float) -> None:
    """Write mathtext ``pieces`` [(text, colour), ...] side by side on one baseline, centred at xy.

    mathtext has no colour command, so each coloured part is its own text,
    placed after the width of the parts before it.
    """
    renderer = ax.figure.canvas.get_renderer()
    texts = [
        ax.annotate(
            t, xy, (0, 0), textcoords="offset points", va="baseline", color=c, fontsize=fontsize
        )
        for t, c in pieces
    ]
    widths = [t.get_window_extent(renderer).width * 72 / ax.figure.dpi for t in texts]
    left = -sum(widths) / 2
    for text, width in zip(texts, widths, strict=True):
        text.set_position((left, 0))
        left += width


@figure(
    "perceptron-classifier",
    title="A perceptron as a classifier",
    data=perceptron.classifier_field,
    alt=(
        "The perceptron z = w·x + b over the (x1, x2) plane and its output y = g(z). Left: z "
        "as a heat map with contour lines, and the weight vector w, which is perpendicular to "
        "them. Right: y, which is 1 on one side of the line z = 0 and 0 on the other."
    ),
)
def perceptron_classifier(f: perceptron.Field) -> Figure:
    """The perceptron z = w·x + b over the (x1, x2) plane and its output y = g(z)."""
    w, b, lim, grid, z, y = f.w, f.b, f.extent, f.grid, f.z, f.y

    p = palette()
    fig, (ax_z, ax_y) = plt.subplots(1, 2, figsize=(7.2, 3.4), layout="constrained")
    zmax = np.abs(z).max()
    im = ax_z.imshow(
        z, origin="lower", extent=(-lim, lim, -lim, lim), cmap=p.region_cmap, vmin=-zmax, vmax=zmax
    )
    cs = ax_z.contour(grid, grid, z, levels=np.arange(-8, 9, 2), colors=p.ink, linewidths=0.6)
    # Level 0 is the dashed decision line, labelled in the other panel.
    ax_z.clabel(cs, [v for v in cs.levels if v != 0], fontsize=7, fmt="%g")
    fig.colorbar(im, ax=ax_z, shrink=0.85, label="$z$")
    ax_z.annotate(
        "",
        xy=w / np.linalg.norm(w) * lim * 0.6,
        xytext=(0, 0),
        arrowprops={"arrowstyle": "-|>", "lw": 2, "color": p.parameter},
    )
    ax_z.text(
        *(w / np.linalg.norm(w) * lim * 0.68), r"$\mathbf{w}$", fontsize=12, color=p.parameter
    )
    ax_z.set_title(f"${{z = {linear_tex(w, b, ['x_1', 'x_2'])}}}$")

    cmap = plt.matplotlib.colors.ListedColormap(list(p.classes))
    ax_y.imshow(
        y, origin="lower", extent=(-lim, lim, -lim, lim), cmap=cmap, vmin=0, vmax=1, alpha=0.55
    )
    ax_y.text(-lim * 0.55, -lim * 0.6, "$y = 0$", fontsize=13, ha="center")
    ax_y.text(lim * 0.55, lim * 0.6, "$y = 1$", fontsize=13, ha="center")
    ax_y.set_title(r"$y = g(z)$")
    for ax in (ax_z, ax_y):
        ax.plot(*line_points(w, b, lim).T, color=p.ink, lw=2, ls="--")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
    label_box = {"boxstyle": "round,pad=0.2", "fc": p.paper, "ec": "none", "alpha": 0.8}
    ax_y.text(
        0.97,
        0.03,
        "dashed: the decision line $z = 0$",
        transform=ax_y.transAxes,
        ha="right",
        va="bottom",
        fontsize=8,
        bbox=label_box,
    )
    return fig


@figure(
    "perceptron-learning",
    title="Learning a perceptron",
    data=perceptron.learning,
    alt=(
        "The perceptron learning rule at work on a linearly separable data set, one panel per "
        "line. Each panel shows one decision line with its side ŷ = 1 shaded; from the first "
        "update on, the line before the update is dashed and the misclassified point that "
        "triggered the update is ringed. The last panel counts the misclassified points after "
        "every update."
    ),
)
def perceptron_learning(learning: perceptron.Learning, *, layout: str = "wide") -> Figure:
    """The perceptron learning rule at work on a linearly separable data set, one panel per line."""
    x, y, run, errors = learning.x, learning.y, learning.run, learning.errors
    steps = len(run.w)
    shown = _panels_shown(steps)
    p = palette()
    if layout == "wide":  # three panels a row, the count last
        ncols = 3
        rows = -(-(len(shown) + 1) // ncols)
        fig, axes = plt.subplots(
            rows, ncols, figsize=(7.2, 2.25 * rows + 0.5), layout="constrained", squeeze=False
        )
        maps, ax_err, spare = (
            axes.flat[: len(shown)],
            axes.flat[len(shown)],
            axes.flat[len(shown) + 1 :],
        )
        bottom = rows - 1
    else:  # a phone's column: two panels a row, the count across the last one
        ncols = 2
        rows = -(-len(shown) // ncols)
        fig = plt.figure(figsize=(NARROW_WIDTH, 1.72 * rows + 2.6), layout="constrained")
        cells = fig.add_gridspec(rows + 1, ncols, height_ratios=[1] * rows + [0.8])
        maps = [fig.add_subplot(cells[i // ncols, i % ncols]) for i in range(len(shown))]
        ax_err, spare, bottom = fig.add_subplot(cells[rows, :]), [], rows - 1
    lim = 3.2
    grid = np.linspace(-lim, lim, 201)
    plane = np.stack(np.meshgrid(grid, grid), axis=-1)
    for ax, k in zip(maps, shown, strict=True):
        w, b = run.w[k], run.b[k]
        ax.contourf(
            grid,
            grid,
            perceptron.perceptron(plane, w, b)[1],
            levels=[0.5, 1.5],
            colors=[p.classes[1]],
            alpha=0.18,
        )
        if k > 0:
            ax.plot(*line_points(run.w[k - 1], run.b[k - 1], lim).T, color=p.muted, lw=1, ls="--")
            ring = x[run.trigger[k - 1]]
            ax.scatter(*ring, s=150, facecolors="none", edgecolors=p.ink, linewidths=1.4, zorder=4)
        ax.plot(*line_points(w, b, lim).T, color=p.ink, lw=1.8)
        scatter_classes(ax, x, y, size=30)
        # An ink rim sets the orange triangles off the orange shading of ŷ = 1
        # (scatter_classes draws class 0, then class 1).
        ax.collections[-1].set_edgecolor(p.ink)
        ax.set_title(f"{'start' if k == 0 else f'update {k}'}: {errors[k]} wrong", fontsize=9)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xticks([-2, 0, 2])
        ax.set_yticks([-2, 0, 2])
        ax.tick_params(labelsize=8)
        ax.grid(False)
    for i, ax in enumerate(maps):
        if i // ncols == bottom:
            ax.set_xlabel("$x_1$", labelpad=1)
        if i % ncols == 0:
            ax.set_ylabel("$x_2$", labelpad=1)

    step = np.arange(steps)
    ax_err.step(step, errors, where="post", color=p.muted, lw=1.2)
    ax_err.scatter(step, errors, s=14, color=p.muted, zorder=3)
    ax_err.scatter(shown, errors[shown], s=22, color=p.ink, zorder=4)
    ax_err.set_xlabel("update", labelpad=1)
    ax_err.set_ylabel("misclassified points", labelpad=1)
    sep = ",\n" if layout == "wide" else ", "
    ax_err.set_title(f"{steps - 1} updates{sep}{run.epochs} passes over the data", fontsize=9)
    # A little room below 0 and beyond the last update, so no dot is cut by the frame.
    ax_err.set_ylim(-0.06 * max(errors), 1.06 * max(errors))
    ax_err.set_xlim(-0.4, steps - 0.6)
    ax_err.tick_params(labelsize=8)
    ax_err.set_box_aspect(1 if layout == "wide" else 0.5)
    if len(shown) < steps:
        ax_err.text(
            0.97,
            0.97,
            f"{len(shown)} of {steps} lines shown",
            transform=ax_err.transAxes,
            ha="right",
            va="top",
            fontsize=8,
            color=p.muted,
        )
    for ax in spare:
        ax.set_visible(False)
    fig.legend(
        handles=_learning_legend(p),
        loc="outside upper center",
        ncols=ncols,
        fontsize=8,
        frameon=False,
    )
    return fig


def _panels_shown(steps: int, most: int = 8) -> list[int]:
    """Every line if there are few, else ``most`` of them spread evenly, first and last included."""
    if steps <= most:
        return list(range(steps))
    return sorted({round(k) for k in np.linspace(0, steps - 1, most)})


def _learning_legend(p) -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    dot = {"ls": "none", "markersize": 6}
    return [
        Line2D(
            [],
            [],
            marker=CLASS_MARKERS[0],
            color=p.classes[0],
            markeredgecolor=p.paper,
            label="$y = 0$",
            **dot,
        ),
        Line2D(
            [],
            [],
            marker=CLASS_MARKERS[1],
            color=p.classes[1],
            markeredgecolor=p.ink,
            markeredgewidth=0.6,
            label="$y = 1$",
            **dot,
        ),
        Patch(fc=p.classes[1], alpha=0.18, label="side where $\\hat{y} = 1$"),
        Line2D([], [], color=p.ink, lw=1.8, label="decision line"),
        Line2D([], [], color=p.muted, lw=1, ls="--", label="line before the update"),
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            markersize=9,
            markerfacecolor="none",
            markeredgecolor=p.ink,
            label="point that triggered it",
        ),
    ]
