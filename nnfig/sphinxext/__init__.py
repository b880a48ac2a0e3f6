"""The book's Sphinx extension: everything between ``nnfig`` and the built site.

- ``gallery``: sphinx-gallery's scraper (every figure in every theme and scale,
  and the data of its explorer), the script order, code in the notebooks.
- ``math``: every formula typeset to SVG (MathJax in Node) when the book is built.
- ``images``: the themed image node and the ``nnfig-image``, ``nnfig-figure``
  and ``nnfig-gallery`` directives; ``source``: ``nnfig-source``, a figure's code.
- ``pdf``: the print edition (``sphinx-build -b singlehtml -t print``), printed by Chromium.
- ``previews``: pointing at a reference to a figure, an equation or a citation shows it.
- ``pages``: the chapters' cells run while the gallery draws (an extension of its
  own, listed between myst-nb and sphinx-gallery in ``conf.py``).
- ``ahead``: the trained figures' data computed from a cold build's first second, in
  a process of its own (an extension of its own, listed first in ``conf.py``).
- ``stale`` (with ``nnfig.deps``): re-run exactly the figures and pages whose code changed.
- ``quick``: keep builds quick (nothing to do; numbered references; the workers);
  ``meanwhile``: what the main process does in threads while the gallery draws.
- ``repairs``: fixes of upstream HTML (accessibility) and of the zip downloads'
  timestamps, each naming the upstream issue it works around.
- ``names``: the file names of every figure's images.
- ``api``: ``nnfig-api-figures``, the API reference's figure functions, from the registry.
"""

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from nnfig.sphinxext import (
    api,
    explorer,
    gallery,
    images,
    math,
    meanwhile,
    pdf,
    previews,
    quick,
    repairs,
    source,
    stale,
)


def code_version() -> int:
    """A number that changes with this extension's code.

    Sphinx reads every page again when an extension's ``env_version`` changes,
    so an edit here (a directive, an HTML repair) reaches every page, while the
    figures re-run only if their own digests changed.
    """
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + path.read_bytes())
    return int(h.hexdigest()[:8], 16)


def setup(app: Sphinx):
    images.setup(app)
    math.setup(app)
    explorer.setup(app)
    previews.setup(app)
    pdf.setup(app)
    api.setup(app)
    app.add_directive("nnfig-source", source.SourceDirective)
    app.add_post_transform(source.SetListingsAside)
    app.add_post_transform(source.PutListingsBack)
    # Before sphinx-gallery's own handlers (default priority 500) look at the checksums.
    app.connect("config-inited", stale.drop_stale_figures, priority=100)
    app.connect("builder-inited", stale.choose_workers, priority=400)  # before the gallery runs
    # After sphinx-gallery has run the scripts and written the notebooks (priority 500).
    app.connect("builder-inited", gallery.add_code_to_notebooks, priority=550)
    # Creates myst-nb's cache and runs the chapters' cells beside the gallery; conf.py
    # lists it before sphinx-gallery, so loading it here again changes nothing.
    app.setup_extension("nnfig.sphinxext.pages")
    stale.lock_cache_writes()  # before the parallel readers fork
    app.connect("env-get-outdated", stale.outdated_pages)
    app.connect("build-finished", stale.write_stamps)
    app.connect("build-finished", repairs.fix_downloads)
    app.connect("builder-inited", repairs.singlehtml_handlers)  # every extension's nodes are in
    # After the theme has put its toctree function into the page context.
    app.connect("html-page-context", repairs.repair_html, priority=900)
    quick.defer_matplotlib()
    quick.read_numref_targets_once()
    quick.render_the_navigation_once()
    app.connect("env-before-read-docs", quick.serial_when_few)
    app.connect("doctree-read", quick.detach_exercises)
    app.connect("builder-inited", quick.import_figures_meanwhile, priority=401)  # after workers
    app.connect("env-before-read-docs", meanwhile.finish)  # the figures are imported
    app.connect("env-before-read-docs", quick.stop_gallery_workers)
    app.connect("env-before-read-docs", quick.freeze_heap, priority=900)  # then readers fork
    app.connect("builder-inited", quick.write_in_workers)
    app.connect("env-updated", quick.forget_numref_targets)  # pages read: old doctrees go
    app.connect("build-finished", quick.forget_numref_targets)
    app.connect("build-finished", quick.freeze_heap, priority=1000)  # last
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": code_version(),
    }
