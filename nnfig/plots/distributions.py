"""Figures of the chapter "Neural nets as distribution transformers".

torch is imported only when a figure trains a net (``nnfig.classifier``,
``nnfig.vit``), so that importing ``nnfig`` (every build does) stays quick.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure

from nnfig import checks, data, layers
from nnfig.diagrams import Network, draw_network, fit_height
from nnfig.mappings import draw_mapping, draw_planes, point_colors
from nnfig.plots.perceptrons import scatter_classes
from nnfig.registry import companion, figure
from nnfig.style import STYLE, palette

if TYPE_CHECKING:
    from nnfig import classifier

CHAPTER = "distributions"

#: The 1-D layers of the mapping plots: title, function.
LAYERS_1D = {
    "stretch": ("$x_\\mathrm{out} = 2x_\\mathrm{in}$", lambda x: 2 * x),
    "squash": ("$x_\\mathrm{out} = x_\\mathrm{in}/2$", lambda x: x / 2),
    "shift": ("$x_\\mathrm{out} = x_\\mathrm{in} + 1$", lambda x: x + 1),
    "flip": ("$x_\\mathrm{out} = -x_\\mathrm{in}$", lambda x: -x),
    "relu": ("$x_\\mathrm{out} = \\mathrm{relu}(x_\\mathrm{in})$", layers.relu),
    "sigmoid": ("$x_\\mathrm{out} = \\sigma(x_\\mathrm{in})$", layers.sigmoid),
}

#: The linear–relu stack of ``mapping-1d-stack``: (weight, bias) of each linear layer.
STACK = ((1.5, -0.5), (-1.0, 1.0), (2.0, -1.0))

#: How many points of ``mapping-2d-layers`` are numbered, to be followed through a layer.
N_NUMBERED = 5

#: The linear layer of ``mapping-2d-layers``.
W_2D = np.array([[1.0, 0.8], [-0.6, 0.9]])
B_2D = np.array([0.4, -0.2])

#: The training runs drawn in this chapter (seeds chosen once; tests check the outcome).
CLOUDS = {
    "seed": 0,
    "n_per_class": 40,
    "depth": 2,
    "steps": 1000,
    "checkpoints": (0, 50, 200, 1000),
    "square": 1.0,  # half-width of the square whose image is drawn on every plane
}
CIRCLES = {
    "seed": 3,
    "n_per_class": 60,
    "depth": 4,
    "steps": 1000,
    "checkpoints": (0, 50, 150, 1000),
    "square": 2.0,
}
LEARNING_RATE = 0.01


def _mapping_axes(ax, title: str) -> None:
    ax.set_title(title, fontsize=10, pad=4)


@figure("mapping-identity", title="Two ways to plot the identity", chapter=CHAPTER)
def mapping_identity(*, n_points: int = 9) -> Figure:
    """The identity x_out = x_in plotted twice.

    Left, the usual graph over an x_in axis and an x_out axis. Right, the
    mapping plot: the x_out axis is turned to lie parallel to the x_in axis and
    every sample point is joined to its image, which for the identity gives
    straight vertical lines.
    """
    n = checks.integer("n_points", n_points, minimum=2, maximum=41)
    x = np.linspace(-2, 2, n)
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


@figure("mapping-1d-layers", title="Mapping plots of simple layers", chapter=CHAPTER)
def mapping_1d_layers(*, n_points: int = 13, extent: float = 2.0) -> Figure:
    """Mapping plots of six 1-D layers: four linear ones and two nonlinear ones.

    Top row: linear layers that stretch (×2), squash (×½), shift (+1) and flip
    (×−1). Bottom row: relu, which sends every negative point to 0, and the
    sigmoid, which squeezes the line into (0, 1).
    """
    n = checks.integer("n_points", n_points, minimum=2, maximum=41)
    a = checks.real("extent", extent, positive=True, bound=10)
    x = np.linspace(-a, a, n)
    fig = plt.figure(figsize=(7.2, 3.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, hspace=0.04)
    axes = [*top.subplots(1, 4), *bottom.subplots(1, 2)]
    limits = (-2.2 * a, 2.2 * a)
    ticks = [-2 * a, -a, 0, a, 2 * a]
    for ax, (title, f) in zip(axes, LAYERS_1D.values(), strict=True):
        draw_mapping(
            ax, [x, f(x)], ["$x_\\mathrm{in}$", "$x_\\mathrm{out}$"], limits=limits, ticks=ticks
        )
        _mapping_axes(ax, title)
    return fig


def stack_stages(x: np.ndarray, stack=STACK) -> tuple[list[np.ndarray], list[str]]:
    """x, z1, h1, z2, h2, … for the 1-D linear–relu stack, with their names."""
    stages, names, h = [x], ["$x$"], x
    for i, (w, b) in enumerate(stack, start=1):
        z = w * h + b
        h = layers.relu(z)
        stages += [z, h]
        names += [f"$z_{i}$", f"$h_{i}$"]
    return stages, names


@figure("mapping-1d-stack", title="A linear–relu stack, layer after layer", chapter=CHAPTER)
def mapping_1d_stack(*, n_points: int = 17) -> Figure:
    """The mapping plot of a stack of three linear–relu pairs, one axis per representation.

    Read top to bottom: each linear layer stretches, flips or shifts the
    points, and each relu sends the negative ones to zero, so the points that
    reach the last axis are piled up at 0 or spread over a short stretch.
    """
    n = checks.integer("n_points", n_points, minimum=2, maximum=41)
    x = np.linspace(-2, 2, n)
    stages, names = stack_stages(x)
    between = []
    for w, b in STACK:
        between += [f"linear: $\\times{w:g}$, ${b:+g}$", "relu"]
    fig, ax = plt.subplots(figsize=(6.4, 5.0), layout="constrained")
    draw_mapping(
        ax, stages, names, between=between, limits=(-3.6, 3), ticks=[-3, -2, -1, 0, 1, 2, 3]
    )
    return fig


def quadrant(points: np.ndarray) -> np.ndarray:
    """0…3: the quadrant of each point (+,+), (−,+), (−,−), (+,−)."""
    right, up = points[:, 0] >= 0, points[:, 1] >= 0
    return np.select([right & up, ~right & up, ~right & ~up], [0, 1, 2], 3)


@figure("mapping-2d-layers", title="A Gaussian blob through three layers", chapter=CHAPTER)
def mapping_2d_layers(*, seed: int = 0, n_points: int = 400) -> Figure:
    """A Gaussian blob at the origin sent through a linear layer, a relu and a sigmoid.

    Top row: the same input blob three times, each point coloured by the
    quadrant it starts in. Bottom row: its image under each layer, with a few
    points joined to their images. The linear layer shears and shifts the
    blob; relu piles every point outside the positive quadrant onto the two
    axes or the origin; the sigmoid squeezes the plane into the unit square.
    """
    seed = checks.seed(seed)
    n = checks.integer("n_points", n_points, minimum=10, maximum=5000)
    x = data.gaussian_blob(seed=seed, n_points=n)
    outputs = {
        "linear": (layers.linear(x, W_2D, B_2D), "$W\\mathbf{x} + \\mathbf{b}$"),
        "relu": (layers.relu(x), "$\\mathrm{relu}(\\mathbf{x})$"),
        "sigmoid": (layers.sigmoid(x), "$\\sigma(\\mathbf{x})$"),
    }
    p = palette()
    colors = np.array([p.hue[c] for c in ("blue", "orange", "green", "purple")])[quadrant(x)]
    fig, axes = plt.subplots(2, 3, figsize=(7.2, 5.0), layout="constrained")
    # A few points, numbered alike before and after, to follow them through a layer.
    picks = np.random.default_rng(seed + 1).choice(n, size=min(N_NUMBERED, n), replace=False)
    for col, (name, (y, title)) in enumerate(outputs.items()):
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
            piled = relu_pile_up(x)
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


def relu_pile_up(x: np.ndarray) -> dict[str, float]:
    """Shares of points that relu sends onto an axis (one coordinate zero) or to the origin."""
    zeros = (layers.relu(x) == 0).sum(axis=1)
    return {"axis": float(np.mean(zeros == 1)), "origin": float(np.mean(zeros == 2))}


def relu_positive_share(*, seed: int, widths, n_samples: int) -> np.ndarray:
    """For each width N: the share of N-dimensional Gaussian samples relu leaves all positive."""
    rng = np.random.default_rng(seed)
    return np.array(
        [
            np.mean((layers.relu(rng.standard_normal((n_samples, w))) > 0).all(axis=1))
            for w in widths
        ]
    )


@figure("relu-volume", title="How little of the space relu leaves positive", chapter=CHAPTER)
def relu_volume(*, seed: int = 0, max_width: int = 12, n_samples: int = 200_000) -> Figure:
    """The share of a width-N Gaussian sample that relu leaves strictly positive, against 1/2^N.

    For each width N = 1 … 12, n_samples points are drawn from a standard
    Gaussian in N dimensions and passed through relu; the dots are the share
    with every coordinate still positive, with bars of two standard errors,
    and the line is 1/2^N on a log scale.
    """
    seed = checks.seed(seed)
    top = checks.integer("max_width", max_width, minimum=1, maximum=16)
    n = checks.integer("n_samples", n_samples, minimum=100, maximum=1_000_000)
    widths = np.arange(1, top + 1)
    share = relu_positive_share(seed=seed, widths=widths, n_samples=n)
    expected = 0.5**widths
    err = 2 * np.sqrt(expected * (1 - expected) / n)
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


@figure("classifier-mlp", title="The binary classifier net", chapter=CHAPTER)
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


def _train(config: dict, make_data, seed: int, checkpoints=None) -> classifier.Run:
    """Train the net a run configuration describes on its data set, drawn with ``seed``."""
    from nnfig import classifier

    x, labels = make_data(seed=seed, n_per_class=config["n_per_class"])
    return classifier.train(
        x,
        labels,
        depth=config["depth"],
        steps=config["steps"],
        checkpoints=checkpoints or config["checkpoints"],
        seed=seed,
        lr=LEARNING_RATE,
        square=config["square"],
    )


@functools.cache
def clouds_run(seed: int = CLOUDS["seed"]) -> classifier.Run:
    """The clouds net, trained once per process and seed (figures and tests share it)."""
    return _train(CLOUDS, data.two_clouds, seed)


@functools.cache
def circles_run(seed: int = CIRCLES["seed"]) -> classifier.Run:
    """The circles net, trained once per process and seed."""
    return _train(CIRCLES, data.concentric_circles, seed)


@figure("classifier-data", title="Two clouds and their target", chapter=CHAPTER)
def classifier_data(*, seed: int = CLOUDS["seed"]) -> Figure:
    """Left: the training data, two Gaussian clouds of two classes.

    Right: the target the classifier must reach: every class-0 point at the
    one-hot code (1, 0), every class-1 point at (0, 1), both corners of the
    1-simplex (the dashed segment of points whose coordinates sum to one).
    """
    x, labels = data.two_clouds(seed=checks.seed(seed), n_per_class=CLOUDS["n_per_class"])
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


@figure("remap-checkpoints", title="A net remapping two clouds while it trains", chapter=CHAPTER)
def remap_checkpoints(*, seed: int = CLOUDS["seed"]) -> Figure:
    """The classifier net of the clouds at four training checkpoints, layer by layer.

    In each panel the planes are, front to back, x, z1, h1, z2, h2, z3 and y;
    each plane is scaled to its contents (its half-width is printed on it,
    y spans [0, 1]). Dotted lines join a point to its image on the next plane;
    the gray outline is the image of the square [−1, 1]² of the input plane.
    By the last checkpoint the two classes sit at the corners (1, 0) and (0, 1).
    """
    return _remap_figure(clouds_run(checks.seed(seed)), 2.45)


@figure("remap-circles", title="A deeper net separating two rings", chapter=CHAPTER)
def remap_circles(*, seed: int = CIRCLES["seed"]) -> Figure:
    """A deeper net (four relu layers, two units each) learning to tell two circles apart.

    Same view as the clouds: planes x, z1, h1, …, z5, y at four checkpoints.
    A net this narrow can only carve out decision regions that reach to
    infinity, so the region of the inner class leaks out between two training
    points of the outer circle.
    """
    return _remap_figure(circles_run(checks.seed(seed)), 1.75)


#: Ten colours for the ten digits (matplotlib's tab10); each cluster is also labelled
#: with its digit, so no reader depends on telling the colours apart.
DIGIT_COLORS = plt.get_cmap("tab10").colors


@figure("tsne-layers", title="A transformer's layers under one joint t-SNE", chapter=CHAPTER)
def tsne_layers(*, seed: int = 0) -> Figure:
    """Held-out digits at four layers of a small vision transformer, under one joint t-SNE.

    The transformer is trained by the code on scikit-learn's 8×8 digits. Each
    panel shows one layer's embeddings (the mean of its tokens) of the same
    held-out images, coloured and labelled by digit; below it, the accuracy of
    a 5-nearest-neighbour classifier on that layer's full embeddings. The
    classes are mixed after the patch embedding and separated after the blocks.
    """
    seed = checks.seed(seed)
    from nnfig import vit

    res = vit.result(seed)
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


#: Training steps shown by the animation: dense early, when the net changes fastest.
ANIMATION_STEPS = (0, 10, 20, 30, 40, 50, 60, 75, 90, 110, 140, 200, 400, 1000)


@functools.cache
def clouds_trajectory(seed: int) -> classifier.Run:
    """The clouds net of ``remap-checkpoints``, recorded at every step the animation shows."""
    return _train(CLOUDS, data.two_clouds, seed, checkpoints=ANIMATION_STEPS)


@companion("remap-checkpoints")
def remap_animation(*, seed: int = CLOUDS["seed"], interval_ms: int = 400) -> FuncAnimation:
    """The clouds net remapping its data through training, one frame per recorded step.

    The view of ``remap-checkpoints`` (one row of planes) at 14 steps between 0
    and the end of training. Not a book figure: the gallery page of
    ``remap-checkpoints`` embeds it as a player.
    """
    seed = checks.seed(seed)
    interval = checks.integer("interval_ms", interval_ms, minimum=20, maximum=5000)
    run = clouds_trajectory(seed)
    # Frames are drawn when the player is saved, outside any theme block: always light.
    with mpl.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.4, 2.3), dpi=72, layout="constrained")

        def draw(i: int):
            cp = run.checkpoints[i]
            ax.clear()
            _draw_checkpoint(ax, run, cp, joined=16)  # fewer lines: smaller frames
            return []

        draw(0)
        return FuncAnimation(fig, draw, frames=len(run.checkpoints), interval=interval)
