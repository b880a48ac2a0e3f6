"""The registry, its gallery scripts, and every figure function."""

import inspect
import pickle
import re

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from nnfig import FIGURES
from nnfig.draw.style import DARK, theme
from nnfig.sphinxext import names
from tests.util import (
    ROOT,
    png_bytes,
)

IDS = list(FIGURES)


def test_registry_ids_are_kebab_case_and_titled():
    assert IDS, "no figure is registered"
    for fig_id, entry in FIGURES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", fig_id)
        assert entry.id == fig_id and entry.title and entry.description


def test_figure_data_is_what_the_figure_draws():
    from nnfig import figure_data

    entry = FIGURES["perceptron-learning"]
    assert _same(figure_data("perceptron-learning"), entry.data())
    assert _same(figure_data("perceptron-learning", seed=3), entry.data(seed=3))
    assert not _same(figure_data("perceptron-learning", seed=3), entry.data())
    with pytest.raises(ValueError, match="fig_id"):
        figure_data("no-such-figure")
    with pytest.raises(ValueError, match="fig_id 'perceptron-diagram' is a diagram"):
        figure_data("perceptron-diagram")
    with pytest.raises(ValueError, match="seed"):  # the compute function's own checks
        figure_data("perceptron-learning", seed=-1)


def _same(a, b) -> bool:
    return pickle.dumps(a) == pickle.dumps(b)  # every field, arrays included


@pytest.mark.parametrize("fig_id", IDS)
def test_figure_has_a_gallery_script_that_calls_it(fig_id):
    entry = FIGURES[fig_id]
    script = ROOT / "figures" / names.script(fig_id)
    assert script.exists(), f"missing gallery script {script.name}"
    text = script.read_text()
    func = entry.func
    assert f"from {func.__module__} import {func.__name__}" in text


def test_every_gallery_script_belongs_to_a_figure():
    scripts = {p.name for p in (ROOT / "figures").glob("plot_*.py")}
    assert scripts == {names.script(fig_id) for fig_id in FIGURES}


@pytest.mark.parametrize("fig_id", IDS)
def test_figure_is_embedded_in_its_chapter(fig_id):
    entry = FIGURES[fig_id]
    chapter = (ROOT / "book" / f"{entry.chapter}.md").read_text()
    assert f"```{{nnfig-figure}} {fig_id}\n" in chapter
    assert f"{{numref}}`fig-{fig_id}`" in chapter, "the chapter never refers to the figure"


@pytest.mark.parametrize("fig_id", IDS)
def test_figure_function_signature(fig_id):
    params = inspect.signature(FIGURES[fig_id].func).parameters.values()
    for p in params:
        assert p.kind is p.KEYWORD_ONLY, f"{p.name} must be keyword-only"
        assert p.default is not p.empty, f"{p.name} needs a default (the book's figure)"


@pytest.mark.parametrize("fig_id", IDS)
def test_figure_renders_identically_twice(fig_id):
    fig = FIGURES[fig_id]()
    assert isinstance(fig, Figure)
    assert fig.get_size_inches()[0] <= 7.2 + 1e-9, "wider than the text column"
    first, second = png_bytes(fig_id), png_bytes(fig_id)
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == second
    assert b"Software" not in first  # no matplotlib version in the file


@pytest.mark.parametrize("fig_id", IDS)
def test_dark_figure_differs_and_renders_identically_twice(fig_id):
    first, second = png_bytes(fig_id, theme_name="dark"), png_bytes(fig_id, theme_name="dark")
    assert first == second
    assert first != png_bytes(fig_id), "the dark theme changed nothing"


@pytest.mark.parametrize("fig_id", IDS)
def test_dark_figure_is_drawn_on_the_dark_paper(fig_id):
    with theme("dark"):
        fig = FIGURES[fig_id]()
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    paper = (np.array(to_rgb(DARK.paper)) * 255).round()
    # The corner is background in every figure, and most of the figure is paper.
    assert np.abs(pixels[2, 2] - paper).max() <= 1
    assert (np.abs(pixels - paper).max(axis=-1) <= 1).mean() > 0.3


@pytest.mark.parametrize("fig_id", IDS)
def test_figure_leaves_rcparams_alone(fig_id):
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    FIGURES[fig_id]()
    assert dict(mpl.rcParams) == before


def _bad_values(default):
    if isinstance(default, int):
        return [-1, 2.5, "3", True, None]
    if isinstance(default, float):
        return [float("nan"), "1", None]
    if isinstance(default, tuple):
        return [(), "ab", (float("nan"),) * len(default), 3, None]
    if isinstance(default, str):  # a figure's layout
        return ["", "Wide", "phone", 1, None]
    raise AssertionError(f"no bad values known for {default!r}")


def _bad_calls():
    for fig_id, entry in FIGURES.items():
        for p in inspect.signature(entry.func).parameters.values():
            for value in _bad_values(p.default):
                yield pytest.param(fig_id, p.name, value, id=f"{fig_id}-{p.name}={value!r}")


@pytest.mark.parametrize(("fig_id", "name", "value"), list(_bad_calls()))
def test_bad_argument_raises_naming_the_parameter(fig_id, name, value):
    with pytest.raises((TypeError, ValueError), match=re.escape(name)):
        FIGURES[fig_id](**{name: value})


@pytest.mark.parametrize("fig_id", IDS)
def test_positional_arguments_are_refused(fig_id):
    with pytest.raises(TypeError):
        FIGURES[fig_id].func(0)


def test_seed_changes_the_picture():
    assert png_bytes("batchnorm", seed=1) != png_bytes("batchnorm", seed=2)


#: The figures with a narrow arrangement for phones: the multi-panel ones whose text is
#: under 9 CSS px when their wide image is shrunk into a 360 px screen's column.
NARROW = {
    "perceptron-learning",
    "two-layer-net-values",
    "softmax-temperature",
    "image-output",
    "batch-tensors",
    "mapping-1d-layers",
    "mapping-2d-layers",
    "relu-volume",
    "tsne-layers",
}


def test_exactly_the_marked_figures_have_a_narrow_arrangement():
    marked = {fig_id for fig_id, e in FIGURES.items() if e.layouts == ("wide", "narrow")}
    assert marked == NARROW
    assert all(e.layouts == ("wide",) for fig_id, e in FIGURES.items() if fig_id not in NARROW)
    for fig_id in NARROW:  # the public function takes it, keyword-only, wide by default
        p = inspect.signature(FIGURES[fig_id].func).parameters["layout"]
        assert p.kind is p.KEYWORD_ONLY and p.default == "wide"


@pytest.mark.parametrize("fig_id", sorted(NARROW))
def test_narrow_arrangement_is_the_same_bytes_every_time(fig_id):
    for theme_name in ("light", "dark"):
        first = png_bytes(fig_id, theme_name=theme_name, scale=2, layout="narrow")
        assert first == png_bytes(fig_id, theme_name=theme_name, scale=2, layout="narrow")
        assert first != png_bytes(fig_id, theme_name=theme_name, scale=2)  # not the wide one


@pytest.mark.parametrize("bad", ["Narrow", ["narrow"], ("wide",)])
def test_a_bad_layout_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="layout"):
        FIGURES["perceptron-learning"](layout=bad)


def test_a_figure_without_a_narrow_arrangement_refuses_one():
    with pytest.raises(TypeError, match="layout"):
        FIGURES["activations"](layout="narrow")
    with pytest.raises(ValueError, match="layout"):
        FIGURES["perceptron-learning"].redraw(FIGURES["perceptron-learning"].data(), "tall")


def test_the_narrow_arrangement_is_recorded_for_the_scraper():
    from nnfig.registry import made

    fig = FIGURES["relu-volume"](layout="narrow")
    assert made(fig).layout == "narrow"
    assert made(FIGURES["relu-volume"]()).layout == "wide"
