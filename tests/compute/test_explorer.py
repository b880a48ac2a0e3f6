"""The explorers' data: the figures' own runs, packed small and exact to half a pixel."""

import gzip
import json

import numpy as np
import pytest

from nnfig import FIGURES
from nnfig.compute import explorer, runs
from tests.util import ROOT

VIEWER = ROOT / "book" / "_static" / "nnfig-explorer.js"
#: The explorers of the book, with the run and the planes of their static figure.
EXPLORERS = {
    "remap-checkpoints": (runs.clouds_run, runs.CLOUDS),
    "remap-circles": (runs.circles_run, runs.CIRCLES),
}
#: Half a pixel on a plane drawn 400 px wide, in half-widths of the plane.
HALF_PIXEL = 0.5 / 200


@pytest.fixture(scope="module", params=list(EXPLORERS))
def explored(request):
    fig_id = request.param
    packed = FIGURES[fig_id].explorer()
    return fig_id, packed


def _halfwidths(packed) -> np.ndarray:
    return np.array([(p["high"] - p["low"]) / 2 for p in packed["planes"]])


def test_the_explorer_shows_at_least_50_checkpoints_of_its_figures_run(explored):
    fig_id, packed = explored
    figure_run, config = EXPLORERS[fig_id]
    assert len(packed["steps"]) >= 50
    assert packed["steps"] == list(runs.explorer_steps(config))
    assert set(config.checkpoints) <= set(packed["steps"])
    # At every step the static figure shows, the explorer shows the figure's own data.
    shown = figure_run()
    points = explorer.unpack(packed)
    for cp in shown.checkpoints:
        k = packed["steps"].index(cp.step)
        assert packed["loss"][k] == pytest.approx(cp.loss, rel=1e-3)
        assert packed["accuracy"][k] == pytest.approx(cp.accuracy, abs=1e-4)
        for p, plane in enumerate(packed["planes"]):
            error = np.abs(points[k][p] - cp.layers[plane["key"]]).max()
            assert error / _halfwidths(packed)[p] < HALF_PIXEL, (cp.step, plane["key"])
    assert packed["labels"] == shown.labels.tolist()


def test_every_point_is_within_half_a_pixel_of_the_run(explored):
    fig_id, packed = explored
    run = FIGURES[fig_id].explorer.data()
    points = explorer.unpack(packed)
    half = _halfwidths(packed)
    worst = max(
        np.abs(points[k][p] - cp.layers[plane["key"]]).max() / half[p]
        for k, cp in enumerate(run.checkpoints)
        for p, plane in enumerate(packed["planes"])
    )
    assert 0 < worst < HALF_PIXEL


def _distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance of each point to the nearest segment of ``line``."""
    a, b = line[:-1], line[1:]
    d = b - a
    lengths = np.maximum((d**2).sum(axis=1), 1e-30)
    t = np.clip(((points[:, None, :] - a) * d).sum(axis=2) / lengths, 0, 1)
    nearest = a + t[..., None] * d
    return np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)


def test_the_simplified_square_stays_within_half_a_pixel_and_is_small(explored):
    fig_id, packed = explored
    run = FIGURES[fig_id].explorer.data()
    outlines = explorer.unpack(packed, "square")
    half = _halfwidths(packed)
    kept = recorded = 0
    for k, cp in enumerate(run.checkpoints):
        for p, plane in enumerate(packed["planes"]):
            original = cp.square[plane["key"]]
            stray = _distance_to_polyline(original, outlines[k][p]).max() / half[p]
            assert stray < HALF_PIXEL, (cp.step, plane["key"])
            kept, recorded = kept + len(outlines[k][p]), recorded + len(original)
    assert kept < recorded / 10


def test_code_and_data_fit_500_kb_gzipped_and_the_viewer_is_small(explored):
    fig_id, packed = explored
    data = explorer.script(fig_id, packed).encode()
    viewer = VIEWER.read_bytes()
    assert len(viewer) < 25_000
    assert len(gzip.compress(data + viewer, 9)) <= 500_000


def test_the_data_script_is_the_same_bytes_every_time_and_valid_json(explored):
    fig_id, packed = explored
    text = explorer.script(fig_id, packed)
    assert text == explorer.script(fig_id, FIGURES[fig_id].explorer())
    call = text.splitlines()[1]
    prefix = f'{explorer.REGISTER}("{fig_id}",'
    assert call.startswith(prefix) and call.endswith(");")
    assert json.loads(call[len(prefix) : -2]) == packed
    assert text.isascii()


def test_quantised_coordinates_fit_int16_and_the_plane():
    extent = (-2.0, 2.0)
    pts = np.array([[-2.0, 2.0], [0.001, -1.0], [1.9, 0.0]])
    q = explorer.quantise(pts, extent)
    assert q == [-1024, 1024, 1, -512, 973, 0]


def test_simplify_keeps_the_corners_of_a_straight_sided_outline():
    from nnfig.compute.classifier import square_outline

    square = square_outline(1.0)
    simple = explorer.simplify(square, 1e-6)
    corners = {(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)}
    assert {tuple(p) for p in simple} == corners
    assert len(simple) == 5  # closed: back to its first point
    bent = square.copy()
    bent[30] += [0, 0.01]  # a kink larger than the tolerance survives
    assert len(explorer.simplify(bent, 0.001)) > 5
