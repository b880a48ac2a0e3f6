"""The print edition (`make pdf`): the whole book, numbered as on the web.

The PDF is printed from a single-page build of the same sources as the web
book (``built_book``), and read back with pypdf: its pages, figures and
equation numbers must be the web book's.
"""

import re
import unicodedata
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from nnfig import FIGURES
from nnfig.registry import CHAPTERS
from nnfig.sphinxext import pdf
from tests.util import sphinx_build

pytestmark = pytest.mark.build


def plain(text: str) -> str:
    """Text as compared here: ligatures (ﬁ) undone, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def printed(built_book):
    source = built_book.html.parent.parent  # the copy of book/ that built_book built
    out = source / "_build" / "pdf"
    result = sphinx_build(source, out, builder="singlehtml", tags=(pdf.TAG,))
    if result.returncode != 0:
        pytest.fail(f"the print edition failed:\n{result.stdout[-6000:]}")
    reader = PdfReader(out / pdf.PDF_NAME)
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    return SimpleNamespace(out=out, reader=reader, pages=pages, text=plain(" ".join(pages)))


@pytest.fixture(scope="module")
def web(built_book):
    """The web book's chapters: title, figure numbers with their captions' first words,
    equation numbers."""
    chapters = {}
    for name in CHAPTERS:
        soup = BeautifulSoup((built_book.html / f"{name}.html").read_text(), "html.parser")
        for link in soup.select(".headerlink"):
            link.decompose()
        figures = {
            plain(figure.select_one(".caption-number").get_text()): opening(
                figure.select_one(".caption-text")
            )
            for figure in soup.select("article figure.nnfig-figure")
        }
        chapters[name] = SimpleNamespace(
            title=plain(soup.select_one("article h1").get_text()),
            figures=figures,
            equations={plain(e.get_text()) for e in soup.select("article span.eqno")},
            solutions=[passage(d.p) for d in soup.select("details .sd-summary-content")],
        )
    return chapters


def runs_of_words(element) -> list[list[str]]:
    """An element's words, in runs between its formulas (which print as drawings, not text)."""
    copy = BeautifulSoup(str(element), "html.parser")
    for math in copy.select(".math"):
        math.replace_with("\0")
    return [plain(run).split() for run in copy.get_text().split("\0")]


def opening(element, n: int = 5) -> str:
    """The first ``n`` words of an element's text, up to its first formula."""
    return " ".join(runs_of_words(element)[0][:n])


def passage(element, n: int = 5) -> str:
    """``n`` words from the first run of at least four words between formulas."""
    return " ".join(next((r for r in runs_of_words(element) if len(r) >= 4), [])[:n])


def outline(reader) -> list[tuple[str, int]]:
    entries = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((plain(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return entries


def test_every_page_carries_its_number(printed):
    numbers = [page.strip().splitlines()[-1] for page in printed.pages]
    assert numbers == [str(n) for n in range(1, len(printed.pages) + 1)]


def test_each_chapter_starts_a_page_that_contents_and_outline_agree_on(printed, web):
    bookmarks = dict(outline(printed.reader))
    contents = plain(" ".join(printed.pages[1].strip().splitlines()[:-1]))  # less the footer
    assert contents.startswith("Contents")
    starts = []
    for chapter in web.values():
        page = bookmarks[chapter.title]  # a bookmark per chapter, titled as on the web
        first_line = plain(printed.pages[page - 1].strip().splitlines()[0])
        assert first_line == chapter.title, f"{chapter.title} does not open page {page}"
        assert f"{chapter.title} {page}" in contents, f"contents: {chapter.title} on p. {page}?"
        starts.append(page)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    # The contents list the sections in book order, each at its own page.
    listed = [int(n) for n in re.findall(r" (\d+)(?= |$)", contents.removeprefix("Contents"))]
    assert listed == sorted(listed), f"contents out of order: {listed}"
    assert plain(printed.pages[0]).startswith("Neural nets, figure by figure")  # the title page
    assert len(printed.pages) > starts[-1]  # the last chapter, then the references
    assert "References" in bookmarks and bookmarks["References"] > starts[-1]


def test_every_figure_is_printed_with_its_number_and_caption(printed, web):
    printed_figures = 0
    for chapter in web.values():
        for number, words in chapter.figures.items():
            assert f"{number} {words}" in printed.text, f"{number} ({words}…) is not printed"
            printed_figures += 1
    assert printed_figures == len(FIGURES)


def test_exercises_are_printed_with_their_solutions_shown(printed, web):
    for chapter in web.values():
        assert len(chapter.solutions) >= 3, f"{chapter.title}: exercises on the web?"
        for words in chapter.solutions:
            assert words and words in printed.text, f"solution not printed: {words}…"


def test_figures_are_vectors(printed):
    svgs = sorted(p.stem for p in (printed.out / pdf.VECTOR_DIR).glob("*.svg"))
    assert svgs == sorted(FIGURES)
    # A figure printed from its PNG would be one picture at least; only pixels that
    # matplotlib itself draws as images (heat maps, photographs) are pictures in the PDF.
    pictures = sum(len(page.images) for page in printed.reader.pages)
    assert pictures < len(FIGURES)


def test_every_equation_number_is_printed(printed, web):
    numbers = set(re.findall(r"\(\d+\.\d+\)", printed.text))
    for chapter in web.values():
        assert chapter.equations, f"{chapter.title}: no numbered equations found on the web"
        assert chapter.equations <= numbers, f"not printed: {chapter.equations - numbers}"


def test_the_print_has_no_web_chrome(printed):
    for web_only in ("code and notebook", "Figure gallery", "Back to top", "Ctrl+K"):
        assert web_only not in printed.text
