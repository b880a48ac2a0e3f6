"""The book on a phone (360×740 CSS px, two device pixels per CSS px) and, for contrast, a desktop.

On a phone no block may be wider than the text column, margin notes become
full-width asides, figures open full size when tapped, and no page loads more
than the script budget. On a desktop the layout that was right stays: notes in
the margin, equation numbers beside their formulas.
"""

import pytest

from nnfig import FIGURES
from nnfig.registry import CHAPTERS
from nnfig.sphinxext import names
from tests.book.test_browser import PAGES, THEMES, PageVisit, browser, site  # noqa: F401

pytestmark = pytest.mark.browser

PHONE = (360, 740)
DESKTOP = (1280, 900)
#: Script a page may load before the reader does anything (the theme, search, copy buttons).
SCRIPT_BUDGET = 300 * 1024

#: Blocks that stick out of the text column, margin notes as fractions of the column.
LAYOUT_JS = """() => {
    const article = document.querySelector('.bd-article')  // the search page has no article
        || document.querySelector('.bd-article-container');
    const cs = getComputedStyle(article), box = article.getBoundingClientRect();
    const left = box.left + parseFloat(cs.paddingLeft);
    const right = box.right - parseFloat(cs.paddingRight);
    const blocks = 'div.math, figure, img, table, pre, p, li, dl, aside, div.margin, '
        + '.admonition, .cell_output, .sphx-glr-thumbcontainer, .nnfig-card, h1, h2, h3';
    const wide = [];
    for (const el of article.querySelectorAll(blocks)) {
        if (el.closest('mjx-assistive-mml') || getComputedStyle(el).display === 'none') continue;
        const b = el.getBoundingClientRect();
        if (!b.width) continue;
        // Code scrolls inside its own box; everything else must fit without scrolling.
        const overflows = el.tagName !== 'PRE' && el.scrollWidth > el.clientWidth + 1
            && getComputedStyle(el).display !== 'inline';
        if (b.left < left - 1 || b.right > right + 1 || overflows) {
            wide.push(`${el.tagName.toLowerCase()}.${el.className}: `
                + `${el.textContent.trim().slice(0, 40)} (${Math.round(b.width)} px)`);
        }
    }
    const notes = [...article.querySelectorAll('aside.margin, div.margin')]
        .map(m => m.getBoundingClientRect().width / (right - left));
    return {column: right - left, wide, notes,
            page_scrolls: document.documentElement.scrollWidth > innerWidth + 1};
}"""
SCRIPT_BYTES_JS = """() => performance.getEntriesByType('resource')
    .filter(e => e.initiatorType === 'script' || /\\.js(\\?|$)/.test(e.name))
    .reduce((total, e) => total + (e.decodedBodySize || 0), 0)"""


def _visit(browser, url, theme, size):  # noqa: F811
    visit = PageVisit(browser, url, theme=theme, scale=2 if size == PHONE else 1, size=size)
    visit.page.wait_for_load_state("networkidle")
    return visit


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("page_name", PAGES)
def test_page_fits_a_phone(site, browser, page_name, theme):  # noqa: F811
    visit = _visit(browser, f"{site}/{page_name}.html", theme, PHONE)
    try:
        layout = visit.page.evaluate(LAYOUT_JS)
        assert layout["column"] > 300, layout["column"]
        assert layout["wide"] == [], "wider than the column:\n" + "\n".join(layout["wide"])
        assert not layout["page_scrolls"], "the page scrolls sideways"
        narrow = [f"{n:.0%}" for n in layout["notes"] if n < 0.6]
        assert narrow == [], f"margin notes narrower than 60 % of the column: {narrow}"
        script = visit.page.evaluate(SCRIPT_BYTES_JS)
        assert 0 < script <= SCRIPT_BUDGET, f"{script / 1024:.0f} kB of script"
        assert visit.foreign == [] and visit.failed == [] and visit.errors == []
    finally:
        visit.context.close()


def test_the_budget_counts_what_a_page_loads(site, browser):  # noqa: F811
    """The measure sees the theme's scripts, so a page over budget would fail."""
    visit = _visit(browser, f"{site}/perceptrons.html", "light", PHONE)
    try:
        loaded = visit.page.evaluate(
            "() => performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert any("pydata-sphinx-theme.js" in u for u in loaded)
        assert not any("fontawesome.js" in u or "mathjax" in u.lower() for u in loaded), loaded
    finally:
        visit.context.close()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_desktop_keeps_notes_in_the_margin_and_numbers_beside_formulas(site, browser, chapter):  # noqa: F811
    visit = _visit(browser, f"{site}/{chapter}.html", "light", DESKTOP)
    try:
        placed = visit.page.evaluate(
            """() => {
            const text = document.querySelector('article.bd-article section p')
                .getBoundingClientRect();
            const notes = [...document.querySelectorAll('aside.margin')].map(m => {
                const b = m.getBoundingClientRect(); return b.left >= text.right - 1; });
            const numbers = [...document.querySelectorAll('div.math')]
                .filter(d => d.querySelector('.eqno')).map(d => {
                const n = d.querySelector('.eqno').getBoundingClientRect();
                const f = d.querySelector('mjx-container > svg').getBoundingClientRect();
                return n.left > f.right && n.top < f.bottom && n.bottom > f.top; });
            return {notes, numbers};
        }"""
        )
        assert all(placed["notes"]), f"margin notes inside the text column: {placed['notes']}"
        assert all(placed["numbers"]), f"equation numbers off their line: {placed['numbers']}"
        assert placed["notes"] or placed["numbers"], "nothing to check on this page"
    finally:
        visit.context.close()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_phone_keeps_equation_numbers_clear_of_their_formulas(site, browser, chapter):  # noqa: F811
    """Right of the formula where both fit, under it where they do not; nowhere else."""
    visit = _visit(browser, f"{site}/{chapter}.html", "light", PHONE)
    try:
        places = visit.page.evaluate(
            """() => [...document.querySelectorAll('div.math')]
            .filter(d => d.querySelector('.eqno')).map(d => {
                const n = d.querySelector('.eqno').getBoundingClientRect();
                const f = d.querySelector('mjx-container > svg').getBoundingClientRect();
                if (n.top >= f.bottom - 1) return 'under';
                if (n.left >= f.right && n.top < f.bottom && n.bottom > f.top) return 'beside';
                return 'elsewhere';
            })"""
        )
        assert places and set(places) <= {"under", "beside"}, places
        if chapter == "perceptrons":  # short formulas and one as wide as the column
            assert set(places) == {"under", "beside"}, places
    finally:
        visit.context.close()


@pytest.mark.parametrize("theme", THEMES)
def test_a_tapped_figure_opens_full_size_in_its_theme(site, browser, theme):  # noqa: F811
    visit = _visit(browser, f"{site}/layers.html", theme, PHONE)
    page = visit.page
    try:
        links = page.evaluate(
            """() => [...document.querySelectorAll('a.nnfig-zoom')]
            .filter(a => getComputedStyle(a).display !== 'none')
            .map(a => a.getAttribute('href'))"""
        )
        layer_figures = [i for i, entry in FIGURES.items() if entry.chapter == "layers"]
        expected = {f"_images/{names.image(i, theme, 2)}" for i in layer_figures}
        assert sorted(links) == sorted(expected)
        first = page.locator("a.nnfig-zoom:visible").first
        first.scroll_into_view_if_needed()
        with page.expect_navigation():
            first.click()
        assert page.url.endswith(f"_{'' if theme == 'light' else 'dark_'}2x.png")
        assert page.evaluate("document.images[0].naturalWidth") > 360
    finally:
        visit.context.close()


def test_glued_numbers_read_like_the_text_around_them(site, browser):  # noqa: F811
    visit = _visit(browser, f"{site}/perceptrons.html", "light", PHONE)
    try:
        weights = visit.page.evaluate(
            """() => [...document.querySelectorAll('p span.pasted-text')].map(s =>
                [getComputedStyle(s).fontWeight, getComputedStyle(s.parentElement).fontWeight])"""
        )
        assert weights and all(a == b for a, b in weights), weights
    finally:
        visit.context.close()
