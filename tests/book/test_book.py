"""The book builds from clean under -W, shows the figures nnfig draws, and fails loudly."""

import ast
import html
import re
import shutil

import numpy as np
import pytest
from bs4 import BeautifulSoup

from nnfig import FIGURES
from nnfig.compute import small_net
from nnfig.compute.tex import matrix_tex
from nnfig.draw.style import SCALES, THEMES
from nnfig.registry import CHAPTERS
from nnfig.sphinxext import names
from tests.compute.test_small_net import linear_coefficients
from tests.util import ROOT, png_bytes, sphinx_build

pytestmark = pytest.mark.build


def test_build_succeeds_under_W(built_book):
    assert built_book.result.returncode == 0, built_book.result.stdout[-4000:]
    assert (built_book.html / "index.html").exists()


@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_gallery_images_are_the_cli_renderings(built_book, fig_id):
    """Same bytes as `nnfig render` in each theme and scale: the book shows what the code draws."""
    images = built_book.html / "_images"
    for theme_name in THEMES:
        for scale in SCALES:
            built = (images / names.image(fig_id, theme_name, scale)).read_bytes()
            expected = png_bytes(fig_id, theme_name=theme_name, scale=scale)
            assert built == expected, (theme_name, scale)


@pytest.mark.parametrize("fig_id", [i for i, e in FIGURES.items() if "narrow" in e.layouts])
def test_narrow_images_are_the_cli_renderings(built_book, fig_id):
    images = built_book.html / "_images"
    for theme_name in THEMES:
        for scale in SCALES:
            built = (images / names.image(fig_id, theme_name, scale, "narrow")).read_bytes()
            expected = png_bytes(fig_id, theme_name=theme_name, scale=scale, layout="narrow")
            assert built == expected, (theme_name, scale)


@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_narrow_screens_get_a_picture_source_of_exactly_the_marked_figures(built_book, fig_id):
    from PIL import Image

    from nnfig.sphinxext.images import NARROW_SCREEN

    entry = FIGURES[fig_id]
    page = (built_book.html / f"{entry.chapter}.html").read_text()
    figure = re.search(rf'<figure[^>]*id="fig-{fig_id}".*?</figure>', page, re.S).group(0)
    sources = re.findall(r"<source [^>]*>", figure)
    if "narrow" not in entry.layouts:
        assert sources == [] and "<picture>" not in figure
        return
    assert len(sources) == len(THEMES)
    for name, source in zip(THEMES, sources, strict=True):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', source))
        one, two = (f"_images/{names.image(fig_id, name, s, 'narrow')}" for s in SCALES)
        assert attrs["media"] == NARROW_SCREEN
        assert attrs["srcset"] == f"{one} 1x, {two} 2x"
        size = Image.open(built_book.html / one).size
        assert (int(attrs["width"]), int(attrs["height"])) == size
    # Each theme: the zoom link, then the picture, its narrow source before the wide <img>.
    for name in THEMES:
        assert re.search(
            rf'<a class="nnfig-zoom only-{name}"[^>]*><picture><source [^>]*narrow[^>]*>'
            rf"<img [^>]*only-{name}[^>]*></picture></a>",
            figure,
        ), name


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _themed_images(fragment: str) -> dict[str, dict[str, str]]:
    """The attributes of each themed <img> in an HTML fragment, by theme."""
    found = {}
    for tag in re.findall(r"<img [^>]*>", fragment):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        for name in ("light", "dark"):
            if f"only-{name}" in attrs.get("class", "").split():
                found[name] = attrs
    return found


@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_chapter_shows_figure_in_both_themes_with_number_caption_and_code_link(built_book, fig_id):
    entry = FIGURES[fig_id]
    page = (built_book.html / f"{entry.chapter}.html").read_text()
    figure = re.search(rf'<figure[^>]*id="fig-{fig_id}".*?</figure>', page, re.S)
    assert figure, f"fig-{fig_id} is not a figure on its chapter page"
    images = _themed_images(figure.group(0))
    assert set(images) == {"light", "dark"}
    for name in THEMES:
        img = images[name]
        one, two = (f"_images/{names.image(fig_id, name, scale)}" for scale in SCALES)
        assert img["src"] == one
        assert img["srcset"] == f"{one} 1x, {two} 2x"
        assert html.unescape(img["alt"]) == entry.alt
        assert img["loading"] == "lazy"  # the other theme's image is never fetched
        assert int(img["width"]) > 0 and int(img["height"]) > 0
    number = CHAPTERS.index(entry.chapter) + 1
    assert re.search(rf'<span class="caption-number">Figure {number}\.\d+ </span>', figure.group(0))
    assert f'href="gallery/{names.stem(fig_id)}.html"' in figure.group(0)
    # One link to the code; the command that regenerates the figure is on that page.
    assert f"python -m nnfig render {fig_id}" not in _text(figure.group(0))
    assert f'href="#fig-{fig_id}"' in page  # referenced from the text


@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_gallery_page_links_back_to_its_chapter_figure(built_book, fig_id):
    entry = FIGURES[fig_id]
    page = (built_book.html / "gallery" / f"{names.stem(fig_id)}.html").read_text()
    assert set(_themed_images(page)) == {"light", "dark"}
    assert f'href="../{entry.chapter}.html#fig-{fig_id}"' in page
    assert f"python -m nnfig render {fig_id}" in _text(page)


def test_gallery_index_groups_figures_by_chapter_in_book_order(built_book):
    page = (built_book.html / "gallery" / "index.html").read_text()
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    # Chapter headings and figure links, in the order the page shows them.
    shown, chapter = [], -1
    for item in re.finditer(r'<h2>(\d+)\. |href="(plot_\w+)\.html"', article):
        if item.group(1):
            chapter = int(item.group(1)) - 1
        else:
            shown.append((CHAPTERS[chapter], item.group(2)))
    expected = [(e.chapter, names.stem(e.id)) for e in FIGURES.values()]
    assert shown == expected
    thumbs = _themed_images(article)
    assert set(thumbs) == {"light", "dark"} and thumbs["dark"]["src"].endswith(
        names.thumbnail(list(FIGURES)[-1], "dark")  # the last card's
    )


@pytest.mark.parametrize(
    ("chapter", "referenced"),
    [
        ("layers", "eq-softmax"),
        ("perceptrons", "eq-perceptron-rule"),
        ("mlp", "eq-deep-net"),
        ("distributions", "eq-classifier-y"),
    ],
)
def test_equations_are_numbered_and_referenced(built_book, chapter, referenced):
    page = (built_book.html / f"{chapter}.html").read_text()
    number = CHAPTERS.index(chapter) + 1
    numbers = re.findall(r'<span class="eqno">\(([\d.]+)\)', page)
    assert len(numbers) >= 4
    assert numbers == [f"{number}.{i}" for i in range(1, len(numbers) + 1)]
    assert f'href="#equation-{referenced}"' in page


def test_printed_small_net_is_the_used_one(built_book):
    """The matrices and equations on the MLP page are the arrays of nnfig.compute.small_net."""
    page = html.unescape((built_book.html / "mlp.html").read_text())
    assert matrix_tex(small_net.W1) in page
    assert matrix_tex(small_net.W2) in page
    for name, row in (("z_1", small_net.W1[0]), ("z_2", small_net.W1[1])):
        rhs = re.search(rf"{name} = ([^,&\\]+)", page).group(1)
        coeffs = linear_coefficients(rhs)
        np.testing.assert_array_equal([coeffs.get("x_1", 0), coeffs.get("x_2", 0)], row)
    rhs = re.search(r"z_3 = ([^,&\\]+)", page).group(1)
    coeffs = linear_coefficients(rhs)
    np.testing.assert_array_equal([coeffs["h_1"], coeffs["h_2"]], small_net.W2[0])


def test_torch_cell_prints_the_figure_numbers(built_book):
    """The code cell of the tensors chapter (torch) prints what batch-tensors draws (numpy)."""
    page = html.unescape(re.sub(r"<[^>]+>", "", (built_book.html / "tensors.html").read_text()))
    expected = FIGURES["batch-tensors"].data()
    for name in ("X", "Z", "H", "Z3", "Y"):
        line = re.search(rf"^\s*{name} \((\d+), (\d+)\): (\[.*\])$", page, re.M)
        assert line, f"{name} is not printed on the tensors page"
        shape = (int(line.group(1)), int(line.group(2)))
        values = np.array(ast.literal_eval(line.group(3)))
        assert shape == expected[name].shape
        np.testing.assert_allclose(values, expected[name])


def test_bibliography_cites_batch_norm(built_book):
    refs = (built_book.html / "references.html").read_text()
    assert "batch normalization: accelerating" in refs.lower() and "Ioffe" in refs
    assert 'href="references.html#id' in (built_book.html / "layers.html").read_text()


def test_math_is_typeset_when_the_book_is_built(built_book):
    for page in built_book.html.rglob("*.html"):
        text = page.read_text()
        assert "cdn.jsdelivr" not in text and "googleapis" not in text, page.name
        assert not re.search(r"<script[^>]*(mathjax|tex-\w+\.js)", text, re.I), page.name
        # Every formula arrives as SVG with MathML beside it: no TeX left for a script.
        for formula in BeautifulSoup(text, "html.parser").select(".math"):
            assert formula.select_one("mjx-container > svg"), (page.name, formula.text)
            assert formula.select_one("mjx-assistive-mml > math"), (page.name, formula.text)
    assert not (built_book.html / "_static" / "mathjax").exists()
    assert (built_book.html / "_static" / "nnfig-math.css").exists()
    chapter = (built_book.html / "perceptrons.html").read_text()
    assert chapter.count("<mjx-container") > 50


def test_every_figure_links_to_its_full_size_image(built_book):
    for fig_id, entry in FIGURES.items():
        page = (built_book.html / f"{entry.chapter}.html").read_text()
        for theme in ("light", "dark"):
            href = f"_images/{names.image(fig_id, theme, 2)}"
            assert f'<a class="nnfig-zoom only-{theme}" href="{href}"' in page, (fig_id, theme)
            assert (built_book.html / href).exists()


def test_every_figure_equation_and_citation_of_a_page_has_its_preview(built_book):
    """The previews' records (parsed from fragments of each page) miss no target of the page."""
    import json

    records = built_book.html.parent / "doctrees" / "previews"
    checked = 0
    for path in sorted(built_book.html.rglob("*.html")):
        article = BeautifulSoup(path.read_text(), "html.parser").select_one("article.bd-article")
        if article is None:
            continue
        page = path.relative_to(built_book.html).with_suffix("").as_posix()
        ids = {e["id"] for e in article.select("figure[id], div.math[id], div.citation[id]")}
        record = json.loads((records / f"{page}.json").read_text())
        assert ids <= set(record["targets"]), (page, sorted(ids - set(record["targets"])))
        checked += len(ids)
    assert checked > len(FIGURES)  # the figures, and numbered equations and references


def test_chapter_cells_ran_while_the_gallery_drew_and_once(built_book):
    """nnfig.sphinxext.pages ran each chapter before reading; myst-nb then ran none again."""
    out = built_book.result.stdout
    for chapter in CHAPTERS:
        assert f"nnfig: ran the cells of {chapter} before reading it" in out
        assert f"{chapter}.md: Using cached notebook" in out
    assert "Executing notebook" not in out


def test_broken_figure_fails_the_build_and_names_it(tmp_path):
    shutil.copytree(ROOT / "book", tmp_path / "book", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(ROOT / "figures", tmp_path / "figures")
    (tmp_path / "figures" / "plot_broken_demo.py").write_text(
        '"""\nBroken\n======\n\nA figure whose code raises.\n"""\n\n'
        'raise RuntimeError("this figure is broken on purpose")\n'
    )
    result = sphinx_build(tmp_path / "book", tmp_path / "book" / "_build" / "html")
    assert result.returncode != 0
    assert "plot_broken_demo.py" in result.stdout
    assert "this figure is broken on purpose" in result.stdout


@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_gallery_page_lists_the_figure_code_and_links_its_call(built_book, fig_id):
    from nnfig.sphinxext.source import LISTING, listings

    path = built_book.html / "gallery" / f"{names.stem(fig_id)}.html"
    page = BeautifulSoup(path.read_text(), "html.parser")
    shown = [div.pre.get_text().rstrip("\n") for div in page.select(f"div.{LISTING}")]
    assert shown == [code.rstrip("\n") for _, code in listings(fig_id)]
    assert all(div.select("pre span.n") for div in page.select(f"div.{LISTING}"))  # highlighted
    # The script's call of the figure function links to the function's API entry.
    func = FIGURES[fig_id].func
    assert page.select(f'a.reference[href="../api.html#{func.__module__}.{func.__name__}"]')


def test_figure_notebook_carries_its_code_and_runs_in_a_fresh_kernel(built_book):
    import json

    import nbformat
    from nbclient import NotebookClient

    from nnfig.sphinxext.source import listings

    fig_id = "relu-volume"
    (path,) = built_book.html.glob(f"_downloads/*/{names.stem(fig_id)}.ipynb")
    notebook = nbformat.reads(path.read_text(), as_version=4)
    text = json.dumps(notebook)
    for title, code in listings(fig_id):
        assert json.dumps(code)[1:-1] in text, title
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]


def test_downloaded_archives_carry_the_notebooks_with_their_code(built_book):
    import zipfile

    stem = names.stem("relu-volume")
    archives = [*built_book.html.glob(f"_downloads/*/{stem}.zip")]
    assert len(archives) == 1
    for path in archives:
        with zipfile.ZipFile(path) as archive:
            notebook = archive.read(f"{stem}.ipynb").decode()
            assert "The code behind this figure" in notebook, path.name
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
