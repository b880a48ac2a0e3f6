"""Math typeset when the book is built: SVG from MathJax 4 in Node, no math script at read time.

Each page's formulas go to ``typeset.cjs`` in one batch once the page is read
(in the parallel readers; its saved doctree keeps the SVG, so writing needs no Node).
One Node typesets every page, for the processes Sphinx forks too (``_Node``):
starting MathJax cost a quarter of a second a page.
The page gets the SVG of each formula, with MathML beside it for screen
readers, and one hidden ``<svg>`` holding every glyph the page uses. Results
are cached by the page's formulas, so a prose edit does not start Node.
"""

import atexit
import hashlib
import json
import multiprocessing
import os
import re
import subprocess
from pathlib import Path
from subprocess import PIPE

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from nnfig.sphinxext import meanwhile

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).with_name("typeset.cjs")
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
CSS = "nnfig-math.css"
#: Our one rule beside MathJax's: an inline formula and the punctuation after it share a line.
NOWRAP_CSS = "\n.nnfig-nowrap {\n  white-space: nowrap;\n}\n"
#: MathJax keeps each piece's TeX on every SVG group and MathML element; only the
#: whole formula's TeX (on the ``<math>`` element) is kept: it is what the book printed.
_LATEX_ATTR = re.compile(r' data-latex="[^"]*"')
_TAG = re.compile(r"<[^>]+>")


def _strip_latex(html: str) -> str:
    def strip(tag: re.Match) -> str:
        return tag[0] if tag[0].startswith("<math ") else _LATEX_ATTR.sub("", tag[0])

    return _TAG.sub(strip, html)


def block_tex(node: nodes.math_block) -> str:
    """A display block's TeX, as Sphinx's MathJax writer would send it."""
    if node.get("no-wrap", node.get("nowrap", False)):  # a whole environment, as written
        return node.astext()
    parts = [p for p in node.astext().split("\n\n") if p.strip()]
    parts = [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p else p for p in parts]
    if len(parts) > 1:
        return r"\begin{align}\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}\end{align}"
    return parts[0] if parts else ""


def _cache_dir(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "nnfig-math"


def typeset(app: Sphinx, items: list[tuple[str, bool]]) -> dict:
    """SVG of each ``(tex, display)``, the page's glyphs and MathJax's CSS (cached)."""
    request = json.dumps({"macros": app.config.nnfig_tex_macros, "items": items}, sort_keys=True)
    code = SCRIPT.read_text() + Path(__file__).read_text()  # a change here renews the cache
    digest = hashlib.sha256((request + code).encode()).hexdigest()
    cached = _cache_dir(app) / f"{digest[:32]}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    result = _ask_node(request, app.config.nnfig_tex_macros)
    result["html"] = [_strip_latex(h) for h in result["html"]]
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(result, sort_keys=True))
    return result


#: The Node typesetting for each set of macros (``_Node``), started by the process
#: that first needs it and shared with the processes forked from it afterwards.
_NODES: dict[str, "_Node"] = {}


class _Node:
    """A Node answering one page a line (``typeset.cjs``), and a lock to take turns at it.

    Sphinx forks its readers from the main process, whose Node has typeset MathJax's
    CSS in a first build. The readers share that Node instead of each starting its own:
    a Node of its own cost each reader a quarter of a second to start and more to warm
    up, a second of a cold build's reading in all. The lock is a process lock, which
    forked processes share, so one page's request and answer are never interleaved
    with another's. A page's answer does not depend on the pages typeset before it.
    """

    def __init__(self):
        if not NODE_MODULES.joinpath("mathjax").is_dir():
            raise ExtensionError(f"MathJax is not installed in {NODE_MODULES}: run `make html`")
        try:
            self.process = subprocess.Popen(
                ["node", str(SCRIPT)], stdin=PIPE, stdout=PIPE, text=True, encoding="utf-8"
            )
        except FileNotFoundError:
            raise ExtensionError("Node.js (`node`) is needed to typeset the math") from None
        self.owner = os.getpid()
        self.lock = multiprocessing.get_context("fork").Lock()

    def alive(self) -> bool:
        # Only the process that started Node may wait for it: a fork learns it stopped
        # when it gets no answer.
        return self.owner != os.getpid() or self.process.poll() is None

    def ask(self, request: str) -> str:
        with self.lock:
            self.process.stdin.write(request + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            status = self.process.wait() if self.owner == os.getpid() else "unknown"
            raise ExtensionError(f"MathJax stopped (Node's exit status {status})")
        return line

    def stop(self) -> None:
        """Close Node's input, which ends it; only its owner does (forks exit without this)."""
        if self.owner == os.getpid():
            self.process.stdin.close()
            self.process.wait()


def _ask_node(request: str, macros: dict) -> dict:
    """Typeset one page's request in the shared Node (started on first use)."""
    key = json.dumps(macros, sort_keys=True)
    if key not in _NODES or not _NODES[key].alive():
        if not any(node.owner == os.getpid() for node in _NODES.values()):
            atexit.register(_stop_nodes)
        _NODES[key] = _Node()
    answer = json.loads(_NODES[key].ask(request))
    if "failed" in answer:
        raise ExtensionError(f"MathJax failed:\n{answer['failed']}")
    return answer


def _stop_nodes() -> None:
    """At exit: stop the Nodes this process started."""
    for node in _NODES.values():
        node.stop()


def typeset_page(app: Sphinx, doctree: nodes.document, docname: str | None = None) -> None:
    """Attach the SVG of every formula on the page to its node.

    Done when the page has been read (``doctree-read``): pages are read in
    parallel and their doctrees are saved with the SVG, so writing, which Sphinx
    prepares page by page in one process, starts no Node. A formula that only
    appears when references are resolved is typeset then (``doctree-resolved``).
    """
    if app.builder.format != "html":
        return
    math = (nodes.math, nodes.math_block)
    found = list(doctree.findall(lambda n: isinstance(n, math) and "nnfig_svg" not in n))
    if not found:
        return
    items = [
        (block_tex(n), True) if isinstance(n, nodes.math_block) else (n.astext(), False)
        for n in found
    ]
    result = typeset(app, items)
    for i, message in result["errors"]:
        logger.warning("TeX error in %r: %s", items[i][0], message, location=found[i])
    for node, html in zip(found, result["html"], strict=True):
        node["nnfig_svg"] = html
    defs = (
        '<svg class="nnfig-math-glyphs" xmlns="http://www.w3.org/2000/svg" '
        f'aria-hidden="true" style="display: none">{result["defs"]}</svg>'
    )
    doctree.append(nodes.raw("", defs, format="html"))
    for node in found:
        if isinstance(node, nodes.math):
            _keep_punctuation(node)


#: Punctuation that must not start a line after an inline formula.
_TRAILING = re.compile(r"^[.,;:!?)\]’”]+")


def _keep_punctuation(node: nodes.math) -> None:
    """Bind the punctuation after an inline formula to it.

    A browser may break a line after an SVG formula, leaving "." alone at the
    start of the next line; the two share a no-wrap span instead.
    """
    parent = node.parent
    after = node.next_node(siblings=True, descend=False)
    if parent is None or not isinstance(after, nodes.Text):
        return
    mark = _TRAILING.match(after.astext())
    if not mark:
        return
    index = parent.index(node)
    rest = after.astext()[mark.end() :]
    parent.remove(after)
    if rest:
        parent.insert(index + 1, nodes.Text(rest))
    parent.replace(node, nodes.inline("", "", node, nodes.Text(mark[0]), classes=["nnfig-nowrap"]))


def _rendered(node) -> str:
    if "nnfig_svg" not in node:
        raise ExtensionError(f"formula {node.astext()!r} was not typeset (nnfig.sphinxext.math)")
    return node["nnfig_svg"]


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_rendered(node) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_rendered(node) + "</div>\n")
    raise nodes.SkipNode


def write_css(app: Sphinx) -> None:
    """MathJax's own CSS for its SVG (hiding the MathML visually, display layout).

    Written before any page, so every page links it with its checksum (``?v=``).
    """
    if app.builder.format != "html":
        return
    css = typeset(app, [])["css"] + NOWRAP_CSS
    target = Path(app.outdir) / "_static" / CSS
    if not target.exists() or target.read_text() != css:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css)


def start_css(app: Sphinx) -> None:
    """``builder-inited``: write the CSS in a thread, while the gallery draws.

    Before a first build that takes Node a quarter of a second, which the main
    process would otherwise spend waiting, one core idle (``meanwhile``).
    """
    meanwhile.start(app, "math-css", lambda: write_css(app))


def setup(app: Sphinx) -> dict:
    """Also usable alone (``extensions = ["nnfig.sphinxext.math"]``), as the tests do."""
    app.add_config_value("nnfig_tex_macros", {}, "env", types=[dict])
    app.add_html_math_renderer("nnfig", (visit_math, None), (visit_displaymath, None))
    app.connect("doctree-read", typeset_page)
    app.connect("doctree-resolved", typeset_page)
    app.connect("builder-inited", start_css, priority=400)  # before the gallery runs
    app.connect("env-before-read-docs", meanwhile.finish)
    app.add_css_file(CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
