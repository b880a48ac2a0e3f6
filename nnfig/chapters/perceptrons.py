"""Figures of the chapter "Perceptrons"."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from nnfig.compute import checks, graphs, perceptron
from nnfig.compute.tex import linear_tex
from nnfig.draw.diagrams import Network, draw_network, fit_height
from nnfig.draw.points import line_points, scatter_classes
from nnfig.draw.style import palette
from nnfig.registry import figure


@figure("neuron-graph", title="Neurons as a directed graph", data=graphs.neuron_graph)
def neuron_graph(g: graphs.NeuronGraph) -> Figure:
    """Neurons as the nodes of a directed graph whose edges carry signals one way, left to right.

    One neuron is shaded: its incoming edges (dendrites) and its outgoing edge
    (axon) are coloured.
    """
    sizes, focus, edges, dendrites, axon = g.sizes, g.focus, g.edges, g.dendrites, [g.axon]
    p = palette()
    colors = {e: p.muted for e in edges}
    colors |= {e: p.hue["orange"] for e in dendrites} | {axon[0]: p.hue["blue"]}
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
        color=p.hue["orange"],
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
        color=p.hue["blue"],
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


@figure("perceptron-diagram", title="The perceptron")
def perceptron_diagram(*, n_inputs: int = 4) -> Figure:
    """A perceptron with inputs x1…xn, weights on the edges and a bias, then f and g.

    f sums the weighted inputs and the bias into z; the threshold g turns z into
    the output y. The shaded box is the neuron.
    """
    n = checks.integer("n_inputs", n_inputs, minimum=1, maximum=10)
    inputs = [f"$x_{i + 1}$" for i in range(n)] + ["$1$"]
    net = Network(
        [inputs, ["$f$"], ["$g$"], ["$y$"]],
        shaded={(1, 0), (2, 0)},
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
    ax.text((fx + gx) / 2, fy + 0.08, "$z$", ha="center", va="bottom", fontsize=11)
    ax.text(
        (fx + gx) / 2,
        fy + 0.72,
        r"$z=f(\mathbf{x})=\mathbf{w}^{\top}\mathbf{x}+b$",
        ha="center",
        va="bottom",
        fontsize=10,
    )
    ax.text(gx, fy - 0.72, r"$y=g(z)$", ha="center", va="top", fontsize=10)
    fit_height(fig, ax)
    return fig


@figure(
    "perceptron-classifier", title="A perceptron as a classifier", data=perceptron.classifier_field
)
def perceptron_classifier(f: perceptron.Field) -> Figure:
    """The perceptron z = w·x + b over the (x1, x2) plane and its output y = g(z).

    Left: z as a heat map with contour lines, and the weight vector w, which is
    perpendicular to them. Right: y, which is 1 on one side of the line z = 0
    and 0 on the other.
    """
    w, b, lim, grid, z, y = f.w, f.b, f.extent, f.grid, f.z, f.y

    p = palette()
    fig, (ax_z, ax_y) = plt.subplots(1, 2, figsize=(7.2, 3.4), layout="constrained")
    zmax = np.abs(z).max()
    im = ax_z.imshow(
        z, origin="lower", extent=(-lim, lim, -lim, lim), cmap=p.region_cmap, vmin=-zmax, vmax=zmax
    )
    cs = ax_z.contour(grid, grid, z, levels=np.arange(-8, 9, 2), colors=p.ink, linewidths=0.6)
    ax_z.clabel(cs, fontsize=7, fmt="%g")
    fig.colorbar(im, ax=ax_z, shrink=0.85, label="$z$")
    ax_z.annotate(
        "",
        xy=w / np.linalg.norm(w) * lim * 0.6,
        xytext=(0, 0),
        arrowprops={"arrowstyle": "-|>", "lw": 2, "color": p.ink},
    )
    ax_z.text(*(w / np.linalg.norm(w) * lim * 0.68), r"$\mathbf{w}$", fontsize=12)
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


@figure("perceptron-learning", title="Learning a perceptron", data=perceptron.learning)
def perceptron_learning(learning: perceptron.Learning) -> Figure:
    """The perceptron learning rule at work on a linearly separable data set.

    Left: the decision line after each update, coloured by update from the
    random initial guess (faint) to the final line (bold) that separates the
    classes. Right: the number of misclassified points after each update.
    """
    x, y, run, errors = learning.x, learning.y, learning.run, learning.errors
    steps = len(run.w)

    fig, (ax, ax_err) = plt.subplots(
        1, 2, figsize=(7.2, 3.6), layout="constrained", width_ratios=[1.25, 1]
    )
    lim = 3.2
    p = palette()
    # Early updates faint, late ones strong against the paper; every line stays visible.
    cmap = ListedColormap(plt.get_cmap("viridis")(np.linspace(*p.fade, 256)))
    norm = plt.Normalize(0, steps - 1)
    for k, (w, b) in enumerate(zip(run.w[:-1], run.b[:-1], strict=True)):
        ax.plot(*line_points(w, b, lim).T, color=cmap(norm(k)), lw=1.3)
    ax.plot(*line_points(run.w[-1], run.b[-1], lim).T, color=p.ink, lw=2.4, label="final line")
    scatter_classes(ax, x, y, labels=("$y=0$", "$y=1$"))
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=8)
    fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.8, label="update")

    step = np.arange(steps)
    ax_err.step(step, errors, where="post", color=p.muted)
    ax_err.scatter(step, errors, c=step, cmap=cmap, norm=norm, s=18, zorder=3)
    ax_err.set_xlabel("update")
    ax_err.set_ylabel("misclassified points")
    ax_err.set_title(f"{steps - 1} updates, {run.epochs} passes over the data", fontsize=10)
    ax_err.set_ylim(bottom=0)
    return fig
