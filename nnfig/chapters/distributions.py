"""Figures of the chapter "Neural nets as distribution transformers".

What they draw is computed in ``nnfig.compute``: ``mapping`` and ``volume`` (numpy),
``runs`` and ``vit`` (nets trained in torch, imported only when one trains).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure

from nnfig.compute import classifier, mapping, runs, vit, volume
from nnfig.draw.diagrams import Network, draw_network, fit_height
from nnfig.draw.mappings import draw_mapping, draw_planes, point_colors
from nnfig.draw.points import scatter_classes
from nnfig.draw.style import palette
from nnfig.registry import companion, figure

#: Titles of the 1-D layers of ``mapping-1d-layers`` (``mapping.LAYERS_1D``).
TITLES_1D = {
    "stretch": "$x_\\mathrm{out} = 2x_\\mathrm{in}$",
    "squash": "$x_\\mathrm{out} = x_\\mathrm{in}/2$",
    "shift": "$x_\\mathrm{out} = x_\\mathrm{in} + 1$",
    "flip": "$x_\\mathrm{out} = -x_\\mathrm{in}$",
    "relu": "$x_\\mathrm{out} = \\mathrm{relu}(x_\\mathrm{in})$",
    "sigmoid": "$x_\\mathrm{out} = \\sigma(x_\\mathrm{in})$",
}


def _mapping_axes(ax, title: str) -> None:
    ax.set_title(title, fontsize=10, pad=4)


@figure("mapping-identity", title="Two ways to plot the identity", data=mapping.identity)
def mapping_identity(x: np.ndarray) -> Figure:
    """The identity x_out = x_in plotted twice.

    Left, the usual graph over an x_in axis and an x_out axis. Right, the
    mapping plot: the x_out axis is turned to lie parallel to the x_in axis and
    every sample point is joined to its image, which for the identity gives
    straight vertical lines.
    """
    n = x.size
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.0, 2.9), layout="constrained")
    left.plot(x, x, color=palette().ink, lw=1.2, zorder=1)
    colors = point_colors(n)
    left.scatter(x, x, c=colors, s=22, zorder=2, lw=0)
    left.set(
        xlabel="$x_\\mathrm{in}$", ylabel="$x_\\mathrm{out}$", aspect="equal", xlim=(-2.4, 2.4)
    )
    left.set_title("the usual plot", fontsize=10)
    draw_mapping(
        right,
        [x, x],
        ["$x_\\mathrm{in}$", "$x_\\mathrm{out}$"],
        limits=(-2.2, 2.2),
        ticks=[-2, 0, 2],
    )
    _mapping_axes(right, "the mapping plot")
    return fig


@figure("mapping-1d-layers", title="Mapping plots of simple layers", data=mapping.layers_1d)
def mapping_1d_layers(m: mapping.Layers1D) -> Figure:
    """Mapping plots of six 1-D layers: four linear ones and two nonlinear ones.

    Top row: linear layers that stretch (×2), squash (×½), shift (+1) and flip
    (×−1). Bottom row: relu, which sends every negative point to 0, and the
    sigmoid, which squeezes the line into (0, 1).
    """
    x, a = m.x, m.extent
    fig = plt.figure(figsize=(7.2, 3.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, hspace=0.04)
    axes = [*top.subplots(1, 4), *bottom.subplots(1, 2)]
    limits = (-2.2 * a, 2.2 * a)
    ticks = [-2 * a, -a, 0, a, 2 * a]
    for ax, (name, y) in zip(axes, m.outputs.items(), strict=True):
        draw_mapping(
            ax, [x, y], ["$x_\\mathrm{in}$", "$x_\\mathrm{out}$"], limits=limits, ticks=ticks
        )
        _mapping_axes(ax, TITLES_1D[name])
    return fig


@figure("mapping-1d-stack", title="A linear–relu stack, layer after layer", data=mapping.stack)
def mapping_1d_stack(st: mapping.Stack) -> Figure:
    """The mapping plot of a stack of three linear–relu pairs, one axis per representation.

    Read top to bottom: each linear layer stretches, flips or shifts the
    points, and each relu sends the negative ones to zero, so the points that
    reach the last axis are piled up at 0 or spread over a short stretch.
    """
    stages = st.stages
    names = [f"${n[0]}_{n[1:]}$" if n[1:] else f"${n}$" for n in st.names]
    between = []
    for w, b in st.stack:
        between += [f"linear: $\\times{w:g}$, ${b:+g}$", "relu"]
    fig, ax = plt.subplots(figsize=(6.4, 5.0), layout="constrained")
    draw_mapping(
        ax, stages, names, between=between, limits=(-3.6, 3), ticks=[-3, -2, -1, 0, 1, 2, 3]
    )
    return fig


@figure("mapping-2d-layers", title="A Gaussian blob through three layers", data=mapping.blob)
def mapping_2d_layers(blob: mapping.Blob) -> Figure:
    """A Gaussian blob at the origin sent through a linear layer, a relu and a sigmoid.

    Top row: the same input blob three times, each point coloured by the
    quadrant it starts in. Bottom row: its image under each layer, with a few
    points joined to their images. The linear layer shears and shifts the
    blob; relu piles every point outside the positive quadrant onto the two
    axes or the origin; the sigmoid squeezes the plane into the unit square.
    """
    x, picks = blob.x, blob.numbered
    titles = {
        "linear": "$W\\mathbf{x} + \\mathbf{b}$",
        "relu": "$\\mathrm{relu}(\\mathbf{x})$",
        "sigmoid": "$\\sigma(\\mathbf{x})$",
    }
    p = palette()
    colors = np.array([p.hue[c] for c in ("blue", "orange", "green", "purple")])[blob.quadrant]
    fig, axes = plt.subplots(2, 3, figsize=(7.2, 5.0), layout="constrained")
    # A few points, numbered alike before and after, to follow them through a layer.
    for col, (name, y) in enumerate(blob.outputs.items()):
        title = titles[name]
        top, bottom = axes[0, col], axes[1, col]
        for ax, pts in ((top, x), (bottom, y)):
            ax.scatter(pts[:, 0], pts[:, 1], c=colors, s=6, lw=0, alpha=0.7)
            ax.axhline(0, color=p.muted, lw=0.6, zorder=0)
            ax.axvline(0, color=p.muted, lw=0.6, zorder=0)
            for number, i in enumerate(picks, start=1):
                ax.annotate(
                    str(number),
                    pts[i],
                    xytext=(4, 3),
                    textcoords="offset points",
                    fontsize=7.5,
                    fontweight="bold",
                )
                ax.scatter(*pts[i], s=20, facecolors="none", edgecolors=p.ink, lw=0.8)
            ax.set_aspect("equal")
        top.set(xlim=(-3.5, 3.5), ylim=(-3.5, 3.5))
        top.set_title(f"input $\\mathbf{{x}}$, into {name}", fontsize=10)
        bottom.set_title(title, fontsize=10)
        bottom.set(xlim=(-3.5, 3.5), ylim=(-3.5, 3.5))
        if name == "sigmoid":
            bottom.set(xlim=(-0.1, 1.1), ylim=(-0.1, 1.1))
        if name == "relu":
            bottom.set(xlim=(-0.4, 3.5), ylim=(-0.4, 3.5))
            piled = blob.pile_up
            bottom.text(
                0.97,
                0.97,
                f"on an axis: {piled['axis']:.0%}\nat the origin: {piled['origin']:.0%}",
                transform=bottom.transAxes,
                ha="right",
                va="top",
                fontsize=8,
            )
    return fig


@figure(
    "relu-volume", title="How little of the space relu leaves positive", data=volume.positive_share
)
def relu_volume(v: volume.PositiveShare) -> Figure:
    """The share of a width-N Gaussian sample that relu leaves strictly positive, against 1/2^N.

    For each width N = 1 … 12, n_samples points are drawn from a standard
    Gaussian in N dimensions and passed through relu; the dots are the share
    with every coordinate still positive, with bars of two standard errors,
    and the line is 1/2^N on a log scale.
    """
    widths, share, expected, err, n = v.widths, v.share, v.expected, v.error, v.n_samples
    fig, ax = plt.subplots(figsize=(5.2, 3.3), layout="constrained")
    ax.plot(widths, expected, color=palette().muted, lw=1.2, label="$1/2^N$", zorder=1)
    shown = share > 0
    ax.errorbar(
        widths[shown],
        share[shown],
        yerr=err[shown],
        fmt="o",
        ms=5,
        color=palette().activation,
        capsize=2,
        label=f"measured ({n:,} samples)",
        zorder=2,
    )
    ax.set_yscale("log")
    ax.set(xlabel="width $N$ of the layer", ylabel="share left strictly positive")
    ax.set_xticks(widths)
    ax.legend()
    return fig


@figure("classifier-mlp", title="The binary classifier net")
def classifier_mlp() -> Figure:
    """The net x → linear → relu → linear → relu → linear → softmax, two units per layer.

    Linear layers connect every unit to every unit of the next layer (their
    weights are parameters); relu acts on each unit separately; the softmax
    mixes the two scores z3 into the output y on the 1-simplex.
    """
    sizes = [2] * 7
    names = ["x", "z_1", "h_1", "z_2", "h_2", "z_3", "y"]
    labels = [[f"${n}[{i}]$" for i in (1, 2)] for n in names]
    full = Network([[""] * s for s in sizes]).all_edges()
    pointwise = {1, 3}  # relu layers act unit by unit
    edges = [e for e in full if e[0][0] not in pointwise or e[0][1] == e[1][1]]
    titles = ["input", "linear", "relu", "linear", "relu", "linear", "softmax"]
    net = Network(
        labels,
        shaded={(k, i) for k in range(1, 6) for i in (0, 1)},
        edges=edges,
        layer_titles=titles,
    )
    fig, ax = plt.subplots(figsize=(7.2, 2.6), layout="constrained")
    draw_network(ax, net, dx=1.55, dy=1.1, radius=0.36, fontsize=10)
    fit_height(fig, ax)
    return fig


@figure("classifier-data", title="Two clouds and their target", data=runs.clouds_data)
def classifier_data(clouds: runs.Clouds) -> Figure:
    """Left: the training data, two Gaussian clouds of two classes.

    Right: the target the classifier must reach: every class-0 point at the
    one-hot code (1, 0), every class-1 point at (0, 1), both corners of the
    1-simplex (the dashed segment of points whose coordinates sum to one).
    """
    x, labels = clouds.x, clouds.labels
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.0, 3.2), layout="constrained")
    scatter_classes(left, x, labels, size=22)
    left.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal", title="input data $p_{data}$")
    left.legend(loc="upper right")
    target = np.eye(2)[labels]
    right.plot([1, 0], [0, 1], color=palette().muted, lw=1.0, ls="--", zorder=1)
    scatter_classes(right, target, labels, size=60)
    counts = np.bincount(labels)
    for cls, (px, py) in enumerate(np.eye(2)):
        right.annotate(
            f"all {counts[cls]} points of class {cls}\nat ({px:g}, {py:g})",
            (px, py),
            xytext=(0.55, 0.35) if cls == 0 else (0.1, 0.82),
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": palette().muted, "lw": 0.6},
        )
    right.set(xlabel="$y_1$", ylabel="$y_2$", aspect="equal", xlim=(-0.15, 1.2), ylim=(-0.15, 1.2))
    right.set_title("target $p_{target}$")
    return fig


def _remap_figure(run: classifier.Run, row_height: float) -> Figure:
    n = len(run.checkpoints)
    fig, axes = plt.subplots(n, 1, figsize=(7.2, row_height * n), layout="constrained")
    for ax, cp in zip(axes, run.checkpoints, strict=True):
        _draw_checkpoint(ax, run, cp)
    return fig


def _draw_checkpoint(ax, run: classifier.Run, cp: classifier.Checkpoint, joined=40) -> None:
    names = {k: f"${k[0]}_{k[1:]}$" if k[1:] else f"$\\mathbf{{{k}}}$" for k in run.names}
    draw_planes(
        ax,
        cp.layers,
        run.labels,
        outline=cp.square,
        names=names,
        fixed={"y": (0, 1)},
        joined=joined,
    )
    ax.set_title(
        f"step {cp.step}:  loss {cp.loss:.3g},  accuracy {cp.accuracy:.0%}",
        fontsize=9.5,
        loc="left",
    )


@figure(
    "remap-checkpoints", title="A net remapping two clouds while it trains", data=runs.clouds_run
)
def remap_checkpoints(run: classifier.Run) -> Figure:
    """The classifier net of the clouds at four training checkpoints, layer by layer.

    In each panel the planes are, front to back, x, z1, h1, z2, h2, z3 and y;
    each plane is scaled to its contents (its half-width is printed on it,
    y spans [0, 1]). Dotted lines join a point to its image on the next plane;
    the gray outline is the image of the square [−1, 1]² of the input plane.
    By the last checkpoint the two classes sit at the corners (1, 0) and (0, 1).
    """
    return _remap_figure(run, 2.45)


@figure("remap-circles", title="A deeper net separating two rings", data=runs.circles_run)
def remap_circles(run: classifier.Run) -> Figure:
    """A deeper net (four relu layers, two units each) learning to tell two circles apart.

    Same view as the clouds: planes x, z1, h1, …, z5, y at four checkpoints.
    A net this narrow can only carve out decision regions that reach to
    infinity, so the region of the inner class leaks out between two training
    points of the outer circle.
    """
    return _remap_figure(run, 1.75)


#: Time between the animation's frames.
ANIMATION_INTERVAL_MS = 400

#: Ten colours for the ten digits (matplotlib's tab10); each cluster is also labelled
#: with its digit, so no reader depends on telling the colours apart.
DIGIT_COLORS = plt.get_cmap("tab10").colors


@figure("tsne-layers", title="A transformer's layers under one joint t-SNE", data=vit.layers_tsne)
def tsne_layers(res: vit.Result) -> Figure:
    """Held-out digits at four layers of a small vision transformer, under one joint t-SNE.

    The transformer is trained by the code on scikit-learn's 8×8 digits. Each
    panel shows one layer's embeddings (the mean of its tokens) of the same
    held-out images, coloured and labelled by digit; below it, the accuracy of
    a 5-nearest-neighbour classifier on that layer's full embeddings. The
    classes are mixed after the patch embedding and separated after the blocks.
    """
    titles = ["patch embedding", *(f"after block {k}" for k in vit.SHOWN[1:])]
    fig, axes = plt.subplots(
        1, len(titles), figsize=(7.2, 2.35), layout="constrained", sharex=True, sharey=True
    )
    span = np.ptp(res.tsne.reshape(-1, 2), axis=0).max()
    for ax, coords, title, knn in zip(axes, res.tsne, titles, res.knn_accuracy, strict=True):
        ax.scatter(coords[:, 0], coords[:, 1], c=np.array(DIGIT_COLORS)[res.labels], s=5, lw=0)
        for digit in range(10):
            centre = np.median(coords[res.labels == digit], axis=0)
            ax.text(
                centre[0],
                centre[1] + 0.05 * span,
                str(digit),
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold",
                color=DIGIT_COLORS[digit],
                path_effects=[patheffects.withStroke(linewidth=2.2, foreground=palette().paper)],
            )
        ax.set_title(title, fontsize=9.5)
        ax.set_xlabel(f"{vit.K_NEIGHBOURS}-NN accuracy {knn:.0%}", fontsize=8.5)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        ax.set_aspect("equal")
    return fig


@companion("remap-checkpoints", data=runs.clouds_trajectory)
def remap_animation(run: classifier.Run) -> FuncAnimation:
    """The clouds net remapping its data through training, one frame per recorded step.

    The view of ``remap-checkpoints`` (one row of planes) at every step of
    ``runs.ANIMATION_STEPS``. Not a book figure: the gallery page of
    ``remap-checkpoints`` embeds it as a player. Its frames are drawn when the
    player is saved, so save it inside ``styled()`` (the gallery's scraper does).
    """
    fig, ax = plt.subplots(figsize=(6.4, 2.3), dpi=72, layout="constrained")

    def draw(i: int):
        ax.clear()
        _draw_checkpoint(ax, run, run.checkpoints[i], joined=16)  # fewer lines: smaller frames
        return []

    draw(0)
    return FuncAnimation(fig, draw, frames=len(run.checkpoints), interval=ANIMATION_INTERVAL_MS)
