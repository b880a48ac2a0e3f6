"""Mapping plots: a layer drawn as the way it moves points, not as a graph.

1-D: the input and output axes lie parallel, one above the other, and each
sample point is joined to its image. A stack of layers is a column of axes,
one per representation. 2-D: the layers of a net as parallel planes in 3-D,
each point joined to its image on the next plane.
"""

import itertools
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Polygon

from nnfig.draw.style import CLASS_MARKERS, palette

#: Colours of the sample points along a 1-D axis: from one end to the other.
POINT_CMAP = "viridis"


def point_colors(n: int) -> np.ndarray:
    """n colours along the stretch of ``POINT_CMAP`` that reads on the current paper."""
    return mpl.colormaps[POINT_CMAP](np.linspace(*sorted(palette().fade), n))


def draw_mapping(
    ax: Axes,
    stages: Sequence[np.ndarray],
    labels: Sequence[str],
    *,
    between: Sequence[str] = (),
    limits: tuple[float, float] | None = None,
    ticks: Sequence[float] | None = None,
) -> None:
    """Draw 1-D representations as parallel horizontal axes, top to bottom.

    ``stages[k][i]`` is point i on axis k; a line joins it to ``stages[k + 1][i]``.
    Points are coloured by their position on the first axis, so one can follow
    them. ``between`` names the layer that maps each axis to the next.
    """
    stages = [np.asarray(s, dtype=float) for s in stages]
    if len(labels) != len(stages) or len({s.shape for s in stages}) != 1:
        raise ValueError("need one label per stage and stages of equal length")
    lo, hi = limits or (min(s.min() for s in stages), max(s.max() for s in stages))
    p = palette()
    colors = point_colors(stages[0].size)
    order = np.argsort(np.argsort(stages[0]))
    colors = colors[order]
    levels = -np.arange(len(stages), dtype=float)
    for k, (a, b) in enumerate(itertools.pairwise(stages)):
        for i in range(a.size):
            ax.plot([a[i], b[i]], [levels[k], levels[k + 1]], color=colors[i], lw=0.9, alpha=0.8)
        if k < len(between):
            ax.text(
                hi + 0.04 * (hi - lo),
                (levels[k] + levels[k + 1]) / 2,
                between[k],
                ha="left",
                va="center",
                fontsize=9,
                color=p.muted,
            )
    ticks = np.asarray(ticks if ticks is not None else [])
    for k, (level, values, label) in enumerate(zip(levels, stages, labels, strict=True)):
        ax.plot([lo, hi], [level, level], color=p.ink, lw=1.0, zorder=1)
        ax.plot(ticks, np.full(ticks.size, level), "|", color=p.ink, ms=5, zorder=1)
        # Tick values above the first axis and below the last, clear of the lines.
        for t in ticks if k in (0, len(stages) - 1) else ():
            dy, va = (0.07, "bottom") if k == 0 else (-0.07, "top")
            tick = f"{t:g}".replace("-", "\u2212")  # a minus sign, as on matplotlib's axes
            ax.text(t, level + dy, tick, ha="center", va=va, fontsize=7.5, color=p.muted)
        ax.scatter(values, np.full(values.size, level), c=colors, s=14, zorder=3, lw=0)
        ax.text(lo - 0.04 * (hi - lo), level, label, ha="right", va="center", fontsize=10)
    ax.set_xlim(lo - 0.02 * (hi - lo), hi + 0.02 * (hi - lo))
    ax.set_ylim(levels[-1] - 0.25, 0.25)
    ax.axis("off")


def plane_extent(points: np.ndarray, *, minimum: float = 1.0) -> float:
    """Half-width of a square plane that holds ``points``, rounded up to a neat value."""
    r = max(float(np.abs(points).max()), minimum) * 1.08
    neat = np.array([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
    scale = 10 ** np.floor(np.log10(r))
    return float(neat[np.searchsorted(neat, r / scale - 1e-9)] * scale)


def shared_extents(
    frames: Sequence[dict[str, np.ndarray]],
    *,
    fixed: dict[str, tuple[float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """One range (low, high) per layer for all ``frames``, so a layer keeps its scale.

    Each frame maps a layer to points on it (say, a checkpoint's data and the
    image of a square); a layer's plane is the square centred on the origin
    that holds the points of every frame, unless ``fixed`` gives its range.
    Drawn with one scale, a layer that grows during training is seen to grow.
    """
    fixed = fixed or {}
    extents = {}
    for key in frames[0]:
        if key in fixed:
            extents[key] = (float(fixed[key][0]), float(fixed[key][1]))
        else:
            half = plane_extent(np.concatenate([frame[key] for frame in frames]))
            extents[key] = (-half, half)
    return extents


def extent_note(low: float, high: float) -> str:
    """How a plane's range is printed: its half-width if centred on 0, else the interval."""
    return f"\u00b1{high:g}" if low == -high else f"[{low:g}, {high:g}]"


#: Oblique projection of a plane's coordinates (u, v): v points up, u recedes up-right.
RECEDE = np.array([0.45, 0.3])

#: Heights, in the units of ``draw_planes``, of a row of planes and of the header over it.
PLANES_HEIGHT = 2 * (1 + RECEDE[1]) + 0.1
HEADER_HEIGHT = 0.7

#: The corners of a plane, in its own coordinates scaled to [−1, 1]².
CORNERS = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=float)


def _project(depth: float, pts: np.ndarray) -> np.ndarray:
    """Points (u, v) on the plane at ``depth`` to the page: planes stand side by side."""
    pts = np.atleast_2d(pts)
    return np.column_stack([depth + pts[:, 0] * RECEDE[0], pts[:, 1] + pts[:, 0] * RECEDE[1]])


def _scale(points: np.ndarray, extent: tuple[float, float]) -> np.ndarray:
    """Points of a plane spanning ``extent`` (low, high) in both coordinates, to [−1, 1]²."""
    low, high = extent
    return (np.asarray(points, dtype=float) - (low + high) / 2) / ((high - low) / 2)


def joined_points(labels: np.ndarray, joined: int) -> np.ndarray:
    """Indices of the points given joining lines: a fixed pick, half from each class."""
    rng = np.random.default_rng(0)
    picks = []
    for cls in (0, 1):
        members = np.flatnonzero(labels == cls)
        picks.append(rng.choice(members, size=min(joined // 2, members.size), replace=False))
    return np.sort(np.concatenate(picks))


def _shade_region(ax, depth, grid, mask, extent, face, color, zorder) -> None:
    """Tint the cells of ``grid`` × ``grid`` where ``mask`` holds, on the plane at ``depth``."""
    u, v = np.meshgrid(_scale(grid, extent), _scale(grid, extent))
    page = _project(depth, np.column_stack([u.ravel(), v.ravel()]))
    filled = ax.contourf(
        page[:, 0].reshape(u.shape),
        page[:, 1].reshape(u.shape),
        mask.astype(float),
        levels=[0.5, 1.5],
        colors=[color],
        alpha=0.3,
        zorder=zorder,
    )
    filled.set_clip_path(face)


def draw_planes(
    ax: Axes,
    layers: dict[str, np.ndarray],
    labels: np.ndarray,
    *,
    extents: dict[str, tuple[float, float]],
    outline: dict[str, np.ndarray] | None = None,
    names: dict[str, str] | None = None,
    header: bool = False,
    shade: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
    joined: int = 16,
    gap: float = 1.45,
) -> None:
    """The layers of a 2-D net as parallel planes seen obliquely, input on the left.

    One plane per key of ``extents``, in its order, spanning (low, high) in both
    coordinates (see ``shared_extents``). Dotted lines join ``joined`` points,
    half of each class, to their images on the next plane. ``outline`` (per
    layer, e.g. the image of a square) is shaded under the points and traced
    over them, so it shows even where it is thin. ``shade`` maps a layer to
    ``(grid, mask)``: the cells of the grid × grid where mask holds are tinted
    in the colour of class 0. With ``header``, each plane's name and range are
    printed above it.
    """
    p = palette()
    keys = list(extents)
    outline, shade, names = outline or {}, shade or {}, names or {}
    scaled = {key: _scale(layers[key], extents[key]) for key in keys}
    pick = joined_points(labels, joined)
    for k, key in enumerate(keys):
        x = k * gap
        z = 2 * k  # each plane covers what lies behind it, to its left
        face = Polygon(_project(x, CORNERS), fc=p.paper, ec=p.muted, lw=0.8, alpha=0.85, zorder=z)
        ax.add_patch(face)
        for axis in ([[-1, 0], [1, 0]], [[0, -1], [0, 1]]):
            ax.plot(*_project(x, np.array(axis, float)).T, color=p.grid, lw=0.6, zorder=z)
        if key in shade:
            grid, mask = shade[key]
            _shade_region(ax, x, grid, mask, extents[key], face, p.classes[0], z + 0.1)
        if key in outline:
            ring = _project(x, _scale(outline[key], extents[key]))
            area = Polygon(ring, fc=p.muted, ec="none", alpha=0.15, zorder=z + 0.2)
            ax.add_patch(area)
            (edge,) = ax.plot(*ring.T, color=p.ink, lw=0.8, zorder=z + 0.7)
            for artist in (area, edge):
                artist.set_clip_path(face)
        for cls in (0, 1):
            sel = labels == cls
            ax.scatter(
                *_project(x, scaled[key][sel]).T,
                s=7,
                color=p.classes[cls],
                marker=CLASS_MARKERS[cls],
                lw=0,
                zorder=z + 0.5,
            )
        if header:
            top = _project(x, np.array([[0.0, 1.0]]))[0]
            ax.text(top[0], 1 + RECEDE[1] + 0.42, names.get(key, key), ha="center", fontsize=10)
            ax.text(
                top[0],
                1 + RECEDE[1] + 0.12,
                extent_note(*extents[key]),
                ha="center",
                fontsize=8,
                color=p.muted,
            )
        if k + 1 < len(keys):
            a = _project(x, scaled[key][pick])
            b = _project(x + gap, scaled[keys[k + 1]][pick])
            for cls in (0, 1):
                sel = labels[pick] == cls
                ax.add_collection(
                    LineCollection(
                        np.stack([a[sel], b[sel]], axis=1),
                        colors=p.classes[cls],
                        linewidths=0.6,
                        linestyles=(0, (1, 1.5)),
                        alpha=0.8,
                        zorder=z + 1,
                    )
                )
    last = (len(keys) - 1) * gap
    ax.set_xlim(-RECEDE[0] - 0.1, last + RECEDE[0] + 0.1)
    bottom = -PLANES_HEIGHT / 2
    ax.set_ylim(bottom, bottom + PLANES_HEIGHT + (HEADER_HEIGHT if header else 0))
    ax.set_aspect("equal")
    ax.set_axis_off()
