"""Figures of the chapter "Tensors and batches"."""

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from nnfig.compute import tensors
from nnfig.draw.diagrams import channel_tints, draw_block, draw_matrix, fit_height, fit_width
from nnfig.draw.style import palette
from nnfig.registry import figure


def _arrow_props() -> dict:
    return {"arrowstyle": "-|>", "color": palette().muted, "lw": 1.2}


def _axis_label(ax, start, end, text, *, offset=(0, 0), **kw):
    ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "color": palette().ink})
    mid = ((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1])
    ax.text(*mid, text, ha="center", va="center", fontsize=11, **kw)


@figure("tensor-cube", title="An image as a 3-D tensor", data=tensors.cube)
def tensor_cube(c: tensors.Cube) -> Figure:
    """A small colour photograph as an H × W × C block of numbers.

    Left: the photo (a crop of scikit-learn's sample image of a Chinese temple).
    Right: the same pixels as a tensor with H rows, W columns and C = 3 colour
    channels, one layer per channel; the numbers of the red layer's top-left
    corner are written in.
    """
    image, k = c.image, c.corner
    n = len(image)

    fig, (ax_img, ax_t) = plt.subplots(
        1, 2, figsize=(7.2, 4.0), layout="constrained", width_ratios=[1, 1.45]
    )
    ax_img.imshow(image, interpolation="nearest")
    ax_img.set_title(f"a {n} × {n} colour image", fontsize=10)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    ax_img.grid(False)

    corners = draw_block(ax_t, channel_tints(image), (0, n), shift=(0.9, 0.7))
    for i in range(k):
        for j in range(k):
            ax_t.text(
                j + 0.5, n - i - 0.5, str(image[i, j, 0]), ha="center", va="center", fontsize=5.5
            )
    bl, br, tl = corners["bottom_left"], corners["bottom_right"], corners["top_left"]
    _axis_label(
        ax_t, (tl[0] - 0.8, tl[1]), (bl[0] - 0.8, bl[1]), f"H = {n}", offset=(-0.9, 0), rotation=90
    )
    _axis_label(ax_t, (bl[0], bl[1] - 0.8), (br[0], br[1] - 0.8), f"W = {n}", offset=(0, -0.7))
    # The channel axis runs along the block's top-left edge, just outside it.
    depth = (2 * 0.9, 2 * 0.7)
    start = (tl[0] - 0.7, tl[1] + 0.5)
    ax_t.annotate(
        "",
        xy=(start[0] + depth[0], start[1] + depth[1]),
        xytext=start,
        arrowprops={"arrowstyle": "->", "color": palette().ink},
    )
    ax_t.text(start[0] + 0.3, start[1] + 1.3, "C = 3", ha="right", va="center", fontsize=11)
    for c, name in enumerate(("R", "G", "B")):
        ax_t.text(
            tl[0] + c * 0.9 + 0.3, tl[1] + c * 0.7 + 0.25, name, fontsize=8, color=palette().muted
        )
    ax_t.set_xlim(-2.6, n + depth[0] + 0.3)
    ax_t.set_ylim(-2.0, n + depth[1] + 0.9)
    ax_t.set_aspect("equal")
    ax_t.axis("off")
    ax_t.set_title(r"the tensor $\mathbf{x} \in \mathbb{R}^{H \times W \times C}$", fontsize=10)
    return fig


@figure("dataset-tensors", title="A data set as two tensors", data=tensors.dataset)
def dataset_tensors(d: tensors.Dataset) -> Figure:
    """A data set of images and labels as two tensors: X of shape N × H × W × C, Y of shape N × K.

    Each image is a block of H × W pixels with C = 3 colour channels; the N
    blocks stack along the first axis of X. Each row of Y is the one-hot label
    of the image beside it (K = 2 classes).
    """
    x, y, classes = d.x, d.y, d.classes
    n, s = len(x), x.shape[1]

    fig, ax = plt.subplots(figsize=(7.2, 0.95 * n + 1.9), layout="constrained")
    cell, gap = 0.5, 0.55
    top = n * (s * cell + gap)
    for k in range(n):
        origin = (0.0, top - k * (s * cell + gap))
        faces = channel_tints(x[k])
        faces[:, :, 0] = x[k] / 255.0  # the front layer shows the full-colour image
        draw_block(ax, faces, origin, cell=cell, shift=(0.5, 0.35), lw=0.25)
        ax.text(
            -0.35, origin[1] - s * cell / 2, f"$n={k + 1}$", ha="right", va="center", fontsize=10
        )
        draw_matrix(
            ax, y[k : k + 1], (s * cell + 3.8, origin[1] - s * cell / 2 + 0.25), fmt="{:.0f}"
        )
        ax.annotate(
            "",
            xy=(s * cell + 3.6, origin[1] - s * cell / 2),
            xytext=(s * cell + 1.4, origin[1] - s * cell / 2),
            arrowprops=_arrow_props(),
        )
    first = (0.0, top)
    ax.text(
        s * cell / 2,
        first[1] + 0.95,
        r"$\mathbf{X} \in \mathbb{R}^{N \times H \times W \times C}$",
        ha="center",
        fontsize=12,
    )
    ax.text(
        s * cell + 4.3,
        first[1] + 0.95,
        r"$\mathbf{Y} \in \mathbb{R}^{N \times K}$",
        ha="center",
        fontsize=12,
    )
    for j, name in enumerate(classes):
        ax.text(
            s * cell + 3.8 + (j + 0.5) * 0.5,
            first[1] - s * cell / 2 + 0.45,
            name,
            rotation=45,
            ha="left",
            va="bottom",
            fontsize=8,
            color=palette().muted,
        )
    bottom = top - (n - 1) * (s * cell + gap) - s * cell
    ax.annotate(
        "",
        xy=(-2.3, bottom),
        xytext=(-2.3, top),
        arrowprops={"arrowstyle": "->", "color": palette().ink},
    )
    ax.text(
        -2.45, (top + bottom) / 2, f"N = {n}", rotation=90, ha="right", va="center", fontsize=11
    )
    _axis_label(ax, (0, bottom - 0.3), (s * cell, bottom - 0.3), f"W = {s}", offset=(0, -0.35))
    ax.text(
        s * cell + 1.4,
        top - s * cell / 2 + 0.5,
        f"H = W = {s}\nC = 3",
        fontsize=9,
        color=palette().muted,
        va="bottom",
    )
    ax.text(
        s * cell + 4.3,
        bottom - 0.65,
        "K = 2 columns, one per class",
        ha="center",
        fontsize=9,
        color=palette().muted,
    )
    ax.set_xlim(-3.1, s * cell + 7.0)
    ax.set_ylim(bottom - 1.1, top + 1.5)
    ax.set_aspect("equal")
    ax.axis("off")
    fit_width(fig, ax, height=5.0)
    return fig


@figure("batch-tensors", title="A batch through the small net", data=tensors.batch)
def batch_tensors(t: dict) -> Figure:
    """A batch of three datapoints through the small two-layer net, as matrices of its numbers.

    X (3 × 2) is multiplied by W1ᵀ and shifted by b1 to give Z; relu gives H;
    W2 and b2 give Z3; the threshold gives the outputs Y. Activations are
    red-edged, parameters blue; every shape is written under its matrix.
    """
    fig, ax = plt.subplots(figsize=(7.2, 2.9), layout="constrained")
    cell, y0 = 0.62, 1.5
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
    x = 0.0
    for k, (key, label) in enumerate(steps):
        m = t[key]
        left, bottom, right, _ = draw_matrix(ax, m, (x, y0), cell=cell, title=label)
        ax.text(
            (left + right) / 2,
            bottom - 0.12,
            f"{m.shape[0]} × {m.shape[1]}",
            ha="center",
            va="top",
            fontsize=8,
            color=palette().muted,
        )
        x = right + 2.1
        if k == len(ops):
            break
        layer, text = ops[k]
        arrow_y = y0 - 1.5 * cell
        ax.annotate(
            "", xy=(x - 0.2, arrow_y), xytext=(right + 0.2, arrow_y), arrowprops=_arrow_props()
        )
        mid = (right + x) / 2
        if layer is None:
            ax.text(
                mid,
                arrow_y + 0.12,
                text,
                ha="center",
                va="bottom",
                fontsize=9,
                color=palette().muted,
            )
            continue
        w, b = t[f"W{layer}"], t[f"b{layer}"]
        ax.text(
            mid, arrow_y - 0.15, text, ha="center", va="top", fontsize=8.5, color=palette().muted
        )
        draw_matrix(
            ax,
            w,
            (mid - w.shape[1] * 0.32 / 2, y0 + 0.75),
            cell=0.32,
            fontsize=6.5,
            face=palette().parameter_tint,
            edge=palette().parameter,
            title=rf"$\mathbf{{W}}_{layer}$",
        )
        ax.text(
            mid,
            y0 + 0.75 - w.shape[0] * 0.32 - 0.08,
            f"{w.shape[0]} × {w.shape[1]}, " + rf"$\mathbf{{b}}_{layer}$: {b.size}",
            ha="center",
            va="top",
            fontsize=7.5,
            color=palette().parameter,
        )
    ax.set_xlim(-0.3, x - 1.8)
    ax.set_ylim(y0 - 3 * cell - 0.6, y0 + 1.45)
    ax.set_aspect("equal")
    ax.axis("off")
    fit_height(fig, ax)
    return fig
