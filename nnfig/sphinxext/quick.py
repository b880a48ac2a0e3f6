"""What keeps builds quick (``make bench`` measures them).

- ``defer_matplotlib``: sphinx-gallery imports pyplot while it reads its
  configuration, only to select the Agg backend; it selects it again before each
  script it runs (``_reset_matplotlib``), and the Makefile exports
  ``MPLBACKEND=Agg``. Skipping the first import saves about 0.3 s when no
  figure is stale.
- ``freeze_heap``: when the build is over, the interpreter's last garbage
  collections walk every object Sphinx made, about half a second for nothing.
  ``gc.freeze()`` moves them out of the collector's sight; memory is freed at
  exit all the same.
- ``serial_when_few``: with a handful of pages to read (an edit), Sphinx's worker
  processes cost more than they save: forking a main process that holds the
  whole environment, then merging what each read. A few pages are read and
  written in the main process, as older Sphinx releases did (they read in
  parallel only more than five pages); a cold build still uses every worker.
- ``read_numref_targets_once``: Sphinx resolves each ``{numref}`` by reading the
  whole doctree of the page it points to from its pickle (``StandardDomain.
  _resolve_numref_xref`` calls ``env.get_doctree``), in the main process, one
  reference after another: some ninety reads of 300 kB chapter doctrees, about a
  second of a cold build's writing. Each page is read once per writing phase.
- ``warm_up_on_the_smallest_page``: Sphinx writes the first page alone, in the
  main process, before its workers start, to compile the templates once. In
  name order that is the API reference, the heaviest page to write (three times
  the smallest page's time in a profile, about half a second more, with one
  core busy). The page with the smallest doctree goes first instead; the API
  reference is written beside the others.
"""

import functools
import gc
from pathlib import Path

from sphinx.application import Sphinx

#: Doctrees read for numbered references in this writing phase, by page.
_numref_targets: dict = {}


def defer_matplotlib() -> None:
    from sphinx_gallery import gen_gallery

    gen_gallery._import_matplotlib = lambda: None


def freeze_heap(app: Sphinx, exc) -> None:
    gc.freeze()


#: At most this many pages to read, and Sphinx reads and writes them without workers.
FEW_PAGES = 5


def serial_when_few(app: Sphinx, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: no worker processes for a few pages (see the module's docs).

    Sphinx decides after this event whether to read in parallel, and after reading
    whether to write in parallel, both from ``app.parallel``.
    """
    if len(docnames) <= FEW_PAGES:
        app.parallel = 1


def read_numref_targets_once() -> None:
    """Let numbered references read each target page's doctree once (see the module's docs).

    The doctrees are only looked at (the target's node, its number, its title).
    They are forgotten when a writing phase ends (``forget_numref_targets``), so
    pages read again in a later build of the same process are read anew.
    """
    from sphinx.domains.std import StandardDomain

    resolve = StandardDomain._resolve_numref_xref
    if getattr(resolve, "nnfig_once", False):
        return

    @functools.wraps(resolve)
    def once(self, env, *args, **kwargs):
        def get_doctree(docname):
            if docname not in _numref_targets:
                _numref_targets[docname] = type(env).get_doctree(env, docname)
            return _numref_targets[docname]

        env.get_doctree = get_doctree  # this call only
        try:
            return resolve(self, env, *args, **kwargs)
        finally:
            del env.get_doctree

    once.nnfig_once = True
    StandardDomain._resolve_numref_xref = once


def forget_numref_targets(app: Sphinx, *args) -> None:
    _numref_targets.clear()


def warm_up_on_the_smallest_page(app: Sphinx) -> None:
    """``builder-inited``: write the smallest page first (see the module's docs).

    ``_write_parallel`` writes its first page alone, then hands the others to its
    workers in the order given.
    """
    builder = app.builder
    if not hasattr(builder, "_write_parallel"):
        return
    write_parallel = builder._write_parallel

    def smallest_first(docnames, nproc):
        def size(docname):
            path = Path(builder.doctreedir) / f"{docname}.doctree"
            return path.stat().st_size if path.exists() else 0

        first = min(docnames, key=size)  # the first such in name order: the same every build
        return write_parallel([first, *(d for d in docnames if d != first)], nproc)

    builder._write_parallel = smallest_first
