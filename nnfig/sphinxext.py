"""Glue between the book's Sphinx build and ``nnfig``.

- ``scraper``: sphinx-gallery's matplotlib scraper with the book's savefig settings,
  so a gallery image has the same bytes as ``python -m nnfig render``.
- ``RegistryOrder``: sorts gallery scripts in registry (book) order.
- Never stale: sphinx-gallery re-runs a script only when the script's own text
  changes. When any ``nnfig`` source changed since the last good build, this
  extension drops sphinx-gallery's per-script checksums (so every figure re-runs)
  and marks every page outdated (so numbers glued from the code are recomputed).
"""

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_gallery.scrapers import matplotlib_scraper

from nnfig.registry import FIGURES
from nnfig.style import SAVEFIG

PACKAGE = Path(__file__).resolve().parent
STAMP = ".nnfig-sources.sha256"
logger = logging.getLogger(__name__)


def scraper(block, block_vars, gallery_conf):
    return matplotlib_scraper(block, block_vars, gallery_conf, **SAVEFIG["png"])


class RegistryOrder:
    """sphinx-gallery sort key: the order in which ``FIGURES`` lists the figures."""

    def __init__(self, src_dir):
        self.src_dir = src_dir
        self.rank = {entry.script: i for i, entry in enumerate(FIGURES.values())}

    def __call__(self, filename):
        return (self.rank.get(filename, len(self.rank)), filename)

    def __repr__(self):
        return f"<{type(self).__name__}>"


def sources_digest() -> str:
    """One hash over every source file of the ``nnfig`` package."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _gallery_dir(app: Sphinx) -> Path:
    dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    return Path(app.srcdir) / (dirs if isinstance(dirs, str) else dirs[0])


def _drop_stale_figures(app: Sphinx, config) -> None:
    gallery = _gallery_dir(app)
    stamp = gallery / STAMP
    app.nnfig_digest = sources_digest()
    app.nnfig_changed = not stamp.exists() or stamp.read_text() != app.nnfig_digest
    if app.nnfig_changed and gallery.exists():
        logger.info("nnfig sources changed: every figure will be regenerated")
        for md5 in gallery.glob("*.md5"):
            md5.unlink()


def _outdated_pages(app: Sphinx, env, added, changed, removed):
    return sorted(env.found_docs) if app.nnfig_changed else []


def _write_stamp(app: Sphinx, exc) -> None:
    gallery = _gallery_dir(app)
    if exc is None and gallery.exists():
        (gallery / STAMP).write_text(app.nnfig_digest)


def setup(app: Sphinx):
    # Before sphinx-gallery's own handlers (default priority 500) look at the checksums.
    app.connect("config-inited", _drop_stale_figures, priority=100)
    app.connect("env-get-outdated", _outdated_pages)
    app.connect("build-finished", _write_stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
