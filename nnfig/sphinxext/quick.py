"""What keeps builds quick (``make bench`` measures them).

- ``defer_matplotlib``: sphinx-gallery imports pyplot while it reads its
  configuration, only to select the Agg backend, which ``conf.py`` selects for
  every process of the build (``MPLBACKEND``). Skipping that import saves about
  0.3 s when no figure is stale.
- ``freeze_heap``: a process Sphinx forks inherits the main process's heap, some
  300,000 objects (Sphinx, matplotlib, the figures, the environment), and each of
  its full garbage collections walked them all, copying every memory page it
  touched: in a cold build 0.3 to 0.65 s in each reader and 0.45 s in each
  writer, 4.6 CPU-s in all (0.8 s now). ``gc.freeze()`` moves every object there
  is out of the collector's sight: before the readers fork, before the writers
  fork, and when the build is over (its last collections walked everything for
  nothing). Memory is freed at exit all the same; what was garbage when it froze
  stays until then.
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
- ``render_the_navigation_once``: before writing a page, pydata-sphinx-theme renders
  each of its sidebar templates to drop the empty ones, then the page renders them
  again; sphinx-book-theme's navigation (the site's whole table of contents) was
  rendered twice a page, half a second of a cold build's CPU. It is never empty,
  and is not checked. pydata-sphinx-theme 0.24 makes that list configurable
  (pydata/pydata-sphinx-theme#2477); the book pins 0.20.
- ``detach_exercises``: sphinx-exercise keeps, in the environment, a node of each
  exercise and solution, whose reference to its page's document made every one
  carry that whole page when pickled: 1.7 of the environment's 2 MB, loaded by
  every build (a no-op's 0.3 s) and pickled by every reader process of a cold
  build for the main process to load again. The registry keeps copies cut off
  from their page; sphinx-exercise reads only their titles, attributes and class.
- ``import_figures_meanwhile``: after the gallery, the main process needs the
  figures (the notebooks' code listings, then the pages it reads and the readers
  it forks): importing them, matplotlib included, took half a second with one
  core busy. When the gallery's workers run the scripts, a thread imports them
  while they draw, and the readers fork after it is done.
- ``stop_gallery_workers``: sphinx-gallery's worker processes stay alive after
  the last script, to be reused, and exit only when the build does: the main
  process then waits for them, about 0.4 s at the end of a cold build. They are
  told to exit once the gallery is done, and do so while the pages are read.
- ``write_in_workers``: Sphinx's parallel writing hands pages to its workers
  only once the main process has resolved each one (its references, its
  post-transforms) and fed it to the search index, one page after another: a
  second and a half of a cold build with one core busy. Here each worker
  resolves, indexes and writes its own pages, and sends back what the main
  process keeps: the search index's entries for them and the images they show.
  The pages are dealt to the workers by the size of their doctrees, so the
  chapters do not all land on one. Sphinx writes the first page alone, in the
  main process, to compile the templates once before forking: that is the page
  with the smallest doctree (in name order it would be the API reference, the
  heaviest).
"""

import contextlib
import functools
import gc
import sys
from pathlib import Path

from sphinx.application import Sphinx

from nnfig.sphinxext import meanwhile

#: Doctrees read for numbered references in this writing phase, by page.
_numref_targets: dict = {}


def defer_matplotlib() -> None:
    from sphinx_gallery import gen_gallery

    gen_gallery._import_matplotlib = lambda: None


def freeze_heap(*args) -> None:
    """Move every object there is out of the garbage collector's sight (module docs)."""
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


def render_the_navigation_once() -> None:
    """Leave sphinx-book-theme's navigation out of pydata-sphinx-theme's emptiness check."""
    from pydata_sphinx_theme import utils

    check = utils._update_and_remove_templates
    if getattr(check, "nnfig_once", False):
        return

    @functools.wraps(check)
    def without_navigation(*args, templates_skip_empty_check=None, **kwargs):
        skip = [*(templates_skip_empty_check or []), "sbt-sidebar-nav.html"]
        return check(*args, templates_skip_empty_check=skip, **kwargs)

    without_navigation.nnfig_once = True
    utils._update_and_remove_templates = without_navigation


def detach_exercises(app: Sphinx, doctree) -> None:
    """``doctree-read``: the page's exercises in the registry, apart from it (module docs)."""
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    for entry in registry.values():
        if entry["docname"] == app.env.docname:
            node = entry["node"].deepcopy()  # children copied; no parent
            for part in node.findall():
                part.document = None  # a copy keeps its original's document
            entry["node"] = node


def import_figures_meanwhile(app: Sphinx) -> None:
    """``builder-inited``, before the gallery: import the figures in a thread (module docs)."""
    if not app.config.sphinx_gallery_conf.get("parallel"):
        return  # no workers: a script that runs here imports them, or nothing needs them
    meanwhile.start(app, "figures", _import_figures)


def _import_figures() -> None:
    from nnfig.registry import FIGURES

    with contextlib.suppress(Exception):  # whatever needs the figures next reports it
        len(FIGURES)


def stop_gallery_workers(app: Sphinx, env, docnames) -> None:
    """``env-before-read-docs``: the gallery's workers exit now (see the module's docs)."""
    # Only if the gallery started them: loky's executor is a module global.
    loky = sys.modules.get("joblib.externals.loky.reusable_executor")
    executor = getattr(loky, "_executor", None)
    if executor is not None:
        executor.shutdown(wait=False)


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


def write_in_workers(app: Sphinx) -> None:
    """``builder-inited``: the HTML builder resolves pages in its workers (module docs)."""
    builder = app.builder
    if builder.name != "html":
        return
    builder._write_parallel = functools.partial(_write_parallel, builder)


def _write_parallel(builder, docnames: list[str], nproc: int) -> None:
    """``Builder._write_parallel``, with resolving and indexing done by the workers."""
    from sphinx.builders import _write_docname
    from sphinx.util.parallel import ParallelTasks

    sizes = {d: _doctree_size(builder, d) for d in docnames}
    first = min(docnames, key=sizes.get)  # the first such in name order: the same every build
    _write_docname(first, env=builder.env, builder=builder, tags=builder.tags)
    freeze_heap()  # the workers' collections skip what they inherit (module docs)
    workers = nproc + 1  # the main process only waits
    results = {}
    tasks = ParallelTasks(workers)
    for pages in deal([d for d in docnames if d != first], sizes, workers):
        tasks.add_task(
            functools.partial(_resolve_and_write, builder),
            pages,
            lambda pages, result: results.update(result),
        )
    tasks.join()
    # In the order Sphinx's own writing would have fed the index (first, then by name).
    for docname in docnames:
        if docname in results:
            _keep(builder, docname, *results[docname])


def deal(docnames: list[str], sizes: dict[str, int], workers: int) -> list[list[str]]:
    """The pages in ``workers`` groups of about equal size, largest first; each in name order."""
    groups = [[] for _ in range(workers)]
    totals = [0] * workers
    for docname in sorted(docnames, key=lambda d: (-sizes[d], d)):
        i = totals.index(min(totals))
        groups[i].append(docname)
        totals[i] += sizes[docname]
    return [sorted(g) for g in groups if g]


def _doctree_size(builder, docname: str) -> int:
    path = Path(builder.doctreedir) / f"{docname}.doctree"
    return path.stat().st_size if path.exists() else 0


def _resolve_and_write(builder, docnames: list[str]) -> dict[str, tuple]:
    """In a worker: what ``_write_docname`` does, then what the main process must keep."""
    from sphinx.util.build_phase import BuildPhase

    out = {}
    for docname in docnames:
        images = dict(builder.images)
        builder.phase = BuildPhase.RESOLVING
        doctree = builder.env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
        builder.phase = BuildPhase.WRITING
        builder.write_doc_serialized(docname, doctree)  # images and search index
        builder.write_doc(docname, doctree)
        shown = {uri: name for uri, name in builder.images.items() if uri not in images}
        out[docname] = (shown, _indexed(builder.indexer, docname))
    return out


#: The search index's tables keyed by page (``IndexBuilder.feed`` fills them).
_BY_PAGE = ("_titles", "_filenames", "_all_titles", "_index_entries")
#: Its tables from a (stemmed) word to the set of pages that hold it.
_BY_WORD = ("_mapping", "_title_mapping")


def _indexed(indexer, docname: str) -> dict | None:
    """What feeding ``docname`` put in the search index (None: not fed, a page without title)."""
    if indexer is None or docname not in indexer._titles:
        return None
    entries = {table: getattr(indexer, table)[docname] for table in _BY_PAGE}
    for table in _BY_WORD:
        entries[table] = [w for w, pages in getattr(indexer, table).items() if docname in pages]
    return entries


def _keep(builder, docname: str, shown: dict, entries: dict | None) -> None:
    """In the main process: a page a worker wrote, kept as if the main process had fed it."""
    builder.images.update(shown)
    if entries is None:
        return
    for table in _BY_PAGE:
        getattr(builder.indexer, table)[docname] = entries[table]
    for table in _BY_WORD:
        for word in entries[table]:
            getattr(builder.indexer, table).setdefault(word, set()).add(docname)
