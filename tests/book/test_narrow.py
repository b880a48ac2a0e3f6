"""Phones get each marked figure's narrow arrangement; wider screens the wide one.

A chapter page at 360×740 CSS px (two device pixels per CSS px) and at 1280 px,
in each theme: the image each figure shows, that it is shown at the proportions
of the file it shows, and that the hidden theme's images are never fetched.
"""

import pytest

from nnfig import FIGURES
from nnfig.sphinxext import names
from tests.book import test_browser
from tests.book.test_browser import THEMES, PageVisit

pytestmark = pytest.mark.browser

# The browser pages' fixtures: a local server of the built book and Debian's Chromium.
site, browser = test_browser.site, test_browser.browser

NARROW = {fig_id for fig_id, e in FIGURES.items() if "narrow" in e.layouts}
CHAPTERS_WITH_NARROW = sorted({FIGURES[fig_id].chapter for fig_id in NARROW})

#: Each chapter figure's visible image, loaded: the file it shows and its proportions.
#: Only the visible images are made eager: the hidden theme's stay lazy, never fetched.
SHOWN_JS = """async () => {
    const shown = [...document.images].filter(i => i.offsetParent !== null);
    for (const img of shown) img.loading = 'eager';
    await Promise.all(shown.map(i => i.decode().catch(() => null)));
    return [...document.querySelectorAll('figure.nnfig-figure')].map(f => {
        const img = [...f.querySelectorAll('img.nnfig-img')].find(i => i.offsetParent !== null);
        const box = img.getBoundingClientRect();
        return {id: f.id, file: img.currentSrc.split('/').pop(), width: box.width,
                shown: box.width / box.height, natural: img.naturalWidth / img.naturalHeight};
    });
}"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("size", "layout"), [((360, 740), "narrow"), ((1280, 900), "wide")])
@pytest.mark.parametrize("chapter", CHAPTERS_WITH_NARROW)
def test_phones_get_the_narrow_arrangement(site, browser, chapter, theme, size, layout):
    visit = PageVisit(browser, f"{site}/{chapter}.html", theme=theme, scale=2, size=size)
    page = visit.page
    try:
        shown = page.evaluate(SHOWN_JS)
        page.mouse.wheel(0, 20_000)  # every figure into view
        page.wait_for_timeout(500)
        # Everything the page fetched since it was opened, by file name.
        requested = page.evaluate(
            "() => performance.getEntriesByType('resource').map(e => e.name.split('/').pop())"
        )
        # Every figure of the chapter (its page may show them in another order).
        assert sorted(f["id"] for f in shown) == sorted(
            f"fig-{i}" for i, e in FIGURES.items() if e.chapter == chapter
        )
        for figure in shown:
            fig_id = figure["id"].removeprefix("fig-")
            arranged = layout if fig_id in NARROW else "wide"
            assert figure["file"] == names.image(fig_id, theme, 2, arranged), figure
            # The <source>'s width and height hold the narrow image's proportions.
            assert figure["shown"] == pytest.approx(figure["natural"], rel=0.02), figure
            assert figure["width"] <= size[0]
        (other,) = (t for t in THEMES if t != theme)
        hidden = {
            names.image(i, other, s, arranged)
            for i in FIGURES
            for s in (1, 2)
            for arranged in ("wide", "narrow")
            if arranged == "wide" or i in NARROW
        }
        assert not hidden & set(requested), sorted(hidden & set(requested))
        assert visit.foreign == [] and visit.failed == [] and visit.errors == []
    finally:
        visit.context.close()
