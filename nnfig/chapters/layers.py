"""Figures of the chapter "A catalogue of layers"."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from nnfig.compute import catalogue, layers
from nnfig.draw.style import NARROW_WIDTH, palette
from nnfig.registry import figure


@figure(
    "activations",
    title="Activation functions",
    data=catalogue.activations,
    alt=(
        "Four pointwise activation functions: threshold, sigmoid, tanh and relu. Each is "
        "plotted over the same inputs; the tanh panel overlays 2·sigmoid(2x) − 1 as dots to "
        "show that the two are the same function."
    ),
)
def activations(a: catalogue.Activations) -> Figure:
    """Four pointwise activation functions: threshold, sigmoid, tanh and relu."""
    x, (lo, hi) = a.x, (a.x[0], a.x[-1])
    pal = palette()
    # A curve is a map from input to output, neither a parameter nor an activation:
    # it takes a hue that means neither (blue and vermillion do, in this book).
    curve, dots = pal.hue["green"], pal.hue["orange"]

    fig, axes = plt.subplots(2, 2, figsize=(7.2, 4.8), layout="constrained", sharex=True)
    ax_thr, ax_sig, ax_tanh, ax_relu = axes.ravel()

    # The threshold jumps at 0; draw both pieces and mark which end is included.
    left = x <= 0
    ax_thr.plot(x[left], a.threshold[left], color=curve)
    ax_thr.plot(x[~left], a.threshold[~left], color=curve)
    if lo < 0 < hi:
        ax_thr.plot([0], [0], "o", color=curve, ms=6, zorder=3)
        ax_thr.plot([0], [1], "o", color=curve, mfc=pal.paper, ms=6, mew=1.8, zorder=3)
    ax_thr.set_title(r"threshold   $g(x)=\mathbb{1}[x>0]$")

    ax_sig.plot(x, a.sigmoid, color=curve)
    ax_sig.set_title(r"sigmoid   $g(x)=\dfrac{1}{1+e^{-x}}$")

    ax_tanh.plot(x, a.tanh, color=curve, label=r"$\tanh(x)$")
    ax_tanh.plot(
        a.dots,
        a.tanh_from_sigmoid,
        "o",
        ms=4,
        color=dots,
        label=r"$2\,\mathrm{sigmoid}(2x)-1$",
    )
    ax_tanh.legend(loc="upper left")
    ax_tanh.set_title(r"tanh   $g(x)=\tanh(x)$")

    ax_relu.plot(x, a.relu, color=curve)
    ax_relu.set_title(r"relu   $g(x)=\max(x, 0)$")

    for ax in axes.ravel():
        ax.axhline(0, color=pal.muted, lw=0.8, zorder=1)
        ax.axvline(0, color=pal.muted, lw=0.8, zorder=1)
        ax.set_xlim(lo, hi)
    for ax in axes[1]:
        ax.set_xlabel(r"input $x_{\mathrm{in}}$")
    for ax in axes[:, 0]:
        ax.set_ylabel(r"output $x_{\mathrm{out}}$")
    return fig


@figure(
    "batchnorm",
    title="Batch normalization",
    data=catalogue.batchnorm,
    alt=(
        "A batch of three units before batch normalization, as standard scores, and after γ, "
        "β. Each dot is one datapoint's activation; the bar marks the unit's batch mean ± one "
        "standard deviation, whose values are printed at the right."
    ),
)
def batchnorm(b: catalogue.Batchnorm) -> Figure:
    """A batch of three units before batch normalization, as standard scores, and after γ, β."""
    pal = palette()
    stages = [
        (r"input batch $x_{\mathrm{in}}$", b.x),
        (r"standard scores $\hat{x}=(x_{\mathrm{in}}-\mu)\,/\,\sigma$", b.standard),
        (r"scaled and shifted $\gamma\,\hat{x}+\beta$", b.out),
    ]
    # Stacked, not side by side: three narrow panels would not read on a phone.
    fig, axes = plt.subplots(3, 1, figsize=(5.4, 5.8), layout="constrained", sharex=True)
    lim = max(np.abs(values).max() for _, values in stages) * 1.05
    for ax, (title, values) in zip(axes, stages, strict=True):
        _unit_rows(ax, values, b.jitter, pal)
        ax.set_title(title, loc="left", fontsize=10.5)
        ax.set_xlim(-lim, lim)
    axes[-1].set_xlabel("activation", fontsize=10.5)
    # γ and β are the layer's parameters: parameter blue.
    params = "γ = ({})    β = ({})".format(
        *(", ".join(f"{v:g}" for v in p) for p in (b.gamma, b.beta))
    )
    axes[-1].set_title(params.replace("-", "−"), loc="right", color=pal.parameter, fontsize=10)
    return fig


def _unit_rows(ax, values: np.ndarray, jitter: np.ndarray, pal) -> None:
    """One row of dots per unit, its mean ± one standard deviation, and both values."""
    to_margin = ax.get_yaxis_transform()  # x in axes fractions, y in data
    for unit in range(values.shape[1]):
        v = values[:, unit]
        ax.plot(v, unit + jitter[:, unit], "o", ms=3.5, alpha=0.8, color=pal.activation, mew=0)
        mu, sd = round(v.mean(), 2) + 0.0, v.std()  # + 0.0: no "−0.00"
        ax.errorbar(mu, unit + 0.33, xerr=sd, fmt="|", color=pal.ink, ms=7, capsize=3, lw=1.2)
        label = f"μ = {mu:.2f}\nσ = {sd:.2f}".replace("-", "−")
        ax.text(1.02, unit, label, transform=to_margin, fontsize=10, va="center", linespacing=1.15)
    ax.axvline(0, color=pal.muted, lw=0.8, zorder=1)
    ax.set_yticks(range(values.shape[1]), [f"unit {i + 1}" for i in range(values.shape[1])])
    ax.set_ylim(values.shape[1] - 0.45, -0.45)  # unit 1 on top
    ax.grid(axis="y", visible=False)
    ax.tick_params(labelsize=10)


@figure(
    "l2-norm",
    title="L2 normalization",
    data=catalogue.l2_norm,
    alt=(
        "Points in the plane and where L2 normalization sends them: onto the unit circle. A "
        "segment joins each input to its output; points outside the circle move in, points "
        "inside move out, and every point keeps its direction."
    ),
)
def l2_norm(points: catalogue.Normalized) -> Figure:
    """Points in the plane and where L2 normalization sends them: onto the unit circle."""
    x, y = points.x, points.y

    pal = palette()
    fig, ax = plt.subplots(figsize=(5.0, 4.9), layout="constrained")
    t = np.linspace(0, 2 * np.pi, 361)
    ax.plot(np.cos(t), np.sin(t), color=pal.muted, lw=1.2, label=r"unit circle $\|x\|_2=1$")
    for (x0, x1), (y0, y1) in zip(x, y, strict=True):
        ax.plot([x0, y0], [x1, y1], color=pal.muted, lw=0.7, alpha=0.7, zorder=2)
    # Inputs and outputs are both activations (vermillion): open circles for the
    # inputs, filled dots for the outputs tell them apart.
    ax.plot(
        *x.T,
        "o",
        ms=5.5,
        mfc=pal.paper,
        mec=pal.activation,
        mew=1.3,
        zorder=3,
        label=r"input $x_{\mathrm{in}}$",
    )
    ax.plot(
        *y.T,
        "o",
        ms=5,
        color=pal.activation,
        mec=pal.paper,
        mew=0.5,
        zorder=4,
        label=r"output $x_{\mathrm{in}}/\|x_{\mathrm{in}}\|_2$",
    )
    r = np.abs(x).max() * 1.1
    ax.set_xlim(-r, r)
    ax.set_ylim(-r, r)
    ax.set_aspect("equal")
    ax.axhline(0, color=pal.muted, lw=0.6, zorder=1)
    ax.axvline(0, color=pal.muted, lw=0.6, zorder=1)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=9, handletextpad=0.3)
    return fig


@figure(
    "softmax-temperature",
    title="Softmax and temperature",
    data=catalogue.softmax,
    alt=(
        "One vector of scores and its softmax at several temperatures, from peaky to flat. "
        "Top right: each class's probability as the temperature τ sweeps from 0.1 to 10; the "
        "dashed lines mark the temperatures drawn as bars underneath."
    ),
)
def softmax_temperature(sm: catalogue.Softmax, *, layout: str = "wide") -> Figure:
    """One vector of scores and its softmax at several temperatures, from peaky to flat."""
    s, taus, sweep, probs = sm.scores, sm.temperatures, sm.sweep, sm.swept
    k = s.size
    pal = palette()
    # Class hues: the book's two class colours first, then others; never vermillion,
    # which marks activations.
    hues = (*pal.classes, *(pal.hue[h] for h in ("green", "purple", "sky")))
    colors = [hues[i % len(hues)] for i in range(k)]
    labels = [str(i + 1) for i in range(k)]

    wide = layout == "wide"
    if wide:  # scores and sweep side by side over a row of bar charts
        fig = plt.figure(figsize=(7.2, 4.9), layout="constrained")
        top, bottom = fig.subfigures(2, 1, height_ratios=[1.15, 1])
        ax_s, ax_sweep = top.subplots(1, 2, width_ratios=[1, 1.6])
    else:  # a phone's column: the same top row, narrower scores; the bar charts two a row
        fig = plt.figure(figsize=(NARROW_WIDTH, 6.6), layout="constrained")
        top, bottom = fig.subfigures(2, 1, height_ratios=[1, 1.75])
        ax_s, ax_sweep = top.subplots(1, 2, width_ratios=[1, 2.5])
    ax_s.bar(labels, s, color=colors)
    ax_s.axhline(0, color=pal.muted, lw=0.8)
    ax_s.set_title(r"scores $x_{\mathrm{in}}$")
    ax_s.set_xlabel("class $i$")

    for i in range(k):
        ax_sweep.plot(sweep, probs[:, i], color=colors[i], label=f"class {labels[i]}")
    for tau in taus:
        ax_sweep.axvline(tau, color=pal.muted, lw=0.8, ls="--")
    ax_sweep.axhline(1 / k, color=pal.muted, lw=0.8, ls=":")
    ax_sweep.annotate(
        f"uniform 1/{k}",
        (sweep[0], 1 / k),
        xytext=(2, 3),
        textcoords="offset points",
        fontsize=8,
        color=pal.muted,
    )
    ax_sweep.set_xscale("log")
    ax_sweep.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax_sweep.set_ylim(0, 1)
    ax_sweep.set_xlabel(r"temperature $\tau$")
    ax_sweep.set_ylabel("probability")
    ax_sweep.set_title(
        r"$\mathrm{softmax}(x_{\mathrm{in}}/\tau)_i$ as $\tau$ grows",
        **({} if wide else {"fontsize": 9}),
    )
    if wide:
        ax_sweep.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    else:  # inside, at the top right, where every probability has come down towards 1/k
        ax_sweep.legend(
            loc="upper right",
            fontsize=7.5,
            handlelength=1.2,
            labelspacing=0.2,
            frameon=True,
            facecolor=pal.paper,
            edgecolor="none",
            framealpha=1,
        )

    ncols = taus.size if wide else min(2, taus.size)
    bars = bottom.subplots(-(-taus.size // ncols), ncols, sharey=True, squeeze=False)
    for ax in bars.flat[taus.size :]:
        ax.set_visible(False)
    for ax, tau, p in zip(bars.flat, taus, sm.probabilities, strict=False):
        ax.bar(labels, p, color=colors)
        ax.set_ylim(0, 1.05)
        ax.set_title(rf"$\tau={tau:g}$")
        ax.set_xlabel("class $i$")
        for i, pi in enumerate(p):
            ax.text(i, pi + 0.02, f"{pi:.2f}", ha="center", va="bottom", fontsize=7)
    for ax in bars[:, 0]:
        ax.set_ylabel("probability")
    return fig


@figure(
    "image-output",
    title="The image output layer",
    data=catalogue.image_output,
    alt=(
        "The 255·sigmoid output layer turning real-valued activations into pixel values. Top "
        "left: one channel of a H × W × 3 activation map. Top right: the resulting RGB image. "
        "Bottom: the function 255·sigmoid(x), with the marked pixel's three activations on "
        "it."
    ),
)
def image_output(out: catalogue.ImageOutput, *, layout: str = "wide") -> Figure:
    """The 255·sigmoid output layer turning real-valued activations into pixel values."""
    act, pixels, (row, col) = out.activations, out.pixels, out.traced
    pal = palette()

    # Two images over one wide plot, rather than three panels in a row; narrow (a phone's
    # column): the same, smaller, its text a little smaller and the image titles broken.
    wide = layout == "wide"
    size, title = (10, 10.5) if wide else (8, 8.5)
    fig, axd = plt.subplot_mosaic(
        [["act", "pix"], ["f", "f"]],
        figsize=(5.4, 5.4) if wide else (NARROW_WIDTH, 3.9),
        layout="constrained",
        height_ratios=[1, 0.95],
    )
    ax_a, ax_p, ax_f = axd["act"], axd["pix"], axd["f"]
    lim = np.abs(act[..., 0]).max()
    im = ax_a.imshow(act[..., 0], cmap=pal.region_cmap, vmin=-lim, vmax=lim)
    fig.colorbar(im, ax=ax_a, shrink=0.85).ax.tick_params(labelsize=size)
    sep = " " if wide else "\n"
    ax_a.set_title(f"activations,{sep}channel R", fontsize=title)
    ax_p.imshow(pixels)
    ax_p.set_title(f"output pixels{sep}(RGB)", fontsize=title)
    for ax in (ax_a, ax_p):
        ax.plot([col], [row], "s", ms=9 if wide else 6, mfc="none", mec=pal.ink, mew=1.5)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)

    x = np.linspace(-6, 6, 241)
    ax_f.plot(x, layers.image_output(x), color=pal.muted)
    channel = {"R": pal.hue["vermillion"], "G": pal.hue["green"], "B": pal.hue["blue"]}
    for c, name in enumerate("RGB"):
        a, v = act[row, col, c], pixels[row, col, c]
        label = f"{name}: {a:+.2f} → {v}".replace("-", "−")
        ax_f.plot([a], [v], "o", color=channel[name], ms=7 if wide else 5, zorder=3, label=label)
    ax_f.axhline(255, color=pal.muted, lw=0.8, ls="--")
    ax_f.axhline(0, color=pal.muted, lw=0.8, ls="--")
    ax_f.set_yticks([0, 64, 128, 192, 255])
    labels = {} if wide else {"fontsize": 9}
    ax_f.set_xlabel(r"activation $x_{\mathrm{in}}$", **labels)
    ax_f.set_ylabel("pixel value", **labels)
    ax_f.set_title(
        r"the marked pixel through $255\,\mathrm{sigmoid}(x_{\mathrm{in}})$", fontsize=title
    )
    ax_f.tick_params(labelsize=size)
    ax_f.legend(loc="upper left", fontsize=size, handletextpad=0.2)
    return fig
