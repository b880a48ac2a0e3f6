"""Glue between the book's Sphinx build and ``nnfig``.

- ``nnfig.themed``: figures in both themes, 1× and 2×, with alt text; the chapter
  figure and gallery index directives.
- ``RegistryOrder``: sorts gallery scripts in registry (book) order.
- Never stale, never more than needed: sphinx-gallery re-runs a script only when
  the script's own text changes. This extension keeps, per figure, a digest of
  the ``nnfig`` code the figure depends on (``nnfig.deps``) and, per chapter, of
  the code its cells import. When a figure's digest changed, its sphinx-gallery
  checksum is dropped so that exactly that figure re-runs; when a page's digest
  changed, its cached cell outputs are dropped and the page is read and run again.
"""

import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from nnfig import deps, themed
from nnfig.registry import FIGURES

STAMPS = ".nnfig-stamps.json"
logger = logging.getLogger(__name__)


class RegistryOrder:
    """sphinx-gallery sort key: the order in which ``FIGURES`` lists the figures."""

    def __init__(self, src_dir):
        self.src_dir = src_dir
        self.rank = {entry.script: i for i, entry in enumerate(FIGURES.values())}

    def __call__(self, filename):
        return (self.rank.get(filename, len(self.rank)), filename)

    def __repr__(self):
        return f"<{type(self).__name__}>"


def _gallery_dir(app: Sphinx) -> Path:
    return Path(app.srcdir) / themed.gallery_dir(app.config)


def current_stamps(srcdir: Path) -> dict[str, dict[str, str]]:
    """Digests of what every figure and every chapter page depends on, now."""
    deps._parse.cache_clear()  # sources may have changed since the last build
    pages = {
        path.stem: deps.digest(deps.page_units(path.read_text()))
        for path in sorted(Path(srcdir).glob("*.md"))
    }
    return {"figures": deps.figure_digests(FIGURES), "pages": pages}


def _previous_stamps(app: Sphinx) -> dict[str, dict[str, str]]:
    path = _gallery_dir(app) / STAMPS
    return json.loads(path.read_text()) if path.exists() else {"figures": {}, "pages": {}}


def _drop_stale_figures(app: Sphinx, config) -> None:
    app.nnfig_stamps = current_stamps(app.srcdir)
    old = _previous_stamps(app)
    gallery = _gallery_dir(app)
    stale = [i for i, d in app.nnfig_stamps["figures"].items() if old["figures"].get(i) != d]
    for fig_id in stale:
        (gallery / f"{FIGURES[fig_id].script}.md5").unlink(missing_ok=True)
    if stale and gallery.exists():
        logger.info(f"nnfig: code changed for {len(stale)} figure(s): {', '.join(stale)}")
    # Starting worker processes costs about a second: worth it for a few figures only.
    if len(stale if gallery.exists() else FIGURES) < 4:
        app.config.sphinx_gallery_conf["parallel"] = False
    app.nnfig_stale_pages = [
        page for page, d in app.nnfig_stamps["pages"].items() if old["pages"].get(page) != d
    ]
    _forget_cached_runs(app, app.nnfig_stale_pages)


def _forget_cached_runs(app: Sphinx, pages: list[str]) -> None:
    """Drop myst-nb's cached outputs of pages whose nnfig code changed.

    myst-nb's cache is keyed by the text of a page's cells only; a page whose
    cells are unchanged but whose imported code changed must run again.
    """
    cache_dir = app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    if not pages or not Path(cache_dir).exists():
        return
    from jupyter_cache import get_cache

    cache = get_cache(cache_dir)
    stale = {str(Path(app.srcdir, f"{page}.md")) for page in pages}
    for record in cache.list_cache_records():
        if record.uri in stale:
            cache.remove_cache(record.pk)


def _create_execution_cache(app: Sphinx) -> None:
    """Create myst-nb's cache database before pages are read in parallel.

    Otherwise, on a cold build, two reader processes can both find it missing and
    both try to create its tables ("table settings already exists").
    """
    from jupyter_cache import get_cache

    config = getattr(app.env, "mystnb_config", None)
    if config is not None and config.execution_cache_path:
        get_cache(config.execution_cache_path).db  # noqa: B018 (creates the tables)


def _outdated_pages(app: Sphinx, env, added, changed, removed):
    return [page for page in app.nnfig_stale_pages if page in env.found_docs]


def _write_stamps(app: Sphinx, exc) -> None:
    gallery = _gallery_dir(app)
    if exc is None and gallery.exists():
        (gallery / STAMPS).write_text(json.dumps(app.nnfig_stamps, indent=1, sort_keys=True))


#: Repairs of the HTML of the theme, docutils and matplotlib's player: a CDN link that
#: breaks offline reading, and what the accessibility audit (axe) flags.
_BODY_REPAIRS = [
    # matplotlib's animation player links Font Awesome 4 from a CDN for its buttons; the
    # theme already serves Font Awesome, so the link only breaks offline reading.
    (re.compile(r'<link rel="stylesheet"\s+href="https://maxcdn\.bootstrapcdn\.com/[^"]*">'), ""),
    # DPub's doc-biblioentry is deprecated; inside role="list" an entry is a listitem.
    (re.compile(r'role="doc-biblioentry"'), 'role="listitem"'),
    # matplotlib's animation player: a frame image without alt text, a slider without a name.
    (re.compile(r'<img id="(_anim_img\w+)">'), r'<img id="\1" alt="The current frame">'),
    (re.compile(r'(<input id="_anim_slider\w+" type="range")'), r'\1 aria-label="Frame"'),
]
SIDEBAR_TOGGLE_LABEL = "Show or hide the pages of this section"


def _repair_html(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        for pattern, replacement in _BODY_REPAIRS:
            context["body"] = pattern.sub(replacement, context["body"])
    toctree = context.get("generate_toctree_html")
    if toctree is not None:

        def named_toctree(*args, **kwargs):
            # The sidebar's expand/collapse toggles carry only an icon: give them a name.
            tree = toctree(*args, **kwargs)  # parsed HTML (BeautifulSoup), or "" if empty
            for summary in tree.select("summary") if hasattr(tree, "select") else ():
                if not summary.get_text(strip=True):
                    summary["aria-label"] = SIDEBAR_TOGGLE_LABEL
            return tree

        context["generate_toctree_html"] = named_toctree


def setup(app: Sphinx):
    # After the theme has put its toctree function into the page context.
    app.connect("html-page-context", _repair_html, priority=900)
    themed.setup(app)
    # Before sphinx-gallery's own handlers (default priority 500) look at the checksums.
    app.connect("config-inited", _drop_stale_figures, priority=100)
    # After myst-nb has set its cache path (builder-inited, default priority 500).
    app.connect("builder-inited", _create_execution_cache, priority=600)
    app.connect("env-get-outdated", _outdated_pages)
    app.connect("build-finished", _write_stamps)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
