"""Never stale, never more: re-run exactly the figures and pages whose code changed.

sphinx-gallery re-runs a script only when the script's own text changes, and
myst-nb's cache is keyed by a page's cells only. This keeps, per figure, a
digest of the code that can change its pixels (``nnfig.deps``: its
drawing and compute functions and the gallery's scraper, with all they reach,
and the libraries' versions) and, per chapter, of the code its cells use. When
a figure's digest changed, its sphinx-gallery checksum is dropped so that
exactly that figure re-runs; when a page's digest changed, its cached cell
outputs are dropped and the page is read and run again.
"""

import fcntl
import functools
import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from nnfig import deps
from nnfig.registry import CHAPTERS
from nnfig.sphinxext import names

STAMPS = ".nnfig-stamps.json"
LOCK = ".nnfig-write.lock"  # in myst-nb's cache folder
logger = logging.getLogger(__name__)


def _gallery_dir(app: Sphinx) -> Path:
    return Path(app.srcdir) / names.GALLERY


def inputs_digest(srcdir: Path, scrapers=()) -> str:
    """One hash of everything the stamps are computed from: when it is unchanged, so are they.

    Reading the files takes milliseconds; following every definition's names takes
    a good part of a second, which a build with nothing to do, or with only prose
    edited, should not spend. Of a page only its code cells count: they are all
    its stamp is computed from.
    """
    h = hashlib.sha256(deps.library_versions() + repr(scrapers).encode())
    for path in sorted(deps.PACKAGE.rglob("*.py")):
        h.update(str(path).encode() + b"\0" + path.read_bytes())
    for path in sorted(Path(srcdir).glob("*.md")):
        h.update(str(path).encode() + b"\0" + deps.code_cells(path.read_text()).encode())
    return h.hexdigest()


def current_stamps(srcdir: Path, scrapers=(), inputs: str | None = None) -> dict:
    """Digests of what every figure and every chapter page depends on, now.

    ``scrapers``: the dotted names of sphinx-gallery's image scrapers (from its
    configuration), which draw and save every figure.
    """
    deps._parse.cache_clear()  # sources may have changed since the last build
    scraping = [s for s in scrapers if isinstance(s, str) and s.startswith("nnfig.")]
    figures = deps.declared_figures(CHAPTERS)
    pages = {
        path.stem: deps.digest(deps.page_units(path.read_text(), figures))
        for path in sorted(Path(srcdir).glob("*.md"))
    }
    return {
        "figures": deps.figure_digests(figures, scraping),
        "pages": pages,
        "inputs": inputs or inputs_digest(srcdir, scrapers),
    }


def _previous_stamps(app: Sphinx) -> dict[str, dict[str, str]]:
    path = _gallery_dir(app) / STAMPS
    return json.loads(path.read_text()) if path.exists() else {"figures": {}, "pages": {}}


def drop_stale_figures(app: Sphinx, config) -> None:
    scrapers = config.sphinx_gallery_conf.get("image_scrapers", ())
    old = _previous_stamps(app)
    inputs = inputs_digest(app.srcdir, scrapers)
    if old.get("inputs") == inputs:
        app.nnfig_stamps = old  # nothing they depend on changed
    else:
        app.nnfig_stamps = current_stamps(app.srcdir, scrapers, inputs)
    gallery = _gallery_dir(app)
    stale = [i for i, d in app.nnfig_stamps["figures"].items() if old["figures"].get(i) != d]
    app.nnfig_stale_figures = stale
    for fig_id in stale:
        (gallery / f"{names.script(fig_id)}.md5").unlink(missing_ok=True)
    if stale and gallery.exists():
        logger.info(f"nnfig: code changed for {len(stale)} figure(s): {', '.join(stale)}")
    app.nnfig_stale_pages = [
        page for page, d in app.nnfig_stamps["pages"].items() if old["pages"].get(page) != d
    ]
    _forget_cached_runs(app, app.nnfig_stale_pages)


#: sphinx-gallery's workers when many figures run: the figures are independent, and
#: the book's machine has two cores.
WORKERS = 2


def choose_workers(app: Sphinx) -> None:
    """Run the stale figures on ``WORKERS`` workers, or a few in this process.

    Starting workers costs about a second, more than three small figures take.
    Decided when the builder starts, not when the configuration is read: the HTML
    builder hashes the configuration before, and a value that changed with the
    number of stale figures would make the next build rewrite every page. Set
    here and not in ``conf.py``, where sphinx-gallery would import joblib (and
    numpy) to check it in every build, even one that runs no figure.
    """
    gallery = _gallery_dir(app)
    stale = app.nnfig_stale_figures if gallery.exists() else app.nnfig_stamps["figures"]
    app.config.sphinx_gallery_conf["parallel"] = WORKERS if len(stale) >= 4 else False


def _forget_cached_runs(app: Sphinx, pages: list[str]) -> None:
    """Drop myst-nb's cached outputs of pages whose nnfig code changed."""
    cache_dir = app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    if not pages or not Path(cache_dir).exists():
        return
    from jupyter_cache import get_cache

    cache = get_cache(cache_dir)
    stale = {str(Path(app.srcdir, f"{page}.md")) for page in pages}
    for record in cache.list_cache_records():
        if record.uri in stale:
            cache.remove_cache(record.pk)


def create_execution_cache(app: Sphinx) -> None:
    """Create myst-nb's cache database before pages are read in parallel.

    Otherwise, on a cold build, two reader processes can both find it missing and
    both try to create its tables ("table settings already exists").
    """
    from jupyter_cache import get_cache

    config = getattr(app.env, "mystnb_config", None)
    if config is not None and config.execution_cache_path:
        get_cache(config.execution_cache_path).db  # noqa: B018 (creates the tables)


def lock_cache_writes() -> None:
    """Let one reader process at a time store an executed page in myst-nb's cache.

    jupyter-cache's ``cache_notebook_bundle`` ends by deleting the records beyond
    its limit, which it finds with two queries: a record that another reader adds
    between them is deleted before its notebook file is written, and that reader
    fails with "Notebook file does not exist for cache record PK" (parallel use is
    executablebooks/jupyter-cache#37). A lock file beside the cache makes the
    readers take turns; storing a page takes milliseconds.
    """
    from jupyter_cache.cache.main import JupyterCacheBase

    store = JupyterCacheBase.cache_notebook_bundle
    if getattr(store, "nnfig_locked", False):
        return

    @functools.wraps(store)
    def locked(self, *args, **kwargs):
        with open(Path(self.path) / LOCK, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            return store(self, *args, **kwargs)

    locked.nnfig_locked = True
    JupyterCacheBase.cache_notebook_bundle = locked


def outdated_pages(app: Sphinx, env, added, changed, removed):
    return [page for page in app.nnfig_stale_pages if page in env.found_docs]


def write_stamps(app: Sphinx, exc) -> None:
    gallery = _gallery_dir(app)
    if exc is None and gallery.exists():
        (gallery / STAMPS).write_text(json.dumps(app.nnfig_stamps, indent=1, sort_keys=True))
