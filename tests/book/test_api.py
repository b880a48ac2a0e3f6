"""The API reference lists every figure function, from the registry, with every parameter."""

import inspect

import pytest
from bs4 import BeautifulSoup

from nnfig import FIGURES
from nnfig.registry import CHAPTERS
from nnfig.sphinxext import names
from nnfig.sphinxext.api import api_id

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def api_page(built_book):
    path = built_book.html / "api.html"
    assert path.exists(), "the book has no API reference page"
    return BeautifulSoup(path.read_text(), "html.parser")


def _entry(page, fig_id):
    dt = page.find("dt", id=api_id(fig_id))
    assert dt is not None, f"{fig_id}: no entry {api_id(fig_id)} in api.html"
    return dt, dt.find_next_sibling("dd")


@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_api_documents_every_figure_function_and_each_of_its_parameters(api_page, fig_id):
    dt, dd = _entry(api_page, fig_id)
    fields = dd.find("dl", class_="field-list")
    sections = {
        t.get_text(strip=True).rstrip(":"): t.find_next_sibling("dd")
        for t in fields.find_all("dt", recursive=False)
    }
    params = list(inspect.signature(FIGURES[fig_id].func).parameters)
    if params:
        documented = [
            s.get_text(strip=True) for s in sections["Parameters"].select("dl > dt > strong")
        ]
        assert documented == params, fig_id
        signature = dt.get_text(" ", strip=True)
        assert all(p in signature for p in params)
    else:
        assert "Parameters" not in sections
    assert "matplotlib.figure.Figure" in sections["Returns"].get_text()
    gallery = dd.find("a", href=f"{names.GALLERY}/{names.stem(fig_id)}.html")
    assert gallery is not None, f"{fig_id}: no link to its gallery page"


def test_api_lists_the_figures_by_chapter_in_book_order(api_page):
    listed = []
    for chapter in CHAPTERS:
        section = api_page.find("section", id=f"api-{chapter}")
        assert section is not None, f"no section of chapter {chapter}"
        listed += [dt["id"] for dt in section.select("dl.py.function > dt")]
    assert listed == [api_id(i) for i in FIGURES]


def test_api_documents_the_registry_themes_and_saving(api_page):
    for name in [
        "nnfig.registry.FIGURES",
        "nnfig.registry.FigureEntry",
        "nnfig.registry.figure_data",
        "nnfig.registry.figure",
        "nnfig.draw.style.theme",
        "nnfig.draw.style.Palette",
        "nnfig.draw.save.save",
    ]:
        assert api_page.find("dt", id=name) is not None, name


def test_api_is_in_the_figures_and_sources_toctree(built_book):
    index = BeautifulSoup((built_book.html / "index.html").read_text(), "html.parser")
    assert index.select_one('nav a[href="api.html"], .toctree-wrapper a[href="api.html"]')
