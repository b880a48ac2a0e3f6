"""Figures of the chapter "Tensors and batches"."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Polygon, Rectangle

from nnfig.compute import tensors
from nnfig.draw.diagrams import channel_tints, draw_block, draw_matrix, fit_height, fit_width
from nnfig.draw.style import NARROW_WIDTH, palette
from nnfig.registry import figure


def _arrow_props() -> dict:
    return {"arrowstyle": "-|>", "color": palette().muted, "lw": 1.2}


def _axis_label(ax, start, end, text, *, offset=(0, 0), **kw):
    ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "color": palette().ink})
    mid = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
    ax.text(*mid, text, ha="center", va="center", fontsize=11, **kw)


@figure(
    "tensor-cube",
    title="An image as a 3-D tensor",
    data=tensors.cube,
    alt=(
        "A small colour photograph as an H × W × C block of numbers. Left: the photo (a crop "
        "of scikit-learn's sample image of a Chinese temple), and a colour bar for each "
        "channel from 0 to 255. Right: the same pixels as a tensor with H rows, W columns and "
        "C = 3 colour channels, one layer per channel; the numbers of the red channel's "
        "top-left corner are written in."
    ),
)
def tensor_cube(c: tensors.Cube) -> Figure:
    """A small colour photograph as an H × W × C block of numbers."""
    image, k = c.image, c.corner
    n = len(image)

    fig, axes = plt.subplot_mosaic(
        [["img", "t"], ["bar", "t"]],
        figsize=(7.2, 4.6),
        layout="constrained",
        width_ratios=[1, 1.5],
        height_ratios=[1, 0.22],
    )
    ax_img, ax_t = axes["img"], axes["t"]
    ax_img.imshow(image, interpolation="nearest")
    ax_img.set_title(f"a {n} × {n} colour image", fontsize=10)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    ax_img.grid(False)
    _channel_bars(axes["bar"])

    shift = (0.9, 0.7)
    corners = draw_block(ax_t, channel_tints(image), (0, n), shift=shift)
    for i in range(k):
        for j in range(k):
            ax_t.text(
                j + 0.5, n - i - 0.5, str(image[i, j, 0]), ha="center", va="center", fontsize=8
            )
    bl, br, tl = corners["bottom_left"], corners["bottom_right"], corners["top_left"]
    _axis_label(
        ax_t, (tl[0] - 0.6, tl[1]), (bl[0] - 0.6, bl[1]), f"H = {n}", offset=(-0.7, 0), rotation=90
    )
    _axis_label(ax_t, (bl[0], bl[1] - 0.6), (br[0], br[1] - 0.6), f"W = {n}", offset=(0, -0.6))
    # The channel axis runs along the block's top-left edge, just outside it.
    depth = (2 * shift[0], 2 * shift[1])
    start = (tl[0] - 0.6, tl[1] + 0.45)
    ax_t.annotate(
        "",
        xy=(start[0] + depth[0], start[1] + depth[1]),
        xytext=start,
        arrowprops={"arrowstyle": "->", "color": palette().ink},
    )
    ax_t.text(start[0] + 0.3, start[1] + 1.1, "C = 3", ha="right", va="center", fontsize=11)
    for ch, name in enumerate(("R", "G", "B")):
        ax_t.text(
            tl[0] + ch * shift[0] + 0.3,
            tl[1] + ch * shift[1] + 0.2,
            name,
            fontsize=8,
            color=palette().muted,
        )
    # The title is drawn inside the axes, above the block, rather than as an axes
    # title: the layout then keeps its superscript on the page in every theme.
    title_y = n + depth[1] + 1.0
    ax_t.text(
        (n + depth[0]) / 2,
        title_y,
        r"the tensor $\mathbf{x} \in \mathbb{R}^{H \times W \times C}$",
        ha="center",
        va="bottom",
        fontsize=10,
    )
    ax_t.set_xlim(-2.0, n + depth[0] + 0.2)
    ax_t.set_ylim(-1.6, title_y + 1.4)
    ax_t.set_aspect("equal")
    ax_t.axis("off")
    return fig


def _channel_bars(ax) -> None:
    """One colour bar per channel: how the block tints a value from 0 to 255."""
    values = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)
    tints = channel_tints(values)[0]  # (256, 3 channels, RGB)
    ax.imshow(
        tints.transpose(1, 0, 2), aspect="auto", interpolation="nearest", extent=(0, 255, 2.5, -0.5)
    )
    ax.set_yticks([0, 1, 2], ["R", "G", "B"])
    ax.set_xticks([0, 255])
    ax.tick_params(labelsize=8, length=2)
    ax.set_xlabel("value", fontsize=8, labelpad=-6)
    ax.grid(False)


def _grey(values: np.ndarray, top: float) -> np.ndarray:
    """Colours for values 0 … ``top``: the page colour at 0, the ink colour at ``top``."""
    p = palette()
    paper, ink = np.array(to_rgb(p.paper)), np.array(to_rgb(p.ink))
    return paper + (np.asarray(values, float)[..., None] / top) * (ink - paper)


def _slab(ax, image: np.ndarray, top_left, depth, *, top: float) -> None:
    """An H × W × 1 image as a slab one channel thick: its pixels in front, its depth behind."""
    p = palette()
    h, w = image.shape
    x0, y0 = top_left
    dx, dy = depth
    back = {"fc": p.shade, "ec": p.muted, "lw": 0.6}
    ax.add_patch(
        Polygon([(x0, y0), (x0 + dx, y0 + dy), (x0 + w + dx, y0 + dy), (x0 + w, y0)], **back)
    )
    ax.add_patch(
        Polygon(
            [(x0 + w, y0), (x0 + w + dx, y0 + dy), (x0 + w + dx, y0 - h + dy), (x0 + w, y0 - h)],
            **back,
        )
    )
    ax.imshow(_grey(image, top), extent=(x0, x0 + w, y0 - h, y0), interpolation="nearest", zorder=2)
    ax.add_patch(Rectangle((x0, y0 - h), w, h, fc="none", ec=p.muted, lw=0.6, zorder=3))


@figure(
    "dataset-tensors",
    title="A data set as two tensors",
    data=tensors.dataset,
    alt=(
        "Handwritten digits and their labels as two tensors: X (N × H × W × C) and Y (N × K). "
        "X stacks N greyscale digit images of H × W pixels and C = 1 channel along its first "
        "axis; all four axes are marked. Y is one matrix with a one-hot row per image and a "
        "column for each of the K classes, the digits 0 to 9; a line joins each image to its "
        "row. A colour bar gives the grey levels, 0 to 16."
    ),
)
def dataset_tensors(d: tensors.Dataset) -> Figure:
    """Handwritten digits and their labels as two tensors: X (N × H × W × C) and Y (N × K)."""
    p = palette()
    x, y, classes = d.x, d.y, d.classes
    n, h, w, c = x.shape
    k = y.shape[1]
    top = d.levels  # grey levels run from 0 (blank) to this (full ink)
    depth, gap = (2.0, 1.5), 2.6  # slab thickness (one channel) and space between images
    pitch = h + gap
    fig, ax = plt.subplots(figsize=(7.2, 5.0), layout="constrained")

    # X: the images down the page, one slab each, along the first axis N.
    for i in range(n):
        _slab(ax, x[i, :, :, 0], (0, -i * pitch), depth, top=top)
    bottom = -(n - 1) * pitch - h
    _axis_label(ax, (-6.2, 0), (-6.2, bottom), f"N = {n}", offset=(-1.3, 0), rotation=90)
    _axis_label(ax, (-1.2, 0), (-1.2, -h), f"H = {h}", offset=(-1.3, 0), rotation=90)
    _axis_label(ax, (0, depth[1] + 1.0), (w, depth[1] + 1.0), f"W = {w}", offset=(0, 1.2))
    ax.annotate(
        "",
        xy=(w + depth[0] + 0.3, depth[1] - 0.5),
        xytext=(w + 0.3, -0.5),
        arrowprops={"arrowstyle": "->", "color": p.ink},
    )
    ax.text(w + depth[0] + 0.6, -0.2, f"C = {c}", ha="left", va="center", fontsize=11)
    ax.text(
        w / 2,
        depth[1] + 5.2,
        r"$\mathbf{X}$, shape $N \times H \times W \times C$",
        ha="center",
        fontsize=12,
    )

    # Y: one N × K matrix of one-hot rows, beside the images and joined to them.
    cell = 3.2
    y_left = w + depth[0] + 11.0
    y_top = (-(n - 1) * pitch - h) / 2 + n * cell / 2
    draw_matrix(ax, y, (y_left, y_top), cell=cell, fmt="{:.0f}", face=p.panel, edge=p.muted)
    for i, j in zip(*np.nonzero(y), strict=True):  # the one 1 of each row stands out
        ax.add_patch(
            Rectangle((y_left + j * cell, y_top - (i + 1) * cell), cell, cell, fc=p.shade, ec=p.ink)
        )
    for i in range(n):
        ax.annotate(
            "",
            xy=(y_left - 0.4, y_top - (i + 0.5) * cell),
            xytext=(w + depth[0] + 0.6, -i * pitch - h / 2),
            arrowprops=_arrow_props() | {"lw": 0.8, "shrinkA": 0, "shrinkB": 0},
        )
    for j, name in enumerate(classes):
        ax.text(
            y_left + (j + 0.5) * cell,
            y_top + 0.5,
            name,
            ha="center",
            va="bottom",
            fontsize=9,
            color=p.muted,
        )
    right = y_left + k * cell
    _axis_label(
        ax,
        (right + 1.0, y_top),
        (right + 1.0, y_top - n * cell),
        f"N = {n}",
        offset=(1.3, 0),
        rotation=270,
    )
    _axis_label(
        ax,
        (y_left, y_top - n * cell - 1.0),
        (right, y_top - n * cell - 1.0),
        f"K = {k}",
        offset=(0, -1.3),
    )
    ax.text(
        (y_left + right) / 2,
        y_top + 4.4,
        r"$\mathbf{Y}$, shape $N \times K$",
        ha="center",
        fontsize=12,
    )
    # The colour bar sits low on the right, clear of Y and its K axis.
    bar_y = min(bottom + 1.0, y_top - n * cell - 7.0)
    _grey_bar(ax, (y_left + 2 * cell, bar_y), width=(k - 4) * cell, top=top)
    ax.set_xlim(-9.0, right + 4.0)
    ax.set_ylim(min(bottom, bar_y - 1.5) - 0.5, depth[1] + 7.5)
    ax.set_aspect("equal")
    ax.axis("off")
    # One drawing unit (a pixel) is the same size whatever N, up to a page-high figure.
    fit_width(fig, ax, height=min(7.0, 0.088 * np.ptp(ax.get_ylim())))
    return fig


def _grey_bar(ax, bottom_left, *, width: float, top: float) -> None:
    """A colour bar of the grey levels 0 … ``top``, labelled at both ends."""
    x0, y0 = bottom_left
    levels = np.arange(top + 1)
    ax.imshow(
        _grey(levels[None, :], top),
        extent=(x0, x0 + width, y0, y0 + 1.6),
        interpolation="nearest",
        zorder=2,
    )
    ax.add_patch(Rectangle((x0, y0), width, 1.6, fc="none", ec=palette().muted, lw=0.6, zorder=3))
    for value, at in ((0, x0), (int(top), x0 + width)):
        ax.text(at, y0 - 0.4, str(value), ha="center", va="top", fontsize=9)
    ax.text(
        x0 + width / 2,
        y0 + 2.0,
        "pixel value (grey level)",
        ha="center",
        va="bottom",
        fontsize=9,
        color=palette().muted,
    )


@figure(
    "batch-tensors",
    title="A batch through the small net",
    data=tensors.batch,
    alt=(
        "A batch of three datapoints through the small two-layer net, as matrices of its "
        "numbers. X (3 × 2) is multiplied by W1ᵀ and shifted by b1 to give Z; relu gives H; "
        "W2 and b2 give Z3; the threshold gives the outputs Y. Activations are "
        "vermillion-edged (the activation colour), parameters blue; every shape is written "
        "under its matrix."
    ),
)
def batch_tensors(t: dict, *, layout: str = "wide") -> Figure:
    """A batch of three datapoints through the small two-layer net, as matrices of its numbers."""
    p = palette()
    wide = layout == "wide"
    figsize = (7.2, 3.2) if wide else (NARROW_WIDTH, 4.6)
    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    cell, y0 = 0.62, 0.0
    # Narrow (a phone's column): the chain breaks after H, and the second layer's arrow
    # carries on at the left of a second line, under the first.
    wrap_after = None if wide else 2
    numbers = 9 if wide else 7  # the cells are narrower in a phone's column: "−1.5" must fit
    steps = [
        ("X", r"$\mathbf{X}$"),
        ("Z", r"$\mathbf{Z}$"),
        ("H", r"$\mathbf{H}$"),
        ("Z3", r"$\mathbf{Z}_3$"),
        ("Y", r"$\mathbf{Y}$"),
    ]
    ops = [
        ("1", r"$\mathbf{X}\mathbf{W}_1^{\top}+\mathbf{b}_1$"),
        (None, "relu"),
        ("2", r"$\mathbf{H}\mathbf{W}_2^{\top}+\mathbf{b}_2$"),
        (None, "threshold"),
    ]
    arrow_y = y0 - 1.5 * cell  # through the middle row of the batch
    x, top, widest = 0.0, y0, 0.0
    for k, (key, label) in enumerate(steps):
        m = t[key]
        left, bottom, right, _ = draw_matrix(
            ax, m, (x, y0), cell=cell, title=label, fontsize=numbers
        )
        _shape(ax, m.shape, ((left + right) / 2, bottom - 0.1), p.muted)
        widest = max(widest, right)
        if k == len(ops):
            break
        layer, text = ops[k]
        if k == wrap_after:
            # Below this line's shapes, with room for the next layer's parameters.
            parameters = (len(t[f"W{layer}"]) + 1) * cell + 1.3
            y0 = bottom - 0.6 - parameters
            arrow_y, right = y0 - 1.5 * cell, 0.5
            # The second line starts from H again, so its arrow does not come from nothing.
            ax.text(0.15, arrow_y, label, ha="center", va="center", fontsize=11, color=p.ink)
        gap = 2.0 if layer else 1.6  # room for a parameter matrix, or for a word
        x = right + gap
        ax.annotate(
            "", xy=(x - 0.2, arrow_y), xytext=(right + 0.2, arrow_y), arrowprops=_arrow_props()
        )
        mid = (right + x) / 2
        if layer is None:
            ax.text(mid, arrow_y + 0.1, text, ha="center", va="bottom", fontsize=9, color=p.muted)
            continue
        ax.text(mid, arrow_y - 0.15, text, ha="center", va="top", fontsize=9, color=p.muted)
        top = max(
            top,
            _parameters(
                ax, t[f"W{layer}"], t[f"b{layer}"], layer, (mid, arrow_y + 0.3), cell, numbers
            ),
        )
    ax.set_xlim(-0.2, x + 0.9 if wide else widest + 0.3)
    ax.set_ylim(y0 - 3 * cell - 0.6, top + 0.05)
    ax.set_aspect("equal")
    ax.axis("off")
    fit_height(fig, ax)
    return fig


def _shape(ax, shape: tuple, at, color) -> None:
    """A matrix's shape, written under it: rows × columns."""
    text = " × ".join(str(s) for s in shape)
    ax.text(*at, text, ha="center", va="top", fontsize=8.5, color=color)


def _parameters(ax, w, b, layer: str, bottom_centre, cell: float, fontsize: float = 9) -> float:
    """W_layer above b_layer (a row: it is added to every row of the batch), in parameter blue.

    Each is named, with its shape, above it. Returns the top of the drawing.
    """
    p = palette()
    style = {"cell": cell, "face": p.parameter_tint, "edge": p.parameter, "fontsize": fontsize}
    x, top = bottom_centre
    for name, m, shape in ((f"b_{layer}", b[None, :], b.shape), (f"W_{layer}", w, w.shape)):
        top += len(m) * cell
        draw_matrix(ax, m, (x - m.shape[1] * cell / 2, top), **style)
        size = " × ".join(str(s) for s in shape)
        label = rf"$\mathbf{{{name}}}$ ({size})"
        ax.text(x, top + 0.08, label, ha="center", va="bottom", fontsize=9, color=p.parameter)
        top += 0.5
    return top
