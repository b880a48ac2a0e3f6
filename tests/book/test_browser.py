"""Every page of the built book in a real browser (Debian's Chromium via Playwright).

No page may show a broken image, leave math untypeset, log a console error,
fail a request, or ask any host but the local server for anything.
"""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from nnfig import FIGURES
from nnfig.registry import CHAPTERS
from nnfig.sphinxext import names
from tests.util import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "book" / "_build" / "screenshots"
THEMES = ("light", "dark")
#: axe-core impacts that fail the audit (moderate and minor ones are reported, not failed).
BLOCKING = {"serious", "critical"}
PAGES = [
    "index",
    *CHAPTERS,
    "references",
    "api",
    "gallery/index",
    *(f"gallery/{names.stem(fig_id)}" for fig_id in FIGURES),
    "search",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book.html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_every_built_page_is_checked(built_book):
    built = {
        p.relative_to(built_book.html).with_suffix("").as_posix()
        for p in built_book.html.rglob("*.html")
        if not p.relative_to(built_book.html).parts[0].startswith("_")
    }
    assert built == set(PAGES)


class PageVisit:
    """Open one page in a theme, recording console errors, failed and foreign requests."""

    def __init__(self, browser, url, *, theme="light", scale=1, size=(1280, 900)):
        self.errors, self.foreign, self.failed = [], [], []
        self.context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale
        )
        self.context.route("**/*", self._route)
        # The theme's switch stores the reader's choice here; a new visit starts in it.
        self.context.add_init_script(
            f"localStorage.setItem('mode', '{theme}'); localStorage.setItem('theme', '{theme}');"
        )
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda req: self.failed.append(req.url))
        self.page.on("response", self._response)
        self.page.goto(url, wait_until="load", timeout=30_000)

    def _route(self, route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append(msg.text)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")


#: Each formula's SVG and MathML; glyphs its SVG uses that no element on the page defines.
MATH_JS = """() => {
    const formulas = [...document.querySelectorAll('.math')];
    const untypeset = formulas.filter(m => !m.querySelector('mjx-container > svg')
        || !m.querySelector('mjx-assistive-mml > math')).map(m => m.textContent.slice(0, 40));
    const missing = new Set();
    for (const use of document.querySelectorAll('.math use')) {
        const id = (use.getAttribute('xlink:href') || use.getAttribute('href')).slice(1);
        if (!document.getElementById(id)) missing.add(id);
    }
    const errors = document.querySelectorAll('.math [data-mjx-error], .math merror').length;
    return {untypeset, missing_glyphs: [...missing], errors};
}"""


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("page_name", PAGES)
def test_page_in_browser(site, browser, axe, page_name, theme):
    visit = PageVisit(browser, f"{site}/{page_name}.html", theme=theme)
    page = visit.page
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == theme

        # Alt text: every image says what it shows.
        no_alt = page.evaluate(
            "() => [...document.images].filter(i => !(i.alt || '').trim()).map(i => i.src)"
        )
        assert no_alt == [], f"images without alt text: {no_alt}"

        # Images: every <img> decodes to real pixels.
        broken = page.evaluate(
            """async () => {
                const imgs = [...document.images];
                for (const img of imgs) { img.loading = "eager"; }
                await Promise.all(imgs.map(img => img.decode().catch(() => null)));
                return imgs.filter(img => !(img.naturalWidth > 0)).map(img => img.src);
            }"""
        )
        assert broken == [], f"broken images: {broken}"

        # Math: typeset when the book was built, every glyph drawn, MathML for screen readers.
        math = page.evaluate(MATH_JS)
        assert math["untypeset"] == [], f"formulas without SVG or MathML: {math['untypeset']}"
        assert math["errors"] == 0, "MathJax reported a TeX error"
        assert math["missing_glyphs"] == [], f"glyphs not on the page: {math['missing_glyphs']}"
        text = page.locator("article").inner_text() if page.locator("article").count() else ""
        for raw in ("$$", "\\[", "\\(", "\\begin{"):
            assert raw not in text, f"untypeset math ({raw}) on {page_name}"

        # Accessibility: axe-core finds nothing serious or critical.
        # No preloading: axe would fetch the theme's @import-ed CSS from a wrong URL.
        options = {"resultTypes": ["violations"], "preload": False}
        violations = axe.run(page, options=options).response["violations"]
        blocking = [
            f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations
            if v["impact"] in BLOCKING
        ]
        assert blocking == [], "\n".join(blocking)

        assert visit.foreign == [], f"requests to other hosts: {visit.foreign}"
        assert visit.failed == [], f"failed requests: {visit.failed}"
        assert visit.errors == [], f"console errors: {visit.errors}"
        # Last: a full-page screenshot may shrink the window to 1 px for a moment
        # (microsoft/playwright#30149), and the phone images it then starts are cancelled.
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{page_name.replace('/', '__')}-{theme}.png"
        page.screenshot(path=shot, full_page=True)
    finally:
        visit.context.close()


def test_chapter_figures_are_numbered_in_browser(site, browser):
    for chapter in CHAPTERS:
        visit = PageVisit(browser, f"{site}/{chapter}.html")
        try:
            captions = visit.page.locator("figure .caption-number").all_inner_texts()
            expected = [e for e in FIGURES.values() if e.chapter == chapter]
            number = CHAPTERS.index(chapter) + 1
            assert [c.strip() for c in captions] == [
                f"Figure {number}.{i}" for i in range(1, len(expected) + 1)
            ]
        finally:
            visit.context.close()


LINKS_JS = """() => [
    ...[...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
    ...[...document.querySelectorAll('img[src], script[src], source[src]')].map(e => e.src),
    ...[...document.querySelectorAll('img[srcset], source[srcset]')].flatMap(
        e => e.srcset.split(',').map(s => new URL(s.trim().split(/\\s+/)[0], e.baseURI).href)),
]"""


def test_every_link_and_resource_resolves(site, browser):
    """Crawl every href/src of every page: local targets load, and #fragments exist there."""
    links: dict[str, str] = {}  # url -> first page that links to it
    for page_name in PAGES:
        visit = PageVisit(browser, f"{site}/{page_name}.html")
        try:
            for url in visit.page.evaluate(LINKS_JS):
                links.setdefault(url, page_name)
        finally:
            visit.context.close()
    local = {u: p for u, p in links.items() if u.startswith(site)}
    assert len(local) > 100, "the crawl found suspiciously few links"
    foreign = sorted(
        u for u in links if not u.startswith((site, "mailto:", "javascript:", "data:"))
    )

    ids: dict[str, set[str]] = {}
    broken = []
    context = browser.new_context()
    try:
        request = context.request
        for url, page_name in sorted(local.items()):
            parts = urlsplit(url)
            target = f"{site}{parts.path}"
            if target not in ids:
                response = request.get(target)
                ok = response.ok
                body = response.text() if ok and parts.path.endswith(".html") else ""
                ids[target] = set(re.findall(r'\bid="([^"]+)"', body)) if ok else None
            if ids[target] is None:
                broken.append(f"{page_name}: {url}")
            elif parts.fragment and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{page_name}: {url} (no such anchor)")
    finally:
        context.close()
    assert broken == [], "broken links:\n" + "\n".join(broken)
    # External links are allowed (citations' DOIs, project sites) but never loaded here.
    assert all(u.startswith("https://") for u in foreign), foreign


@pytest.mark.parametrize(
    ("term", "chapter"),
    [("perceptron", "perceptrons"), ("checkpoint", "distributions"), ("softmax", "layers")],
)
def test_search_works_offline(site, browser, term, chapter):
    visit = PageVisit(browser, f"{site}/search.html?q={term}")
    try:
        visit.page.wait_for_selector("#search-results li a", timeout=20_000)
        hrefs = visit.page.locator("#search-results li a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        assert any(h.split("?")[0].split("#")[0].endswith(f"{chapter}.html") for h in hrefs), hrefs
        assert visit.foreign == [] and visit.failed == [] and visit.errors == []
    finally:
        visit.context.close()


VISIBLE_FIGURES_JS = """() => [...document.querySelectorAll('img.nnfig-img')]
    .filter(img => getComputedStyle(img).display !== 'none')
    .map(img => ({src: img.currentSrc, loaded: img.complete && img.naturalWidth > 0,
                  dark: img.classList.contains('only-dark')}))"""


def _visible_figures(page) -> list[dict]:
    page.evaluate(
        """async () => { for (const img of document.images) img.loading = 'eager';
        await Promise.all([...document.images].map(i => i.decode().catch(() => null))); }"""
    )
    return page.evaluate(VISIBLE_FIGURES_JS)


def test_theme_switch_switches_the_figures(site, browser):
    visit = PageVisit(browser, f"{site}/distributions.html", theme="light")
    page = visit.page
    try:
        light = _visible_figures(page)
        n = sum(1 for e in FIGURES.values() if e.chapter == "distributions")
        assert len(light) == n and all(f["loaded"] and not f["dark"] for f in light)
        # The theme's own switch, as a reader uses it: open the menu, choose "Dark".
        page.locator(".theme-switch-button:visible").first.click()
        page.get_by_role("button", name="Dark", exact=True).click()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        dark = _visible_figures(page)
        assert len(dark) == n and all(f["loaded"] and f["dark"] for f in dark)
        assert all(d["src"] != b["src"] for d, b in zip(dark, light, strict=True))
        assert visit.foreign == [] and visit.failed == [] and visit.errors == []
    finally:
        visit.context.close()


@pytest.mark.parametrize("scale", [1, 2])
def test_screens_get_the_image_for_their_pixel_density(site, browser, scale):
    visit = PageVisit(browser, f"{site}/layers.html", scale=scale)
    expected = {names.image(fig_id, "light", scale) for fig_id in FIGURES}
    try:
        shown = _visible_figures(visit.page)
        assert shown and all(f["src"].rsplit("/", 1)[1] in expected for f in shown), shown
    finally:
        visit.context.close()


def test_hidden_theme_images_are_not_downloaded(site, browser):
    visit = PageVisit(browser, f"{site}/mlp.html", theme="dark")
    requested = []
    visit.page.on("request", lambda r: requested.append(r.url))
    try:
        visit.page.reload(wait_until="networkidle")
        visit.page.mouse.wheel(0, 20_000)  # bring every figure into view
        visit.page.wait_for_timeout(500)
        dark = {names.image(fig_id, "dark", s) for fig_id in FIGURES for s in (1, 2)}
        light = {names.image(fig_id, "light", s) for fig_id in FIGURES for s in (1, 2)}
        figures = [u.rsplit("/", 1)[1] for u in requested if "/_images/" in u]
        assert figures and not set(figures) & light and set(figures) <= dark, figures
    finally:
        visit.context.close()


#: Pointing at these references previews what they point at: (page, link, text in the preview).
PREVIEWS = [
    ("mlp", "#fig-mlp-fan-out", "Figure 2.1"),  # a figure on the same page
    ("tensors", "distributions.html#fig-tsne-layers", "Figure 5.10"),  # on another page
    ("perceptrons", "#equation-eq-perceptron-rule", "(1.4)"),  # a numbered equation
    ("mlp", "references.html#id6", "Cybenko"),  # a citation, from the references page
]

#: The shown preview: its text, whether every image decoded, glyphs its formulas miss.
PREVIEW_JS = """async () => {
    const box = document.querySelector('.tippy-box');
    if (!box) return null;
    const imgs = [...box.querySelectorAll('img')].filter(i => i.offsetParent !== null);
    await Promise.all(imgs.map(i => i.decode().catch(() => null)));
    const missing = [...box.querySelectorAll('use')]
        .map(u => (u.getAttribute('xlink:href') || u.getAttribute('href')).slice(1))
        .filter(id => !document.getElementById(id));
    return {text: box.innerText, images: imgs.map(i => i.naturalWidth), missing};
}"""


@pytest.mark.parametrize(("page_name", "href", "expected"), PREVIEWS)
@pytest.mark.parametrize("theme", THEMES)
def test_references_preview_their_targets(site, browser, page_name, href, expected, theme):
    visit = PageVisit(browser, f"{site}/{page_name}.html", theme=theme)
    try:
        link = visit.page.locator(f'article a.reference.internal[href="{href}"]').first
        # Nothing but the viewer loads with the page: the libraries wait for a reader.
        assert visit.page.evaluate("typeof window.tippy") == "undefined"
        link.hover()
        visit.page.wait_for_selector(".tippy-box", state="visible", timeout=5_000)
        shown = visit.page.evaluate(PREVIEW_JS)
        assert expected in " ".join(shown["text"].split())
        assert shown["missing"] == [], f"glyphs the preview's formulas miss: {shown['missing']}"
        if href.split("#")[1].startswith("fig-"):
            assert len(shown["images"]) == 1, "a figure previews its image in the current theme"
            assert shown["images"][0] > 0, "the previewed image did not load"
        # The keyboard shows it too: moving away hides it, focusing the link shows it again.
        visit.page.mouse.move(0, 0)
        visit.page.wait_for_selector(".tippy-box", state="detached", timeout=5_000)
        link.focus()
        visit.page.wait_for_selector(".tippy-box", state="visible", timeout=5_000)
        assert visit.foreign == [], f"requests to other hosts: {visit.foreign}"
        assert visit.failed == [], f"failed requests: {visit.failed}"
        assert visit.errors == [], f"console errors: {visit.errors}"
    finally:
        visit.context.close()
