"""Run the chapters' cells while the gallery draws, instead of after it.

myst-nb runs a page's cells when Sphinx reads the page, which is after the gallery
has drawn every figure: each chapter's kernel then starts, imports and reads the
build's store while the two cores wait on them. This extension starts a thread,
before the gallery, that runs every page Sphinx is going to read whose cells are
not in myst-nb's cache (the chapters), one page at a time, through myst-nb's own
cache client. When Sphinx reads the page, myst-nb finds its outputs in the cache.

A page that needs a result a gallery worker is computing (the transformer of
``tsne-layers``) waits for it (``nnfig.compute.store``) rather than computing it
again. A page whose cells fail here is left to myst-nb, which runs it again when
the page is read and reports the error with the page's name.

Listed in ``extensions`` between ``myst_nb`` and ``sphinx_gallery.gen_gallery``:
its handler runs when the builder starts (``builder-inited``), after myst-nb's
has read the configuration and before sphinx-gallery's runs the scripts.
"""

import os
import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from nnfig.registry import CHAPTERS
from nnfig.sphinxext import meanwhile, stale

logger = logging.getLogger(__name__)


def start(app: Sphinx) -> None:
    """Create myst-nb's cache, then run the pages that will be read in a thread."""
    stale.create_execution_cache(app)
    if app.env.mystnb_config.execution_mode != "cache":
        return
    pages = _to_read(app)
    if not pages:
        return
    meanwhile.start(app, "pages", lambda: _run(app, pages))


def _to_read(app: Sphinx) -> list[Path]:
    """The top-level pages Sphinx will read: new, edited, or their code changed (``stale``).

    Decided from modification times, as Sphinx decides, so that a build with
    nothing to do opens no page. A page judged wrongly costs time, not
    correctness: myst-nb runs any page it finds uncached when it reads it.
    """
    env, stale_pages = app.env, getattr(app, "nnfig_stale_pages", ())
    pages = []
    # In book order: the last chapters need the longest computations (the transformer of
    # tsne-layers), which the gallery's workers start first, so they wait the least.
    order = {page: i for i, page in enumerate(CHAPTERS)}
    sources = sorted(Path(app.srcdir).glob("*.md"), key=lambda p: (order.get(p.stem, 99), p.stem))
    for source in sources:
        page = source.stem
        read = env.all_docs.get(page)
        if (
            read is None
            or not Path(app.doctreedir, f"{page}.doctree").exists()
            or os.stat(source).st_mtime_ns // 1000 > read
            or page in stale_pages
        ):
            pages.append(source)
    return pages


def _run(app: Sphinx, pages: list[Path]) -> None:
    for path in pages:
        start = time.time()
        try:
            result = _run_page(app, path)
        except Exception:  # myst-nb runs the page again when reading it, and reports it
            continue
        if result and result["succeeded"] and result["mtime"] >= start:  # run now, not cached
            took = f"{time.time() - start:.1f} s"
            logger.info(f"nnfig: ran the cells of {path.stem} before reading it ({took})")


def _run_page(app: Sphinx, path: Path) -> dict | None:
    """Run a page as myst-nb's cache client does when reading it: its ``exec_metadata``."""
    from myst_nb.core.execute.cache import NotebookClientCache
    from myst_nb.core.nb_to_tokens import nb_node_to_dict
    from myst_nb.core.read import create_nb_reader

    env = app.env
    text = path.read_text()
    reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
    if reader is None:  # a page without cells
        return None
    notebook = reader.read(text)
    config = env.mystnb_config
    if config.metadata_key in notebook.metadata:  # a page's own settings, as myst-nb applies them
        overrides = nb_node_to_dict(notebook.metadata[config.metadata_key])
        overrides.pop("output_folder", None)
        config = config.copy(**overrides)
    client = NotebookClientCache(notebook, path, config, _Silent(), read_fmt=reader.read_fmt)
    client.start_client()  # runs the cells and caches their outputs, unless they are cached
    return client.exec_metadata


class _Silent:
    """myst-nb's client logs here: what it reports it reports again when the page is read."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def setup(app: Sphinx):
    # Same event and priority as myst-nb's configuration and sphinx-gallery's run:
    # the order of ``extensions`` puts this handler between them.
    app.connect("builder-inited", start)
    app.connect("env-before-read-docs", meanwhile.finish)  # the cells have run
    return {"parallel_read_safe": True, "parallel_write_safe": True}
