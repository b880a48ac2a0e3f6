"""Mapping plots draw what they are given."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import ContourSet
from matplotlib.patches import Polygon
from matplotlib.text import Text

from nnfig import FIGURES
from nnfig.compute import layers, runs
from nnfig.draw.mappings import draw_mapping, shared_extents


def test_mapping_plot_joins_each_point_to_its_image():
    x = np.linspace(-2, 2, 9)
    fx = layers.relu(2 * x - 1)
    _, ax = plt.subplots()
    draw_mapping(ax, [x, fx], ["in", "out"])
    joins = [
        line.get_xydata()
        for line in ax.lines
        if len(line.get_xydata()) == 2 and line.get_xydata()[0, 1] != line.get_xydata()[1, 1]
    ]
    assert len(joins) == x.size
    for (start, end), xi, fxi in zip(joins, x, fx, strict=True):
        assert start.tolist() == [xi, 0.0] and end.tolist() == [fxi, -1.0]


def _plane_rows(fig):
    """The rows of planes of a remap figure: axes holding plane faces (4-sided polygons)."""
    rows = []
    for ax in fig.axes:
        faces = [
            p
            for p in ax.patches
            if isinstance(p, Polygon) and len(p.get_xy()) == 5 and p.zorder % 2 == 0
        ]
        if faces:
            rows.append((ax, faces))
    return rows


def test_shared_extents_hold_every_frame_with_one_range_per_layer():
    run = runs.clouds_run()
    frames = [
        {k: np.vstack([cp.layers[k], cp.square[k]]) for k in run.names} for cp in run.checkpoints
    ]
    extents = shared_extents(frames, fixed={"y": (0, 1)})
    assert list(extents) == run.names and extents["y"] == (0.0, 1.0)
    grows = False
    for key, (low, high) in extents.items():
        for cp in run.checkpoints:
            for pts in (cp.layers[key], cp.square[key]):
                assert low <= pts.min() and pts.max() <= high, key
        spans = [np.abs(cp.layers[key]).max() for cp in run.checkpoints]
        grows |= key != "y" and spans[-1] > 4 * spans[0]
    assert grows  # some layer stretches during training: one scale shows it


@pytest.mark.parametrize("fig_id", ["remap-checkpoints", "remap-circles"])
def test_remap_figures_print_each_planes_scale_once_and_hold_the_squares_image(fig_id):
    fig = FIGURES[fig_id]()
    rows = _plane_rows(fig)
    n_planes = len(rows[0][1])
    assert len(rows) == 4 and all(len(faces) == n_planes for _, faces in rows)
    notes = [t.get_text() for t in fig.findobj(Text) if t.get_text().startswith(("\u00b1", "["))]
    assert len(notes) == n_planes  # one scale per layer, printed once for all rows
    for ax, faces in rows:
        outlines = [line for line in ax.lines if line.get_clip_path() is not None]
        assert len(outlines) == n_planes  # the square's image on every plane
        for line, face in zip(outlines, faces, strict=True):
            inside = face.get_path().contains_points(line.get_xydata(), radius=1e-6)
            inside |= face.get_path().contains_points(line.get_xydata(), radius=-1e-6)
            assert inside.all()  # inside the plane's extent, not cut off at its edge
            points = [c for c in ax.collections if c.get_offsets().shape[0] > 1]
            assert line.zorder > max(c.zorder for c in points if c.zorder < face.zorder + 2)
    plt.close(fig)


def test_remap_circles_draws_the_inner_region_through_the_outer_circle():
    regions = runs.circles_regions()
    fig = FIGURES["remap-circles"]()
    flat = next(ax for ax in fig.axes if ax.get_title().startswith("input plane"))
    (region,) = [c for c in flat.collections if isinstance(c, ContourSet)]
    paths = region.get_paths()
    leaked = regions.outer[regions.leaked]
    held = np.zeros(len(leaked), bool)
    for path in paths:
        held |= path.contains_points(leaked)
    assert regions.leak > 0 and held.mean() > 0.9  # the tint reaches over the leaked arcs
    called_outer = regions.outer[~regions.leaked][::50]
    held_outer = np.zeros(len(called_outer), bool)
    for path in paths:
        held_outer |= path.contains_points(called_outer)
    assert held_outer.mean() < 0.1
    plt.close(fig)
