"""Figures of the chapter "Neural nets as distribution transformers".

What they draw is computed in ``nnfig.compute``: ``mapping`` and ``volume`` (numpy),
``runs`` and ``vit`` (nets trained in torch, imported only when one trains).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from nnfig.compute import classifier, mapping, runs, vit, volume
from nnfig.compute.explorer import pack
from nnfig.draw.diagrams import Network, draw_network, fit_height
from nnfig.draw.layout import fixed_layout
from nnfig.draw.mappings import (
    HEADER_HEIGHT,
    PLANES_HEIGHT,
    draw_mapping,
    draw_planes,
    extent_note,
    joined_points,
    point_colors,
    shared_extents,
)
from nnfig.draw.points import scatter_classes
from nnfig.draw.style import NARROW_WIDTH, contrast, palette
from nnfig.registry import explorer, figure

#: Titles of the 1-D layers of ``mapping-1d-layers`` (``mapping.LAYERS_1D``).
TITLES_1D = {
    "stretch": "$x_\\mathrm{out} = 2x_\\mathrm{in}$",
    "squash": "$x_\\mathrm{out} = x_\\mathrm{in}/2$",
    "shift": "$x_\\mathrm{out} = x_\\mathrm{in} + 1$",
    "flip": "$x_\\mathrm{out} = -x_\\mathrm{in}$",
    "relu": "$x_\\mathrm{out} = \\mathrm{relu}(x_\\mathrm{in})$",
    "sigmoid": "$x_\\mathrm{out} = \\mathrm{sigmoid}(x_\\mathrm{in})$",
}


def _mapping_axes(ax, title: str) -> None:
    ax.set_title(title, fontsize=10, pad=4)


@figure(
    "mapping-identity",
    title="Two ways to plot the identity",
    data=mapping.identity,
    alt=(
        "The identity x_out = x_in plotted twice. Left, the usual graph over an x_in axis and "
        "an x_out axis. Right, the mapping plot: the x_out axis is turned to lie parallel to "
        "the x_in axis and every sample point is joined to its image, which for the identity "
        "gives straight vertical lines."
    ),
)
def mapping_identity(x: np.ndarray) -> Figure:
    """The identity x_out = x_in plotted twice."""
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


@figure(
    "mapping-1d-layers",
    title="Mapping plots of simple layers",
    data=mapping.layers_1d,
    alt=(
        "Mapping plots of six 1-D layers: four linear ones and two nonlinear ones. Top (one "
        "row; two in the narrow arrangement): linear layers that stretch (×2), squash (×½), "
        "shift (+1) and flip (×−1). Bottom row: relu, which sends every negative point to 0, "
        "and the sigmoid, which squeezes the line into (0, 1)."
    ),
)
def mapping_1d_layers(m: mapping.Layers1D, *, layout: str = "wide") -> Figure:
    """Mapping plots of six 1-D layers: four linear ones and two nonlinear ones."""
    x, a = m.x, m.extent
    if layout == "wide":
        fig = plt.figure(figsize=(7.2, 3.6), layout="constrained")
        top, bottom = fig.subfigures(2, 1, hspace=0.04)
        axes = [*top.subplots(1, 4), *bottom.subplots(1, 2)]
    else:  # a phone's column: the four linear layers two a row, then the nonlinear two
        fig = plt.figure(figsize=(NARROW_WIDTH, 5.4), layout="constrained")
        top, bottom = fig.subfigures(2, 1, hspace=0.04, height_ratios=[2, 1])
        axes = [*top.subplots(2, 2).flat, *bottom.subplots(1, 2)]
    limits = (-2.2 * a, 2.2 * a)
    ticks = [-2 * a, -a, 0, a, 2 * a]
    for ax, (name, y) in zip(axes, m.outputs.items(), strict=True):
        draw_mapping(
            ax, [x, y], ["$x_\\mathrm{in}$", "$x_\\mathrm{out}$"], limits=limits, ticks=ticks
        )
        _mapping_axes(ax, TITLES_1D[name])
    return fig


@figure(
    "mapping-1d-stack",
    title="Stacks of relu layers: collapse and fold",
    data=mapping.stack,
    alt=(
        "Mapping plots of two relu stacks, read from top to bottom, one axis per "
        "representation. Left: three linear–relu pairs with one unit each. Every layer keeps "
        "or reverses the order of the points, so the stack only stretches, flips and "
        "collapses the line onto single points. Right: two layers of two relu units, each "
        "taking its input u to |u − c| = relu(u − c) + relu(c − u). Each folds the line in "
        "two, so points from both sides of the input land on the same output and the end "
        "result zigzags."
    ),
)
def mapping_1d_stack(st: mapping.Stacks) -> Figure:
    """Mapping plots of two relu stacks, read from top to bottom, one axis per representation."""
    narrow, folds = st.narrow, st.folds
    names = [f"${n[0]}_{n[1:]}$" if n[1:] else f"${n}$" for n in narrow.names]
    between = []
    for w, b in narrow.stack:
        between += [f"$\\times{w:g}$, ${b:+g}$", "relu"]
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(7.2, 4.6), layout="constrained", width_ratios=(1, 1)
    )
    ticks = [-2, -1, 0, 1, 2]
    draw_mapping(left, narrow.stages, names, between=between, limits=(-3.6, 2.6), ticks=ticks)
    left.set_title("one unit per layer", fontsize=10)
    # The output of fold layer k is x_k, as the book numbers layer outputs.
    fold_names = ["$x$"] + [f"$x_{k}$" for k in range(1, len(folds.shifts) + 1)]
    fold_between = []
    for k, c in enumerate(folds.shifts):
        y = "x" if k == 0 else f"x_{k}"
        inner = y if c == 0 else f"{y} - {c:g}"
        fold_between.append(f"$|{inner}|$:\ntwo relu units")
    draw_mapping(
        right, folds.stages, fold_names, between=fold_between, limits=(-2.2, 2.2), ticks=ticks
    )
    right.set_title("two units per layer", fontsize=10)
    return fig


@figure(
    "mapping-2d-layers",
    title="A Gaussian blob through three layers",
    data=mapping.blob,
    alt=(
        "A Gaussian blob at the origin sent through a linear layer, a relu and a sigmoid. Top "
        "left: the input blob, each point coloured by the quadrant it starts in. The other "
        "panels: its image under each layer, drawn on the same axes, with a line from a few "
        "points' start to their image. Above and beside each panel, the distribution of each "
        "coordinate. The linear layer shears and shifts the blob; relu moves every point "
        "outside the positive quadrant onto an axis or the origin, which shows as a spike at "
        "0 in each coordinate; the sigmoid squeezes the whole plane into the unit square."
    ),
)
def mapping_2d_layers(blob: mapping.Blob, *, layout: str = "wide") -> Figure:
    """A Gaussian blob at the origin sent through a linear layer, a relu and a sigmoid."""
    p = palette()
    x, joined = blob.x, blob.joined
    colors = np.array([p.hue[c] for c in ("blue", "orange", "green", "purple")])[blob.quadrant]
    panels = {"input $\\mathbf{x}$": x} | {BLOB_TITLES[name]: y for name, y in blob.outputs.items()}
    # Narrow (a phone's column): the same two rows of two, smaller.
    wide = layout == "wide"
    fig = plt.figure(figsize=(7.2, 7.0) if wide else (NARROW_WIDTH, 3.6), layout="constrained")
    cells = fig.add_gridspec(2, 2, wspace=0.06, hspace=0.04)
    axes = [_with_marginals(fig, cell) for cell in cells]
    for (ax, top, side), (title, pts) in zip(axes, panels.items(), strict=True):
        if pts is not x:
            ax.add_collection(
                LineCollection(
                    np.stack([x[joined], pts[joined]], axis=1), colors=p.muted, lw=0.7, zorder=1
                )
            )
            ax.scatter(*x[joined].T, s=8, facecolors="none", edgecolors=p.muted, lw=0.6)
        ax.scatter(*pts.T, c=colors, s=7, lw=0, alpha=0.8, zorder=2)
        ax.axhline(0, color=p.grid, lw=0.8, zorder=0)
        ax.axvline(0, color=p.grid, lw=0.8, zorder=0)
        ax.set(xlim=BLOB_LIMITS, ylim=BLOB_LIMITS)
        top.set_title(title, fontsize=10 if wide else 8.5, loc="left")
        _marginals(top, side, pts)
        if not wide:
            ax.tick_params(labelsize=7.5, pad=1.5, length=2.5)
    sigmoid = axes[3][0]
    sigmoid.add_patch(Rectangle((0, 0), 1, 1, fill=False, ec=p.muted, lw=0.8, ls="--"))
    relu = axes[2][0]
    relu.text(
        0.97,
        0.03,
        f"on an axis: {blob.pile_up['axis']:.0%}\nat the origin: {blob.pile_up['origin']:.0%}",
        transform=relu.transAxes,
        ha="right",
        va="bottom",
        fontsize=8.5 if wide else 7,
        # In the small panels, on the page colour: lines to the images cross this corner.
        bbox=None if wide else {"fc": p.paper, "ec": "none", "alpha": 0.85, "pad": 1.0},
    )
    return fig


#: Titles of the layers of ``mapping-2d-layers``, and the one extent all its panels share.
BLOB_TITLES = {
    "linear": "linear: $W\\mathbf{x} + \\mathbf{b}$",
    "relu": "$\\mathrm{relu}(\\mathbf{x})$",
    "sigmoid": "$\\mathrm{sigmoid}(\\mathbf{x})$",
}
BLOB_LIMITS = (-3.5, 3.5)


def _with_marginals(fig: Figure, cell) -> tuple:
    """A square panel in ``cell``, with thin axes above and to its right for its marginals."""
    grid = cell.subgridspec(2, 2, width_ratios=(5, 1), height_ratios=(1, 5), wspace=0, hspace=0)
    ax = fig.add_subplot(grid[1, 0])
    return ax, fig.add_subplot(grid[0, 0], sharex=ax), fig.add_subplot(grid[1, 1], sharey=ax)


def _marginals(top, side, pts: np.ndarray) -> None:
    """The share of points in each bin of each coordinate: above the panel and to its right."""
    p = palette()
    bins = np.linspace(*BLOB_LIMITS, 57)
    weights = np.full(len(pts), 1 / len(pts))
    top.hist(pts[:, 0], bins=bins, weights=weights, color=p.activation)
    side.hist(pts[:, 1], bins=bins, weights=weights, color=p.activation, orientation="horizontal")
    for inset in (top, side):
        inset.axis("off")


@figure(
    "relu-volume",
    title="How little of the space relu leaves positive",
    data=volume.positive_share,
    alt=(
        "The share of Gaussian samples that relu leaves strictly positive, for widths D = 1 … "
        "12. Dots: the measured share, with bars of two standard errors, for independent "
        "coordinates (circles) and for coordinates correlated by ½ in every pair (triangles). "
        "Lines: 1/2^D and 1/(D + 1), what theory predicts for each. On a log scale the "
        "independent case falls in a straight line; the correlated one falls far more slowly."
    ),
)
def relu_volume(v: volume.PositiveShare, *, layout: str = "wide") -> Figure:
    """The share of Gaussian samples that relu leaves strictly positive, for widths D = 1 … 12."""
    p = palette()
    wide = layout == "wide"
    figsize = (5.6, 3.6) if wide else (NARROW_WIDTH, 3.9)
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    series = (
        (v.share, v.expected, v.error, "o", p.activation, "independent", "$1/2^D$"),
        (
            v.correlated,
            v.correlated_expected,
            v.correlated_error,
            "^",
            p.hue["green"],
            "correlated by ½",
            "$1/(D+1)$",
        ),
    )
    for share, expected, err, marker, color, name, law in series:
        ax.plot(v.widths, expected, color=color, lw=1.0, alpha=0.6, zorder=1)
        shown = share > 0
        ax.errorbar(
            v.widths[shown],
            share[shown],
            yerr=err[shown],
            fmt=marker,
            ms=5,
            color=color,
            capsize=2,
            label=f"{name}: measured, and {law}",
            zorder=2,
        )
    ax.set_yscale("log")
    ax.set(xlabel="width $D$ of the layer", ylabel="share left strictly positive")
    ax.set_xticks(v.widths)
    legend = {"title": f"{v.n_samples:,} samples per width", "fontsize": 8.5, "title_fontsize": 8.5}
    if wide:
        ax.legend(**legend)
    else:  # under the plot, where a phone's column has room for its long lines
        fig.legend(**legend, loc="outside lower center")
    return fig


@figure(
    "classifier-mlp",
    title="The binary classifier net",
    alt=(
        "The net x → linear → relu → linear → relu → linear → softmax, two units per layer. "
        "Linear layers connect every unit to every unit of the next layer (their weights are "
        "parameters); relu acts on each unit separately; the softmax mixes the two scores z3 "
        "into the output y on the 1-simplex."
    ),
)
def classifier_mlp() -> Figure:
    """The net x → linear → relu → linear → relu → linear → softmax, two units per layer."""
    sizes = [2] * 7
    # Unit i of layer vector z_l is z_{l,i}; the input and output units are x_i and y_i.
    names = ["x", "z_1", "h_1", "z_2", "h_2", "z_3", "y"]
    labels = [[f"${n[0]}_{{{n[2:]}{',' if n[2:] else ''}{i}}}$" for i in (1, 2)] for n in names]
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


@figure(
    "classifier-data",
    title="Two clouds and their target",
    data=runs.clouds_data,
    alt=(
        "Left: the training data, two Gaussian clouds of two classes. Right: the target the "
        "classifier must reach: every class-0 point at the one-hot code (1, 0), every class-1 "
        "point at (0, 1), both corners of the 1-simplex (the dashed segment of points whose "
        "coordinates sum to one)."
    ),
)
def classifier_data(clouds: runs.Clouds) -> Figure:
    """Left: the training data, two Gaussian clouds of two classes."""
    x, labels = clouds.x, clouds.labels
    fig, (left, right) = plt.subplots(1, 2, figsize=(7.0, 3.2), layout="constrained")
    scatter_classes(left, x, labels, size=22)
    left.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal", title="input data $p_\\mathrm{data}$")
    left.legend(loc="upper right")
    target = np.eye(2)[labels]
    right.plot([1, 0], [0, 1], color=palette().muted, lw=1.0, ls="--", zorder=1)
    scatter_classes(right, target, labels, size=60)
    counts = np.bincount(labels)
    for cls, (px, py) in enumerate(np.eye(2)):
        right.annotate(
            f"all {counts[cls]} points of class {cls}\nat ({px:g}, {py:g})",
            (px, py),
            # Each note on its own side of the dashed segment, clear of the frame.
            xytext=(0.05, 0.14) if cls == 0 else (0.3, 0.92),
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": palette().muted, "lw": 0.6},
        )
    right.set(xlabel="$y_1$", ylabel="$y_2$", aspect="equal", xlim=(-0.15, 1.2), ylim=(-0.15, 1.2))
    right.set_title("target $p_\\mathrm{target}$")
    return fig


#: The planes of ``remap-circles``: input, the four relu layers and the output.
CIRCLES_PLANES = ("x", "h1", "h2", "h3", "h4", "y")


def _plane_names(keys) -> dict[str, str]:
    return {k: f"${k[0]}_{k[1:]}$" if k[1:] else f"$\\mathbf{{{k}}}$" for k in keys}


def _remap_extents(run: classifier.Run, keys) -> dict[str, tuple[float, float]]:
    """One scale per plane for every checkpoint, holding the data and the square's image."""
    frames = [{k: np.vstack([cp.layers[k], cp.square[k]]) for k in keys} for cp in run.checkpoints]
    return shared_extents(frames, fixed={"y": (0, 1)})


def _row_heights(n: int) -> list[float]:
    """Heights of n rows of planes, the first taller by the header it carries."""
    return [PLANES_HEIGHT + HEADER_HEIGHT] + [PLANES_HEIGHT] * (n - 1)


def _remap_rows(fig, n: int) -> list:
    """One axes per checkpoint: planes alike in size in every row."""
    return list(fig.subplots(n, 1, gridspec_kw={"height_ratios": _row_heights(n)}))


def _draw_checkpoint(
    ax, run: classifier.Run, k: int, extents, *, header: bool, shade=None, joined: int = 16
) -> None:
    """Checkpoint ``k`` of ``run`` as one row of planes, titled with its step, loss and accuracy."""
    cp = run.checkpoints[k]
    draw_planes(
        ax,
        cp.layers,
        run.labels,
        extents=extents,
        outline=cp.square,
        names=_plane_names(extents),
        header=header,
        shade=shade,
        joined=joined,
    )
    ax.set_title(
        f"step {cp.step}: loss {cp.loss:.3g}, accuracy {cp.accuracy:.0%}", fontsize=9, loc="left"
    )


@figure(
    "remap-checkpoints",
    title="A net remapping two clouds while it trains",
    data=runs.clouds_run,
    alt=(
        "The classifier net of the clouds at four training checkpoints, layer by layer. Each "
        "row is one checkpoint; its planes are, left to right, x, z1, h1, z2, h2, z3 and y. A "
        "plane keeps one scale in every row (its half-width is printed over the column; y "
        "spans [0, 1]), so a layer that grows during training is seen to grow. Dotted lines "
        "join a few points to their images on the next plane; the shaded outline is the image "
        "of the square [−1, 1]² of the input plane. By the last checkpoint the two classes "
        "sit at the corners (1, 0) and (0, 1)."
    ),
)
def remap_checkpoints(run: classifier.Run) -> Figure:
    """The classifier net of the clouds at four training checkpoints, layer by layer."""
    extents = _remap_extents(run, run.names)
    fig = plt.figure(figsize=(7.2, 8.4), layout="constrained")
    for k, ax in enumerate(_remap_rows(fig, len(run.checkpoints))):
        _draw_checkpoint(ax, run, k, extents, header=k == 0)
    return fixed_layout(fig)


#: Plane names as the viewer prints them (plain text: the viewer typesets no TeX).
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _pack_explorer(run: classifier.Run, keys, joined: int) -> dict:
    """The run for the book's viewer, planes and joining lines as its figure draws them."""
    extents = _remap_extents(run, keys)
    return pack(
        run,
        list(keys),
        extents,
        names={k: k[0] + k[1:].translate(_SUBSCRIPTS) for k in keys},
        notes={k: extent_note(*extents[k]).replace("-", "\u2212") for k in keys},
        joined=joined_points(run.labels, joined),
    )


@explorer("remap-checkpoints", data=runs.clouds_trajectory)
def remap_checkpoints_explorer(run: classifier.Run) -> dict:
    """The clouds run of ``remap-checkpoints`` at every step the explorer shows."""
    return _pack_explorer(run, run.names, joined=16)


def _draw_leak(ax, regions: runs.Regions) -> None:
    """The input plane at the last checkpoint: the region called inner and the leak."""
    p = palette()
    run, grid = regions.run, regions.grid
    ax.contourf(
        grid,
        grid,
        regions.inner[-1].astype(float),
        levels=[0.5, 1.5],
        colors=[p.classes[0]],
        alpha=0.3,
    )
    ring = np.vstack([regions.outer, regions.outer[:1]])
    ax.plot(*ring.T, color=p.muted, lw=0.8, ls="--", label="outer circle")
    leaked = np.where(np.append(regions.leaked, regions.leaked[0])[:, None], ring, np.nan)
    ax.plot(
        *leaked.T,
        color=p.ink,
        lw=2.4,
        solid_capstyle="butt",
        label=f"its {regions.leak:.1%} called inner",
    )
    scatter_classes(ax, run.x, run.labels, size=12, labels=("inner class", "outer class"))
    handles = dict(zip(*ax.get_legend_handles_labels()[::-1], strict=True))
    handles["net says inner"] = Patch(color=p.classes[0], alpha=0.3)
    order = ["inner class", "outer class", "net says inner", "outer circle"]
    order.append(f"its {regions.leak:.1%} called inner")
    ax.legend(
        [handles[label] for label in order],
        order,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.25),
        fontsize=8,
        ncols=1,
    )
    half = regions.grid[-1]
    ax.set(xlim=(-half, half), ylim=(-half, half), aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
    ax.set_title(f"input plane, step {run.checkpoints[-1].step}", fontsize=9)


@figure(
    "remap-circles",
    title="A deeper net separating two rings",
    data=runs.circles_regions,
    alt=(
        "A deeper net (four relu layers, two units each) learning to tell two circles apart. "
        'Left: the input plane after training. The tint marks where the net says "inner"; '
        "that region reaches out through the outer circle (dashed) in channels, and the heavy "
        "arcs are the stretches of the outer circle it misclassifies. Right: the net at four "
        "checkpoints, as for the clouds, with the planes x, h1, h2, h3, h4 and y only; the "
        "tint on each x plane is that checkpoint's inner region."
    ),
)
def remap_circles(regions: runs.Regions) -> Figure:
    """A deeper net (four relu layers, two units each) learning to tell two circles apart."""
    run = regions.run
    extents = _remap_extents(run, CIRCLES_PLANES)
    n = len(run.checkpoints)
    fig = plt.figure(figsize=(7.2, 1.45 * n + 0.3), layout="constrained")
    grid = fig.add_gridspec(n, 2, width_ratios=[2.4, 4.8], height_ratios=_row_heights(n))
    _draw_leak(fig.add_subplot(grid[:, 0]), regions)
    for k, ax in enumerate(fig.add_subplot(grid[k, 1]) for k in range(n)):
        shade = {"x": (regions.grid, regions.inner[k])}
        _draw_checkpoint(ax, run, k, extents, header=k == 0, shade=shade, joined=12)
    return fixed_layout(fig)


@explorer("remap-circles", data=runs.circles_trajectory)
def remap_circles_explorer(run: classifier.Run) -> dict:
    """The circles run of ``remap-circles`` at every step the explorer shows."""
    return _pack_explorer(run, CIRCLES_PLANES, joined=12)


#: Ten colours for the ten digits (matplotlib's tab10); each cluster is also labelled
#: with its digit, so no reader depends on telling the colours apart.
DIGIT_COLORS = plt.get_cmap("tab10").colors


def digit_colors() -> np.ndarray:
    """tab10, each colour moved towards the ink just far enough to stand out from the page
    (a contrast ratio of 3:1, the WCAG minimum for graphics): the page differs by theme."""
    p = palette()
    ink, colors = np.array(to_rgb(p.ink)), []
    for color in np.array(DIGIT_COLORS):
        steps = (color + t * (ink - color) for t in np.linspace(0, 1, 21))
        colors.append(next(c for c in steps if contrast(c, p.paper) >= 3))
    return np.array(colors)


@figure(
    "tsne-layers",
    title="Digits in pixels and in a transformer's layers",
    data=vit.layers_tsne,
    alt=(
        "Held-out digits as raw pixels and at every layer of a small vision transformer. The "
        "transformer is trained by the code on scikit-learn's 8×8 digits. One panel per "
        "representation of the same held-out images: the pixels, then all the tokens of a "
        "layer flattened into one vector. Each panel is that representation's own t-SNE map, "
        "coloured by digit and labelled once per digit at the median of its points. Under "
        "each panel, two accuracies measured in the full representation: a "
        "5-nearest-neighbour vote and the nearest class mean. The neighbours are of the right "
        "digit already in the pixels; what the blocks change is how tightly each digit "
        "gathers around its mean."
    ),
)
def tsne_layers(res: vit.Result, *, layout: str = "wide") -> Figure:
    """Held-out digits as raw pixels and at every layer of a small vision transformer."""
    # Wide: two rows of three maps; narrow (a phone's column): three rows of two, the
    # long titles broken before their sizes.
    wide = layout == "wide"
    sep = " " if wide else "\n"
    titles = [
        f"pixels{sep}({res.sizes[0]} numbers)",
        f"patch embedding{sep}({vit.TOKENS} × {vit.WIDTH} numbers)",
        *(f"after block {k}" for k in vit.SHOWN[1:]),
    ]
    rows, ncols = (2, 3) if wide else (3, 2)
    figsize = (7.2, 5.6) if wide else (NARROW_WIDTH, 6.6)
    fig, axes = plt.subplots(rows, ncols, figsize=figsize, layout="constrained")
    colors = digit_colors()
    for ax, coords, title, knn, mean in zip(
        axes.flat, res.tsne, titles, res.knn_accuracy, res.centroid_accuracy, strict=True
    ):
        ax.scatter(coords[:, 0], coords[:, 1], c=colors[res.labels], s=6, lw=0)
        # Each digit once, just outside the median of its points (away from the map's
        # centre), so that the label does not hide a tight cluster.
        medians = np.stack([np.median(coords[res.labels == d], axis=0) for d in range(10)])
        outward = medians - np.median(coords, axis=0)
        outward /= np.maximum(np.linalg.norm(outward, axis=1, keepdims=True), 1e-9)
        places = medians + 0.07 * np.ptp(coords, axis=0).max() * outward
        for digit, place in enumerate(places):
            ax.text(
                *place,
                str(digit),
                ha="center",
                va="center",
                fontsize=10,
                fontweight="bold",
                color=colors[digit],
                path_effects=[patheffects.withStroke(linewidth=2.5, foreground=palette().paper)],
            )
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(
            f"{vit.K_NEIGHBOURS}-NN accuracy {knn:.0%}\nnearest class mean {mean:.0%}",
            fontsize=8.5,
        )
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        ax.update_datalim(places)  # room for the labels inside the frame
        ax.autoscale_view()
        ax.set_aspect("equal", adjustable="datalim")
    return fig
