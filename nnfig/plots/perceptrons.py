"""Figures of the chapter "Perceptrons"."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from nnfig import checks, perceptron
from nnfig.diagrams import Network, draw_network, fit_height
from nnfig.registry import figure
from nnfig.style import CLASS_MARKERS, palette
from nnfig.tex import linear_tex

CHAPTER = "perceptrons"


def scatter_classes(ax, x, y, *, size=28, labels=("class 0", "class 1")) -> None:
    """Two classes, told apart by colour and by marker shape."""
    p = palette()
    for c in (0, 1):
        pts = x[y == c]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=size,
            c=p.classes[c],
            marker=CLASS_MARKERS[c],
            edgecolors=p.paper,
            linewidths=0.6,
            label=labels[c],
            zorder=3,
        )


def line_points(w, b, lim: float) -> np.ndarray:
    """Two points on the line w·x + b = 0 spanning the square [−lim, lim]²."""
    t = np.array([-lim, lim]) * 1.5
    if abs(w[1]) >= abs(w[0]):
        return np.column_stack([t, -(w[0] * t + b) / w[1]])
    return np.column_stack([-(w[1] * t + b) / w[0], t])


@figure("neuron-graph", title="Neurons as a directed graph", chapter=CHAPTER)
def neuron_graph(*, seed: int = 4, layer_sizes=(3, 4, 4, 3)) -> Figure:
    """Neurons as the nodes of a directed graph whose edges carry signals one way, left to right.

    One neuron is shaded: its incoming edges (dendrites) and its outgoing edge
    (axon) are coloured.
    """
    seed = checks.seed(seed)
    sizes = checks.sizes("layer_sizes", layer_sizes, min_length=3)
    rng = np.random.default_rng(seed)
    focus = (len(sizes) // 2, sizes[len(sizes) // 2] // 2)
    edges = []
    for k in range(len(sizes) - 1):
        for i in range(sizes[k]):
            targets = rng.choice(sizes[k + 1], size=min(2, sizes[k + 1]), replace=False)
            edges += [((k, i), (k + 1, int(j))) for j in targets]
    # The focus neuron listens to every neuron before it and sends one axon on.
    edges = [e for e in edges if e[0] != focus and e[1] != focus]
    dendrites = [((focus[0] - 1, i), focus) for i in range(sizes[focus[0] - 1])]
    axon = [(focus, (focus[0] + 1, min(focus[1], sizes[focus[0] + 1] - 1)))]
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


@figure("perceptron-diagram", title="The perceptron", chapter=CHAPTER)
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


@figure("perceptron-classifier", title="A perceptron as a classifier", chapter=CHAPTER)
def perceptron_classifier(
    *, w=tuple(perceptron.CLASSIFIER_W), b: float = perceptron.CLASSIFIER_B, extent: float = 2.0
) -> Figure:
    """The perceptron z = w·x + b over the (x1, x2) plane and its output y = g(z).

    Left: z as a heat map with contour lines, and the weight vector w, which is
    perpendicular to them. Right: y, which is 1 on one side of the line z = 0
    and 0 on the other.
    """
    w = checks.vector("w", w, length=2)
    b = checks.real("b", b)
    lim = checks.real("extent", extent, positive=True, bound=100)
    if not np.any(w):
        raise ValueError("w must not be the zero vector: there would be no decision line")
    grid = np.linspace(-lim, lim, 301)
    xx = np.stack(np.meshgrid(grid, grid), axis=-1)
    z, y = perceptron.perceptron(xx, w, b)

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


@figure("perceptron-learning", title="Learning a perceptron", chapter=CHAPTER)
def perceptron_learning(*, seed: int = 2, n_points: int = 40, lr: float = 0.5) -> Figure:
    """The perceptron learning rule at work on a linearly separable data set.

    Left: the decision line after each update, coloured by update from the
    random initial guess (faint) to the final line (bold) that separates the
    classes. Right: the number of misclassified points after each update.
    """
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=2, maximum=400)
    lr = checks.real("lr", lr, positive=True, bound=10)
    x, y = perceptron.separable_data(seed=seed, n=n)
    run = perceptron.learn(x, y, seed=seed, lr=lr)
    errors = run.errors(x, y)
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
