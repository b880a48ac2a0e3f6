"""The data of an interactive explorer: a training run packed small for the browser. No matplotlib.

The book's viewer (``book/_static/nnfig-explorer.js``) draws the planes of a
run in 3-D at every recorded checkpoint. It needs no 64-bit floats: each plane
is drawn at most a few hundred pixels wide, so its coordinates are sent as
integers, ``QUANT`` per half-width of the plane (one scale per plane for the
whole run), and the image of the square keeps only the corners that move it by
more than ``OUTLINE_TOLERANCE``. ``script`` writes the packed run as a classic
script that hands it to the viewer, with sorted keys and fixed number formats,
so the same run gives the same bytes.
"""

import json
from collections.abc import Sequence

import numpy as np

from nnfig.compute.classifier import Run

#: Integer steps per half-width of a plane: a plane 400 px wide gets 5 steps per pixel.
QUANT = 1024
#: Largest distance, in half-widths of a plane, by which the square's simplified image may
#: stray from the recorded one (0.2 px on a plane 400 px wide).
OUTLINE_TOLERANCE = 0.001
#: Name of the viewer's global function that receives the data.
REGISTER = "nnfigExplorer.register"


def _normalised(points: np.ndarray, extent: tuple[float, float]) -> np.ndarray:
    """Points of a plane spanning ``extent`` in both coordinates, to [−1, 1]²."""
    low, high = extent
    return (np.asarray(points, dtype=float) - (low + high) / 2) / ((high - low) / 2)


def quantise(points: np.ndarray, extent: tuple[float, float]) -> list[int]:
    """Points (N, 2) of a plane as flat integers u0, v0, u1, v1, … (``QUANT`` per half-width)."""
    q = np.rint(_normalised(points, extent) * QUANT).astype(np.int16)
    return [int(c) for c in q.ravel()]


def _segment_distance(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance of each point to the segment ab (not to its line: a relu folds the outline
    back along an axis, and points past the segment's ends must count)."""
    d = b - a
    t = np.clip((points - a) @ d / max(float(d @ d), 1e-300), 0, 1)
    return np.hypot(*(points - a - t[:, None] * d).T)


def simplify(line: np.ndarray, tolerance: float) -> np.ndarray:
    """Ramer–Douglas–Peucker: the vertices of ``line`` needed to stay within ``tolerance``.

    The image of the square is straight between a few corners (affine maps keep
    lines straight; a relu bends them only where they cross an axis), so most of
    its recorded points add nothing but bytes.
    """
    keep = np.zeros(len(line), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        dist = _segment_distance(line[first + 1 : last], line[first], line[last])
        worst = int(np.argmax(dist))
        if dist[worst] > tolerance:
            mid = first + 1 + worst
            keep[mid] = True
            stack += [(first, mid), (mid, last)]
    return line[keep]


def _outline(points: np.ndarray, extent: tuple[float, float]) -> list[int]:
    """The image of the square on a plane, simplified, as quantised flat integers."""
    simple = simplify(_normalised(points, extent), OUTLINE_TOLERANCE)
    return [int(c) for c in np.rint(simple * QUANT).astype(np.int16).ravel()]


def pack(
    run: Run,
    planes: Sequence[str],
    extents: dict[str, tuple[float, float]],
    *,
    names: dict[str, str],
    notes: dict[str, str],
    joined: Sequence[int],
) -> dict:
    """A run as the viewer reads it: every checkpoint of ``planes``, quantised per plane.

    ``extents`` gives each plane's range (one for the whole run), ``names`` and
    ``notes`` the name and range printed over it, ``joined`` the points whose
    joining lines are drawn.
    """
    return {
        "quant": QUANT,
        "steps": [cp.step for cp in run.checkpoints],
        "loss": [float(f"{cp.loss:.4g}") for cp in run.checkpoints],
        "accuracy": [float(f"{cp.accuracy:.4f}") for cp in run.checkpoints],
        "labels": [int(c) for c in run.labels],
        "joined": [int(i) for i in joined],
        "planes": [
            {
                "key": key,
                "name": names[key],
                "note": notes[key],
                "low": float(extents[key][0]),
                "high": float(extents[key][1]),
            }
            for key in planes
        ],
        "points": [[quantise(cp.layers[k], extents[k]) for k in planes] for cp in run.checkpoints],
        "square": [[_outline(cp.square[k], extents[k]) for k in planes] for cp in run.checkpoints],
    }


def unpack(packed: dict, key: str = "points") -> list[list[np.ndarray]]:
    """Checkpoint → plane → (M, 2) coordinates in the plane's own units, as the viewer has them."""
    out = []
    for frame in packed[key]:
        planes = []
        for plane, flat in zip(packed["planes"], frame, strict=True):
            low, high = plane["low"], plane["high"]
            q = np.asarray(flat, dtype=float).reshape(-1, 2) / packed["quant"]
            planes.append(q * (high - low) / 2 + (low + high) / 2)
        out.append(planes)
    return out


def script(fig_id: str, packed: dict) -> str:
    """The classic script that hands ``packed`` to the viewer: the same bytes for the same run."""
    body = json.dumps(packed, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return (
        f"// The explorer of figure {fig_id}: written by nnfig.compute.explorer, do not edit.\n"
        f"{REGISTER}({json.dumps(fig_id)},{body});\n"
    )
