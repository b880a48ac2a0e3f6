"""Previews: pointing at a reference to a figure, an equation or a citation shows it.

Each page, as it is written (``html-page-context``, in whichever process writes
it), records what others may preview on it (its figures, numbered equations and
bibliography entries, as HTML) and the internal links it holds, in
``<doctrees>/previews/<page>.json``. Once every page is written
(``build-finished``, in the main process), each page gets
``_static/previews/<page>.js``: the previews of the targets its links point at,
with the glyphs that formulas from other pages need (each page defines only its
own). Records outlive a build, so a page written again still previews targets on
pages that were not.

The viewer (``_static/nnfig-previews.js``, the only script that loads with the
page) shows them with tippy.js and Popper, pinned in ``package.json`` and served
from the book, which it loads with the page's previews when a reader first
points at or focuses a reference: nothing is fetched from elsewhere, at build
time or when reading.
"""

import html
import json
import os
import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx

from nnfig.sphinxext.math import NODE_MODULES

VIEWER = Path(__file__).with_name("previews.js")
#: Where the viewer and its libraries go in ``_static``, and each page's previews.
VIEWER_NAME = "nnfig-previews.js"
#: Files copied to ``_static``: the viewer, and the libraries it loads when first needed.
SCRIPTS = {
    VIEWER_NAME: VIEWER,
    "vendor/popper.min.js": NODE_MODULES / "@popperjs/core/dist/umd/popper.min.js",
    "vendor/tippy-bundle.umd.min.js": NODE_MODULES / "tippy.js/dist/tippy-bundle.umd.min.js",
}
DATA_DIR = "previews"
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
_GLYPH_USE = re.compile(r'xlink:href="#(MJX-[^"]+)"')


def copy_scripts(app: Sphinx) -> None:
    """Put the viewer and its libraries in ``_static`` before any page is written.

    Sphinx stamps each script's URL with a checksum of the file it finds when it
    writes a page; written first, the stamp is the same on a clean build and a rebuild.
    """
    if app.builder.format != "html":
        return
    for name, source in SCRIPTS.items():
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: `make html` runs `npm ci` first")
        # Source maps are not shipped: a browser's developer tools would ask for them.
        text = _SOURCE_MAP.sub("\n", source.read_text(encoding="utf-8"))
        _write_if_changed(Path(app.outdir) / "_static" / name, text)


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return  # an unchanged file keeps its time: rsync and browsers see no change
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _record_path(app: Sphinx, pagename: str) -> Path:
    return Path(app.doctreedir) / DATA_DIR / f"{pagename}.json"


def _within(soup, tag: str, cls: str, inner: str, **attrs) -> list:
    """The ``inner`` elements (with ``attrs``) inside each ``tag`` of class ``cls``.

    ``find_all`` rather than CSS selectors: compiling those (soupsieve) took a tenth
    of a second of the main process before the writers fork.
    """
    return [e for outer in soup.find_all(tag, class_=cls) for e in outer.find_all(inner, **attrs)]


def _figure_html(figure) -> str:
    """A figure's wide images (one per theme) and its caption, without links or permalinks."""
    parts = []
    for img in _within(figure, "span", "nnfig-image", "img"):
        img = img.__copy__()
        img["alt"] = ""  # the caption below says what the figure shows
        parts.append(str(img))
    caption = figure.find("figcaption")
    if caption is not None and caption.p is not None:
        p = caption.p.__copy__()
        for link in p.find_all("a", class_="headerlink"):
            link.decompose()
        parts.append(f'<p class="nnfig-preview-caption">{p.decode_contents()}</p>')
    return "".join(parts)


#: The parts of a page body that a record needs; the rest is never parsed. Sphinx and
#: docutils write these elements with their attributes sorted (class before id), a
#: figure holds no figure and an equation or a citation no <div>.
_FRAGMENTS = re.compile(
    r'<figure\b[^>]*\bid="[^"]+".*?</figure>'
    r'|<div class="(?:[^"]*\s)?(?:math|citation)(?:\s[^"]*)?" id="[^"]+".*?</div>'
    r'|<svg\b[^>]*\bclass="nnfig-math-glyphs".*?</svg>',
    re.S,
)
#: An empty span whose id docutils puts just before an element names that element.
_ALIAS = re.compile(r'<span id="([^"]+)"></span>\s*<(?:figure|div)\b[^>]*?\bid="([^"]+)"')
_START_A = re.compile(r"<a\s[^>]*>")
_ATTRIBUTE = re.compile(r'\b(class|href)="([^"]*)"')


def _targets(soup) -> dict[str, str]:
    """Id → preview HTML of the figures, numbered equations and citations in ``soup``."""
    targets = {}
    for figure in soup.find_all("figure", id=True):
        targets[figure["id"]] = _figure_html(figure)
    for math in soup.find_all("div", class_="math", id=True):
        copy = math.__copy__()
        for link in copy.find_all("a", class_="headerlink"):
            link.decompose()
        targets[math["id"]] = f'<div class="math">{copy.decode_contents()}</div>'
    for citation in soup.find_all("div", class_="citation", id=True):
        text = " ".join(str(p) for p in citation.find_all("p"))
        targets[citation["id"]] = f'<div class="nnfig-preview-citation">{text}</div>'
    return targets


def _links(body: str) -> list[str]:
    """The internal links to a place in a page (``a.reference.internal`` with a ``#``)."""
    links = set()
    for tag in _START_A.findall(body):
        attributes = dict(_ATTRIBUTE.findall(tag))
        href = html.unescape(attributes.get("href", ""))
        internal = {"reference", "internal"} <= set(attributes.get("class", "").split())
        if internal and "#" in href and not href.startswith("http"):
            links.add(href)
    return sorted(links)


def page_record(body: str) -> dict:
    """What a page body offers to previews (its targets and glyphs) and its links.

    Only the elements a record takes are parsed (``_FRAGMENTS``): a chapter's body
    is mostly formulas' SVG, which parsing whole took most of the time of writing it.
    """
    from bs4 import BeautifulSoup  # only when a page is written: not on a build with nothing to do

    soup = BeautifulSoup("".join(_FRAGMENTS.findall(body)), "html.parser")
    targets = _targets(soup)
    for alias, target in _ALIAS.findall(body):
        if target in targets:
            targets[alias] = targets[target]
    glyphs = {p["id"]: str(p) for p in _within(soup, "svg", "nnfig-math-glyphs", "path", id=True)}
    return {"targets": targets, "links": _links(body), "glyphs": glyphs}


def record_page(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """Record a page's preview targets and links; add the viewer to the page."""
    if doctree is None or "body" not in context:
        return
    record = page_record(context["body"])
    _write_if_changed(_record_path(app, pagename), json.dumps(record, sort_keys=True))
    if record["links"]:
        # Only the viewer loads with the page; it finds the rest relative to its own URL.
        attrs = {
            "data-popper": "vendor/popper.min.js",
            "data-tippy": "vendor/tippy-bundle.umd.min.js",
            "data-previews": f"{DATA_DIR}/{pagename}.js",
        }
        app.add_js_file(VIEWER_NAME, loading_method="defer", **attrs)


def _rebase(html: str, source: str, page: str) -> str:
    """Relative image URLs of ``source``'s HTML, as seen from ``page``."""
    prefix = posixpath.relpath(posixpath.dirname(source) or ".", posixpath.dirname(page) or ".")
    if prefix == ".":
        return html

    def rebased(match: re.Match) -> str:
        url = match.group(2)
        return f'{match.group(1)}"{posixpath.normpath(posixpath.join(prefix, url))}"'

    html = re.sub(r'(\bsrc=)"(?![a-z]+:|/|#)([^"]+)"', rebased, html)
    return re.sub(
        r'(\bsrcset=)"([^"]+)"',
        lambda m: (
            m.group(1)
            + '"'
            + ", ".join(
                posixpath.normpath(posixpath.join(prefix, url)) + (f" {rest}" if rest else "")
                for url, _, rest in (item.strip().partition(" ") for item in m.group(2).split(","))
            )
            + '"'
        ),
        html,
    )


def page_previews(records: dict[str, dict], page: str) -> tuple[dict[str, str], str]:
    """The previews of one page's links (href → HTML) and the glyphs they need from elsewhere."""
    previews, needed = {}, set()
    for href in records[page]["links"]:
        path, _, target = href.partition("#")
        source = (
            posixpath.normpath(posixpath.join(posixpath.dirname(page), path[: -len(".html")]))
            if path.endswith(".html")
            else page
        )
        html = records.get(source, {}).get("targets", {}).get(target)
        if html is None:
            continue
        previews[href] = _rebase(html, source, page)
        if source != page:
            needed |= {(source, glyph) for glyph in _GLYPH_USE.findall(html)}
    own = records[page]["glyphs"]
    paths = sorted(
        {records[s]["glyphs"][g] for s, g in needed if g not in own and g in records[s]["glyphs"]}
    )
    glyphs = (
        '<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" style="display: none">'
        f"<defs>{''.join(paths)}</defs></svg>"
        if paths
        else ""
    )
    return previews, glyphs


def write_previews(app: Sphinx, exception) -> None:
    """Write each page's previews from every page's record (all pages are written by now)."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.doctreedir) / DATA_DIR
    records = {}
    for page in sorted(app.env.found_docs):
        path = folder / f"{page}.json"
        if path.exists():
            records[page] = json.loads(path.read_text(encoding="utf-8"))
    out = Path(app.outdir) / "_static" / DATA_DIR
    for page, record in records.items():
        if not record["links"]:
            continue
        previews, glyphs = page_previews(records, page)
        data = json.dumps({"previews": previews, "glyphs": glyphs}, sort_keys=True)
        _write_if_changed(out / f"{page}.js", f"window.nnfigPreviews = {data};\n")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", copy_scripts)
    app.connect("html-page-context", record_page)
    app.connect("build-finished", write_previews)
