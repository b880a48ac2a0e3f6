"""Figures of the chapter "Multilayer perceptrons and deep nets"."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from nnfig.compute import bumps, checks, small_net
from nnfig.draw.diagrams import Block, Network, draw_blocks, draw_network, fit_height
from nnfig.draw.points import scatter_classes
from nnfig.draw.style import NARROW_WIDTH, palette
from nnfig.registry import figure


def _labels(symbol: str, n: int) -> list[str]:
    return [f"${symbol}_{i + 1}$" for i in range(n)]


@figure(
    "mlp-fan-out",
    title="A perceptron fanning out",
    alt=(
        "A perceptron whose output fans out to several outputs. Inputs x feed one hidden unit "
        "through weights w_i; its pre-activation z and post-activation h = g(z) are shaded; h "
        "feeds every output y_k through a weight v_k of its own, y_k = v_k h + c_k. Every "
        "node is an activation, outlined in the activation colour; weighted edges are "
        "parameter blue."
    ),
)
def mlp_fan_out(*, n_inputs: int = 4, n_outputs: int = 3) -> Figure:
    """A perceptron whose output fans out to several outputs.

    Parameters
    ----------
    n_inputs : int, optional
        Number of inputs, 1 to 12.
    n_outputs : int, optional
        Number of outputs the perceptron fans out to, 1 to 12.
    """
    n_in = checks.integer("n_inputs", n_inputs, minimum=1, maximum=12)
    n_out = checks.integer("n_outputs", n_outputs, minimum=1, maximum=12)
    p = palette()
    into = {((0, i), (1, 0)): f"$w_{{{i + 1}}}$" for i in range(n_in)}
    out_of = {((2, 0), (3, k)): f"$v_{{{k + 1}}}$" for k in range(n_out)}
    net = Network(
        [_labels("x", n_in), ["$z$"], ["$h$"], _labels("y", n_out)],
        shaded={(1, 0), (2, 0)},
        edge_labels=into | out_of,
        edge_colors={edge: p.parameter for edge in into | out_of},
        layer_titles=["inputs $\\mathbf{x}$", "pre-activation", "post-activation", "outputs"],
    )
    fig, ax = plt.subplots(figsize=(5.6, 3.5), layout="constrained")
    drawn = draw_network(ax, net, dx=2.0, dy=0.85, label_at=0.5)
    # g is a function, neither a parameter nor an activation: ink, above its arrow.
    (zx, zy), (hx, _) = drawn.positions[(1, 0)], drawn.positions[(2, 0)]
    ax.text((zx + hx) / 2, zy + 0.08, "$g$", ha="center", va="bottom", fontsize=11, color=p.ink)
    fit_height(fig, ax)
    return fig


@figure(
    "mlp-hidden-layer",
    title="A hidden layer",
    alt=(
        "An MLP with one hidden layer: inputs x, pre-activations z, post-activations h, "
        "outputs y. W1 maps x to z, the activation function g acts on each unit separately "
        "(one edge per unit), and W2 maps h to y. Hidden units are shaded."
    ),
)
def mlp_hidden_layer(*, n_inputs: int = 3, n_hidden: int = 4, n_outputs: int = 2) -> Figure:
    """An MLP with one hidden layer: inputs x, pre-activations z, post-activations h, outputs y.

    Parameters
    ----------
    n_inputs : int, optional
        Number of inputs x, 1 to 12.
    n_hidden : int, optional
        Number of hidden units (each a z and an h), 1 to 12.
    n_outputs : int, optional
        Number of outputs y, 1 to 12.
    """
    n_in = checks.integer("n_inputs", n_inputs, minimum=1, maximum=12)
    n_hid = checks.integer("n_hidden", n_hidden, minimum=1, maximum=12)
    n_out = checks.integer("n_outputs", n_outputs, minimum=1, maximum=12)
    full = Network([[""] * n_in, [""] * n_hid, [""] * n_hid, [""] * n_out]).all_edges()
    pointwise = [((1, i), (2, i)) for i in range(n_hid)]
    edges = [e for e in full if e[0][0] != 1] + pointwise
    net = Network(
        [_labels("x", n_in), _labels("z", n_hid), _labels("h", n_hid), _labels("y", n_out)],
        shaded={(k, i) for k in (1, 2) for i in range(n_hid)},
        edges=edges,
        layer_titles=[
            "input $\\mathbf{x}$",
            "$\\mathbf{z}$",
            "$\\mathbf{h}=g(\\mathbf{z})$",
            "output $\\mathbf{y}$",
        ],
    )
    fig, ax = plt.subplots(figsize=(5.6, 4), layout="constrained")
    drawn = draw_network(ax, net, dx=2.0, dy=0.85)
    top = max(y for _, y in drawn.positions.values()) + 0.45
    gaps = [r"$\mathbf{W}_1, \mathbf{b}_1$", "$g$", r"$\mathbf{W}_2, \mathbf{b}_2$"]
    for k, text in enumerate(gaps):
        color = palette().ink if text == "$g$" else palette().parameter
        ax.text(k * 2.0 + 1.0, top, text, ha="center", va="bottom", fontsize=12, color=color)
    ax.set_ylim(ax.get_ylim()[0], top + 0.55)
    fit_height(fig, ax)
    return fig


@figure(
    "deep-net-stack",
    title="A deep net as a composition",
    alt=(
        "A deep net as the composition f_L(… f_2(f_1(x)))): linear layer, then pointwise g, "
        "repeated. Each layer f_ℓ is a linear map followed by a pointwise nonlinearity; its "
        "parameters θ_ℓ feed in from above."
    ),
)
def deep_net_stack(*, n_shown: int = 2) -> Figure:
    """A deep net as the composition f_L(… f_2(f_1(x)))): linear layer, then pointwise g,
    repeated.

    Parameters
    ----------
    n_shown : int, optional
        Number of layers drawn before the ellipsis and the last layer, 1 to 4.
    """
    shown = checks.integer("n_shown", n_shown, minimum=1, maximum=4)
    blocks = {"x": Block(r"$\mathbf{x}$", (0, 0), "data", width=0.7)}
    arrows, x, previous = [], 1.15, "x"
    names = [str(i + 1) for i in range(shown)] + ["L"]
    for name in names:
        if name == "L":
            blocks["dots"] = Block(r"$\cdots$", (x, 0), "layer", width=0.7)
            arrows.append((previous, "dots"))
            previous, x = "dots", x + 1.15
        lin, act = f"lin{name}", f"g{name}"
        blocks[lin] = Block("linear", (x, 0), "layer", width=1.1)
        blocks[act] = Block("$g$", (x + 1.25, 0), "op", width=0.6)
        blocks[f"theta{name}"] = Block(rf"$\theta_{{{name}}}$", (x, 1.25), "param", width=0.8)
        arrows += [(previous, lin), (lin, act), (f"theta{name}", lin)]
        blocks[f"f{name}"] = Block(
            rf"$f_{{{name}}}$", (x + 0.6, -0.82), "layer", width=0.01, height=0.01
        )
        previous, x = act, x + 2.35
    blocks["y"] = Block(r"$f(\mathbf{x})$", (x - 0.15, 0), "data", width=1.0)
    arrows.append((previous, "y"))

    fig, ax = plt.subplots(figsize=(7.2, 2.6), layout="constrained")
    drawn = draw_blocks(ax, blocks, arrows)
    for name in names:
        box = drawn.nodes[f"f{name}"]
        box.set_visible(False)
        left, right = blocks[f"lin{name}"].xy[0] - 0.55, blocks[f"g{name}"].xy[0] + 0.3
        ax.annotate(
            "",
            xy=(left, -0.55),
            xytext=(right, -0.55),
            arrowprops={"arrowstyle": "-", "color": palette().muted, "lw": 1.2},
        )
        ax.plot([left, left], [-0.5, -0.6], color=palette().muted, lw=1.2)
        ax.plot([right, right], [-0.5, -0.6], color=palette().muted, lw=1.2)
    ax.text(
        x / 2, 2.05, r"$f(\mathbf{x}) = f_L(\cdots f_2(f_1(\mathbf{x})))$", ha="center", fontsize=13
    )
    ax.set_ylim(-1.15, 2.45)
    fit_height(fig, ax)
    return fig


@figure(
    "fast-slow",
    title="Fast activations, slow parameters",
    data=small_net.train,
    alt=(
        "Activations change with every datapoint; parameters drift slowly over many passes. "
        "The small net learns from the data by stochastic gradient descent, one datapoint per "
        "step. Top: the output activation z3 of the datapoint being processed, a new value at "
        "every step. Bottom: the nine parameters, nudged a little at every step, over several "
        "passes through the data."
    ),
)
def fast_slow(t: small_net.Training) -> Figure:
    """Activations change with every datapoint; parameters drift slowly over many passes."""
    p = palette()
    steps = np.arange(len(t.outputs))
    fig, (ax_a, ax_p) = plt.subplots(
        2, 1, figsize=(7.2, 4.2), layout="constrained", sharex=True, height_ratios=[1, 1.2]
    )
    ax_a.plot(steps, t.outputs, color=p.activation, lw=0.5, alpha=0.6)
    ax_a.plot(steps, t.outputs, "o", color=p.activation, ms=1.8, mew=0)
    ax_a.axhline(0, color=p.muted, lw=0.8)
    ax_a.set_ylabel("activation $z_3$")
    ax_a.set_title(
        "fast: activations, computed afresh for every datapoint",
        loc="left",
        color=p.activation,
        fontsize=10,
    )
    ax_p.plot(np.arange(len(t.theta)), t.theta, color=p.parameter, lw=1.3)
    ax_p.set_ylabel(r"parameters $\theta$")
    ax_p.set_title(
        "slow: parameters, nudged a little after each datapoint, drifting over many passes",
        loc="left",
        color=p.parameter,
        fontsize=10,
    )
    ax_p.set_xlabel("time: datapoints processed, one forward pass each")
    ends = [k * t.n_points for k in range(t.passes + 1)]
    for ax in (ax_a, ax_p):
        ax.grid(False)
        for x in ends:
            ax.axvline(x, color=p.grid, lw=0.8, zorder=0)
    ax_p.set_xticks(ends)
    ax_p.set_xlim(0, ends[-1])
    top = ax_a.secondary_xaxis("top")
    top.set_xticks([(a + b) / 2 for a, b in itertools.pairwise(ends)])
    # Short labels when many passes share the width.
    names = [f"pass {k + 1}" if t.passes <= 8 else f"{k + 1}" for k in range(t.passes)]
    top.set_xticklabels(names, fontsize=8)
    top.tick_params(length=0)
    return fig


def _plane(ax):
    """The axes of the small net's data: ``small_net.VIEW``, equal scales."""
    (lo1, hi1), (lo2, hi2) = small_net.VIEW
    ax.set_xlim(lo1, hi1)
    ax.set_ylim(lo2, hi2)
    ax.set_aspect("equal")


@figure(
    "nonlinear-data",
    title="Data no line can separate",
    data=small_net.labelled,
    alt=(
        "A two-class data set in the plane that no straight line separates. The class y = 1 "
        "fills a wedge below the origin; class y = 0 lies on both sides of it and above it, "
        "so any line leaves some points on the wrong side."
    ),
)
def nonlinear_data(data: small_net.Labelled) -> Figure:
    """A two-class data set in the plane that no straight line separates."""
    fig, ax = plt.subplots(figsize=(5.2, 3.0), layout="constrained")
    scatter_classes(ax, data.x, data.y, size=36, labels=("$y=0$", "$y=1$"))
    _plane(ax)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    return fig


@figure(
    "two-layer-net",
    title="A small net that solves it",
    alt=(
        "The two-layer net that classifies the nonlinear data, its edges labelled with its "
        "weights. x1, x2 → z1, z2 (weights W1) → relu → h1, h2 → z3 (weights W2) → threshold "
        "→ y. Edges of weight 0 are left out; the biases are all zero."
    ),
)
def two_layer_net() -> Figure:
    """The two-layer net that classifies the nonlinear data, its edges labelled with its weights."""
    W1, W2 = small_net.W1, small_net.W2
    edges, labels = [], {}
    for j in range(2):
        for i in range(2):
            if W1[j, i] != 0:
                edges.append(((0, i), (1, j)))
                labels[edges[-1]] = f"${W1[j, i]:g}$"
        edges.append(((1, j), (2, j)))
        if W2[0, j] != 0:
            edges.append(((2, j), (3, 0)))
            labels[edges[-1]] = f"${W2[0, j]:g}$"
    edges.append(((3, 0), (4, 0)))
    net = Network(
        [_labels("x", 2), _labels("z", 2), _labels("h", 2), ["$z_3$"], ["$y$"]],
        shaded={(1, 0), (1, 1), (2, 0), (2, 1), (3, 0)},
        edges=edges,
        edge_labels=labels,
        layer_titles=[
            "input",
            r"linear $\mathbf{W}_1$",
            "relu",
            r"linear $\mathbf{W}_2$",
            "threshold",
        ],
    )
    fig, ax = plt.subplots(figsize=(6.6, 3), layout="constrained")
    draw_network(ax, net, dx=2.0, dy=1.5, label_at=0.27, fontsize=13)
    fit_height(fig, ax)
    return fig


@figure(
    "two-layer-net-values",
    title="Every neuron of the small net",
    data=small_net.values,
    alt=(
        "The value of every neuron of the small net over the (x1, x2) plane, with the data on "
        "top. Top row (in the narrow arrangement, the left column): the pre-activations z1, "
        "z2 and z3. Bottom row (right column): the post-activations h1 = relu(z1), h2 = "
        "relu(z2) and the output y, which is 1 (shaded) exactly on the points labelled 1. "
        "Black lines mark where a neuron's value is zero."
    ),
)
def two_layer_net_values(v: small_net.Values, *, layout: str = "wide") -> Figure:
    """The value of every neuron of the small net over the (x1, x2) plane, with the data on top."""
    x, y, out = v.data.x, v.data.y, v.out
    shape = (len(v.x2), len(v.x1))
    eq = small_net.equations_tex()
    panels = [
        (out.z[:, 0], f"${eq['z1']}$"),
        (out.z[:, 1], f"${eq['z2']}$"),
        (out.z3, f"${eq['z3']}$"),
        (out.h[:, 0], r"$h_1 = \mathrm{relu}(z_1)$"),
        (out.h[:, 1], r"$h_2 = \mathrm{relu}(z_2)$"),
        (out.y, r"$y = \mathbb{1}[z_3 > 0]$ (shaded: 1)"),
    ]
    # Narrow (a phone's column): three rows of two, each neuron's pre-activation beside
    # its relu (z3 beside y), the colour bar under them.
    wide = layout == "wide"
    fig, axes = plt.subplots(
        2 if wide else 3,
        3 if wide else 2,
        figsize=(7.2, 3.4) if wide else (NARROW_WIDTH, 4.5),
        layout="constrained",
        sharex=True,
        sharey=True,
    )
    if not wide:
        axes = axes.T  # row-major order of the wide grid: the z row, then the h row
        panels[-1] = (out.y, r"$y = \mathbb{1}[z_3 > 0]$" + "\n(shaded: 1)")
    p = palette()
    vmax = max(np.abs(v).max() for v, _ in panels[:5])
    (lo1, hi1), (lo2, hi2) = small_net.VIEW
    extent = (lo1, hi1, lo2, hi2)
    for ax, (values, title) in zip(axes.ravel(), panels, strict=True):
        if values is out.y:
            cmap = ListedColormap([p.panel, p.shade])
            ax.imshow(values.reshape(shape), origin="lower", extent=extent, cmap=cmap)
        else:
            ax.imshow(
                values.reshape(shape),
                origin="lower",
                extent=extent,
                cmap=p.region_cmap,
                vmin=-vmax,
                vmax=vmax,
            )
            ax.contour(v.x1, v.x2, values.reshape(shape), levels=[0], colors=p.ink, linewidths=0.8)
        scatter_classes(ax, x, y, size=18 if wide else 12, labels=("$y=0$", "$y=1$"))
        # A wider paper-coloured rim keeps the class-blue circles readable on the
        # strong blue of the colour map (scatter_classes draws class 0, then class 1).
        ax.collections[-2].set_linewidth(1.0)
        ax.set_title(title, fontsize=10 if wide else 9)
        ax.grid(False)
        _plane(ax)
        if not wide:
            ax.tick_params(labelsize=8)
    bottom, left = (axes[1], axes[:, 0]) if wide else (axes[:, -1], axes[0])
    for ax in bottom:
        ax.set_xlabel("$x_1$")
    for ax in left:
        ax.set_ylabel("$x_2$")
    scale = plt.cm.ScalarMappable(plt.Normalize(-vmax, vmax), p.region_cmap)
    if wide:
        fig.colorbar(scale, ax=axes, shrink=0.8, label="neuron value")
    else:
        bar = fig.colorbar(
            scale, ax=axes, orientation="horizontal", shrink=0.8, aspect=30, label="neuron value"
        )
        bar.ax.tick_params(labelsize=8)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=2, fontsize=9)
    return fig


@figure(
    "relu-bumps",
    title="Bumps of relus approximate a curve",
    data=bumps.approximations,
    alt=(
        "A bump built from four relus, and sums of M tent-shaped bumps approximating a curve. "
        "Top left: four shifted relus and their sum, a trapezoid bump. Top right: the same "
        "construction with ramps a grid step wide makes triangular tents; weighted by the "
        "target at their centres, they add up to a broken line through it. Bottom left: the "
        "sums for several M against the target. Bottom right: the largest error of each sum, "
        "shrinking as M grows."
    ),
)
def relu_bumps(a: bumps.Approximations) -> Figure:
    """A bump built from four relus, and sums of M tent-shaped bumps approximating a curve."""
    p = palette()
    counts, errors = a.counts, a.errors
    fig, ((ax_b, ax_t), (ax_f, ax_e)) = plt.subplots(
        2, 2, figsize=(7.2, 5.6), layout="constrained", width_ratios=[1, 1]
    )
    labels = [
        r"$\mathrm{relu}(x-a)\,/\,r$",
        r"$-\mathrm{relu}(x-a-r)\,/\,r$",
        r"$-\mathrm{relu}(x-c)\,/\,r$",
        r"$\mathrm{relu}(x-c-r)\,/\,r$",
    ]
    for k, (part, label) in enumerate(zip(a.parts, labels, strict=True)):
        ax_b.plot(a.bump_x, part, lw=1.2, ls="--", color=p.cycle[k], label=label)
    ax_b.plot(a.bump_x, a.bump, color=p.ink, lw=2.4, label="their sum: a bump")
    ax_b.set_ylim(-2.2, 2.2)
    ax_b.set_title("one bump from four relus", fontsize=10)
    ax_b.legend(fontsize=8, loc="lower left", handlelength=1.6, borderaxespad=0.2)
    ax_b.set_xlabel("$x$")

    ax_t.plot(a.x, a.target, color=p.muted, lw=1.2, label="target")
    for k, tent in enumerate(a.tents):
        ax_t.plot(a.x, tent, lw=1.1, ls="--", color=p.cycle[k % len(p.cycle)])
    m = a.tent_count
    ax_t.plot(a.x, sum(a.tents), color=p.ink, lw=2.0, label=f"sum of the $M = {m}$ tents")
    ax_t.set_title(f"$M = {m}$ tents, each weighted by the target", fontsize=10)
    ax_t.set_xlabel("$x$")
    ax_t.legend(fontsize=8, loc="upper center", ncols=2, borderaxespad=0.2)
    ax_t.set_ylim(-1.9, 3.3)

    ax_f.plot(a.x, a.target, color=p.ink, lw=2.4, label="target")
    for k, (n, err, curve) in enumerate(zip(counts, errors, a.curves, strict=True)):
        color = p.cycle[k % len(p.cycle)]
        ax_f.plot(a.x, curve, color=color, lw=1.3, label=f"$M = {n}$, max error {err:.3f}")
    ax_f.set_title("sums of $M$ tents", fontsize=10)
    ax_f.set_xlabel("$x$")
    ax_f.legend(fontsize=8, loc="upper center", borderaxespad=0.2)
    ax_f.set_ylim(-1.9, 4.6)

    ax_e.loglog(counts, errors, "-", color=p.muted)
    for k, (n, err) in enumerate(zip(counts, errors, strict=True)):
        ax_e.plot([n], [err], "o", color=p.cycle[k % len(p.cycle)], zorder=3)
    ax_e.set_xlabel("number of bumps $M$")
    ax_e.set_ylabel("max |error|")
    ax_e.set_title("the error shrinks as $M$ grows", fontsize=10)
    ax_e.set_xticks(counts, [str(n) for n in counts])
    ax_e.minorticks_off()
    return fig
