"""The explorers in a real browser: they draw the checkpoint chosen, turn, follow a point,
follow the theme, and work from file:// with every other host blocked.

Pixels are probed where the viewer says it draws a point (``element.nnfigExplorer.screen``),
so the tests read the canvas the reader sees, not the viewer's own bookkeeping.
"""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from nnfig.compute import explorer
from nnfig.draw.style import DARK, LIGHT
from tests.book.test_browser import BLOCKING, SCREENSHOTS, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

EXPLORERS = ("remap-checkpoints", "remap-circles")
PAGE = "distributions.html"


class Visit:
    """A page in a theme and a viewport; requests to any but the page's own origin aborted."""

    def __init__(self, chromium, url, *, theme="light", width=1280, scale=1, touch=False):
        self.origin = url.split("/", 3)[:3] if url.startswith("http") else ["file:"]
        self.foreign, self.errors, self.requested = [], [], []
        self.context = chromium.new_context(
            viewport={"width": width, "height": 900}, device_scale_factor=scale, has_touch=touch
        )
        self.context.route("**/*", self._route)
        self.context.add_init_script(
            f"localStorage.setItem('mode', '{theme}'); localStorage.setItem('theme', '{theme}');"
        )
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("request", lambda r: self.requested.append(r.url))
        self.page.goto(url, wait_until="load")

    def _route(self, route):
        url = route.request.url
        own = (
            url.startswith("file://")
            if self.origin == ["file:"]
            else url.startswith("/".join(self.origin) + "/")
        )
        if own or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def explorer(self, fig_id: str):
        """The explorer of ``fig_id``, scrolled into view and loaded."""
        root = self.page.locator(f'.nnfig-explorer[data-explorer="{fig_id}"]')
        root.scroll_into_view_if_needed()
        self.page.wait_for_selector(f'[data-explorer="{fig_id}"][data-ready]', timeout=15_000)
        return root

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, site):  # noqa: F811
    visits = []

    def open_page(**kwargs):
        visits.append(Visit(browser, f"{site}/{PAGE}", **kwargs))
        return visits[-1]

    yield open_page
    for v in visits:
        assert v.foreign == [], f"requests to other hosts: {v.foreign}"
        assert v.errors == [], f"console errors: {v.errors}"
        v.close()


#: Colours of the canvas pixels at the given positions (CSS px), as [r, g, b].
PIXELS_JS = """([id, points]) => {
    const canvas = document.querySelector(`[data-explorer="${id}"] canvas`);
    const ctx = canvas.getContext('2d'), dpr = canvas.width / canvas.clientWidth;
    return points.map(([x, y]) =>
        [...ctx.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data.slice(0, 3)]);
}"""
#: Screen positions of points [plane, i] (at checkpoint k, if given).
SCREEN_JS = """([id, pairs, k]) => {
    const v = document.querySelector(`[data-explorer="${id}"]`).nnfigExplorer;
    return pairs.map(([p, i]) => v.screen(p, i, k === null ? undefined : k));
}"""


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def near(pixel, colour, tol=12) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, colour, strict=True))


def pixels(page, fig_id, positions):
    return page.evaluate(PIXELS_JS, [fig_id, positions])


def screen(page, fig_id, pairs, k=None):
    return page.evaluate(SCREEN_JS, [fig_id, pairs, k])


def canvas_point(root, at) -> tuple[float, float]:
    """The page coordinates of a point of the canvas (CSS px, inside its border)."""
    box = root.locator("canvas").bounding_box()
    border = root.locator("canvas").evaluate("c => [c.clientLeft, c.clientTop]")
    return box["x"] + border[0] + at[0], box["y"] + border[1] + at[1]


def packed(built_book, fig_id) -> dict:
    """The data the built book ships for an explorer, read back from its script."""
    text = (built_book.html / "_static" / "explorer" / f"{fig_id}.js").read_text()
    call = text.splitlines()[1]
    return json.loads(call[call.index(",") + 1 : -2])


def test_the_data_load_only_when_the_explorer_comes_into_view(visit):
    v = visit()
    page = v.page
    page.wait_for_timeout(500)
    assert not [u for u in v.requested if "/_static/explorer/" in u]
    for fig_id in EXPLORERS:
        root = page.locator(f'[data-explorer="{fig_id}"]')
        assert root.is_visible() and root.get_attribute("data-ready") is None
    v.explorer("remap-checkpoints")
    loaded = [u.rsplit("/", 1)[1] for u in v.requested if "/_static/explorer/" in u]
    assert loaded == ["remap-checkpoints.js"]
    v.explorer("remap-circles")
    assert len([u for u in v.requested if "/_static/explorer/" in u]) == 2


@pytest.mark.parametrize("fig_id", EXPLORERS)
def test_the_slider_draws_the_points_of_the_checkpoint_it_chooses(visit, built_book, fig_id):
    data = packed(built_book, fig_id)
    n_planes, n_points = len(data["planes"]), len(data["labels"])
    v = visit()
    page = v.page
    root = v.explorer(fig_id)
    slider = root.locator('input[type="range"]')
    assert slider.get_attribute("max") == str(len(data["steps"]) - 1)
    classes = [rgb(c) for c in LIGHT.classes]
    pairs = [[p, i] for p in range(1, n_planes) for i in range(n_points)]
    last = len(data["steps"]) - 1
    for k, other in ((last // 2, last), (last, 0)):
        slider.fill(str(k))
        assert root.get_attribute("data-checkpoint") == str(k)
        assert f"step {data['steps'][k]} " in root.locator(".nnfig-explorer-readout").inner_text()
        # The viewer reads checkpoint k of the data the book ships.
        coords = page.evaluate(
            """([id, p, i]) => document.querySelector(`[data-explorer="${id}"]`)
                .nnfigExplorer.coords(p, i)""",
            [fig_id, n_planes - 2, 5],
        )
        flat = data["points"][k][n_planes - 2]
        assert coords == [flat[10] / data["quant"], flat[11] / data["quant"]]
        here, there = screen(page, fig_id, pairs), screen(page, fig_id, pairs, other)
        on_points = pixels(page, fig_id, here)
        hits = [any(near(px, c) for c in classes) for px in on_points]
        assert sum(hits) / len(hits) > 0.8
        # Where the points of another checkpoint lie, well away from these: no points.
        moved = [
            t
            for t, h in zip(there, here, strict=True)
            if min(abs(t[0] - x) + abs(t[1] - y) for x, y in here) > 8
        ]
        assert len(moved) > 20
        elsewhere = [any(near(px, c) for c in classes) for px in pixels(page, fig_id, moved)]
        assert sum(elsewhere) / len(elsewhere) < 0.2


def test_dragging_and_the_arrow_keys_turn_the_stack(visit):
    v = visit()
    page = v.page
    root = v.explorer("remap-checkpoints")
    canvas = root.locator("canvas")
    before = (root.get_attribute("data-yaw"), root.get_attribute("data-pitch"))
    image = canvas.evaluate("c => c.toDataURL()")
    point = screen(page, "remap-checkpoints", [[0, 0]])[0]
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 25, steps=6)
    page.mouse.up()
    after = (root.get_attribute("data-yaw"), root.get_attribute("data-pitch"))
    assert float(after[0]) > float(before[0]) and float(after[1]) > float(before[1])
    assert screen(page, "remap-checkpoints", [[0, 0]])[0] != point
    assert canvas.evaluate("c => c.toDataURL()") != image
    assert root.get_attribute("data-selected") == "-1"  # a drag is not a click
    canvas.focus()
    page.keyboard.press("ArrowLeft")
    assert float(root.get_attribute("data-yaw")) == pytest.approx(float(after[0]) - 0.1, abs=2e-3)
    page.keyboard.press("ArrowUp")
    assert float(root.get_attribute("data-pitch")) == pytest.approx(float(after[1]) - 0.1, abs=2e-3)
    root.get_by_role("button", name="Reset view").click()
    assert (root.get_attribute("data-yaw"), root.get_attribute("data-pitch")) == before


#: A point of the input plane with no other point of any plane within ``alone`` px, whose
#: path from the x plane to the next has its middle ``clear`` px from every point.
LONELY_JS = """([id, alone, clear, cls]) => {
    const v = document.querySelector(`[data-explorer="${id}"]`).nnfigExplorer;
    const planes = v.run.planes.length, n = v.run.labels.length, all = [];
    for (let p = 0; p < planes; p++) for (let i = 0; i < n; i++) all.push([i, v.screen(p, i)]);
    const far = (i, q, d) => all.every(
        ([j, s]) => j === i || Math.hypot(s[0] - q[0], s[1] - q[1]) > d);
    for (let i = 0; i < n; i++) {
        if (v.run.joined.includes(i) || (cls !== null && v.run.labels[i] !== cls)) continue;
        const a = v.screen(0, i), b = v.screen(1, i), m = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        if (far(i, a, alone) && far(i, m, clear)) return {i, at: a, middle: m};
    }
    return null;
}"""


def test_choosing_a_point_highlights_its_path(visit):
    v = visit()
    page = v.page
    root = v.explorer("remap-checkpoints")
    root.get_by_label("Joining lines").uncheck()
    found = page.evaluate(LONELY_JS, ["remap-checkpoints", 8, 10, None])
    assert found is not None
    ink = rgb(LIGHT.ink)
    assert not near(pixels(page, "remap-checkpoints", [found["middle"]])[0], ink, 40)
    x, y = canvas_point(root, found["at"])
    page.mouse.click(x, y)
    assert root.get_attribute("data-selected") == str(found["i"])
    assert near(pixels(page, "remap-checkpoints", [found["middle"]])[0], ink, 40)
    # The same with the keyboard: the list of points, then "none".
    select = root.get_by_label("Follow point")
    select.select_option(str(found["i"] + 1))
    assert root.get_attribute("data-selected") == str(found["i"] + 1)
    select.select_option("-1")
    assert root.get_attribute("data-selected") == "-1"
    assert not near(pixels(page, "remap-checkpoints", [found["middle"]])[0], ink, 40)


#: Whether the canvas pixel at (x, y) CSS px has the given colour.
PIXEL_IS_JS = """([id, x, y, colour]) => {
    const c = document.querySelector(`[data-explorer="${id}"] canvas`);
    const dpr = c.width / c.clientWidth, ctx = c.getContext('2d');
    const d = ctx.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data;
    return [0, 1, 2].every(j => Math.abs(d[j] - colour[j]) <= 12);
}"""


def test_the_theme_switch_recolours_the_explorer(visit):
    v = visit(theme="light")
    page = v.page
    root = v.explorer("remap-checkpoints")
    # A point of class 0, whose colour differs between the themes (class 1's does not).
    at = page.evaluate(LONELY_JS, ["remap-checkpoints", 8, 0, 0])["at"]
    face = screen(page, "remap-checkpoints", [[3, 0]])[0]  # a plane, away from its points
    face = [face[0], face[1] + 40]
    light = pixels(page, "remap-checkpoints", [at, face])
    assert near(light[0], rgb(LIGHT.classes[0]))
    page.locator(".theme-switch-button:visible").first.click()
    page.get_by_role("button", name="Dark", exact=True).click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    colour = list(rgb(DARK.classes[0]))
    page.wait_for_function(PIXEL_IS_JS, arg=["remap-checkpoints", *at, colour], timeout=5_000)
    dark = pixels(page, "remap-checkpoints", [at, face])
    assert sum(dark[1]) < sum(light[1]) - 300  # the planes' faces darken with the page
    assert root.get_attribute("data-ready") == "true"


@pytest.mark.parametrize("fig_id", EXPLORERS)
def test_the_explorer_works_from_a_file_url_with_every_host_blocked(browser, built_book, fig_id):  # noqa: F811
    v = Visit(browser, (built_book.html / PAGE).as_uri())
    try:
        root = v.explorer(fig_id)
        root.get_by_role("button", name="Play").click()
        v.page.wait_for_function(
            "id => +document.querySelector(`[data-explorer='${id}']`).dataset.checkpoint >= 2",
            arg=fig_id,
            timeout=5_000,
        )
        root.get_by_role("button", name="Pause").click()
        assert f"_static/explorer/{fig_id}.js" in " ".join(v.requested)
        assert all(u.startswith(("file://", "data:")) for u in v.requested)
        assert v.foreign == [] and v.errors == []
    finally:
        v.close()


def test_a_loaded_explorer_passes_axe(visit):
    v = visit()
    for fig_id in EXPLORERS:
        v.explorer(fig_id)
    options = {"resultTypes": ["violations"], "preload": False}
    violations = Axe().run(v.page, options=options).response["violations"]
    blocking = [
        f"{x['impact']} {x['id']}: {[n['target'] for n in x['nodes'][:3]]}"
        for x in violations
        if x["impact"] in BLOCKING
    ]
    assert blocking == []


def test_without_scripts_the_static_figure_and_its_alt_text_remain(browser, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site}/{PAGE}")
        for fig_id in EXPLORERS:
            assert not page.locator(f'[data-explorer="{fig_id}"]').is_visible()
            figure = page.locator(f"#fig-{fig_id} img.only-light")
            assert figure.is_visible() and len(figure.get_attribute("alt")) > 100
    finally:
        context.close()


def test_touch_at_360_px_turns_and_chooses_and_the_canvas_is_crisp(visit):
    v = visit(width=360, scale=2, touch=True)
    page = v.page
    root = v.explorer("remap-circles")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    canvas = root.locator("canvas")
    size = canvas.evaluate("c => [c.width, c.height, c.clientWidth, c.clientHeight]")
    assert size[0] == 2 * size[2] and size[1] == 2 * size[3] and size[2] <= 360
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    cdp = v.context.new_cdp_session(page)
    yaw = float(root.get_attribute("data-yaw"))
    for kind, dx in (("touchStart", 0), ("touchMove", 20), ("touchMove", 50), ("touchEnd", 50)):
        points = [] if kind == "touchEnd" else [{"x": x + dx, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    assert float(root.get_attribute("data-yaw")) > yaw
    found = page.evaluate(LONELY_JS, ["remap-circles", 5, 0, None])
    page.touchscreen.tap(*canvas_point(root, found["at"]))
    assert root.get_attribute("data-selected") == str(found["i"])


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_each_explorer(visit, theme, width):
    """For a person to look at: book/_build/screenshots/explorer-*.png."""
    v = visit(theme=theme, width=width, scale=2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for fig_id in EXPLORERS:
        root = v.explorer(fig_id)
        root.locator('input[type="range"]').fill("30")
        root.screenshot(path=SCREENSHOTS / f"explorer-{fig_id}-{theme}-{width}.png")
        assert root.bounding_box()["width"] <= width


def test_the_book_ships_the_data_nnfig_computes(built_book):
    """Written at build time from the figures' runs: the bytes a fresh computation gives."""
    from nnfig import FIGURES

    for fig_id in EXPLORERS:
        shipped = (built_book.html / "_static" / "explorer" / f"{fig_id}.js").read_text()
        assert shipped == explorer.script(fig_id, FIGURES[fig_id].explorer())
