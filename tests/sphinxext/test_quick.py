"""What keeps builds quick (``nnfig.sphinxext.quick``), each on a project or stand-in of its own."""

import filecmp
from pathlib import Path

import pytest
from PIL import Image

from nnfig.sphinxext.quick import deal
from tests.util import sphinx_build

CONF = """
from nnfig.sphinxext import quick

extensions = []
numfig = True

def setup(app):
    app.connect("builder-inited", quick.write_in_workers)
"""
PAGE = """{title}
{underline}

Page {i} speaks of {word} and of perceptrons.

.. index:: {word}

.. _fig-{i}:

.. figure:: dot.png

   The dot of page {i}.

See :numref:`fig-{other}` on another page.
"""


def _project(root: Path, n_pages: int = 12) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF)
    Image.new("RGB", (4, 4), "black").save(src / "dot.png")
    words = ["softmax", "tensor", "gradient", "relu", "batch", "kernel"]
    names = [f"page{i:02d}" for i in range(n_pages)]
    toctree = "\n".join(f"   {n}" for n in names)
    (src / "index.rst").write_text(f"Book\n====\n\n.. toctree::\n\n{toctree}\n")
    for i, name in enumerate(names):
        title = f"Page {i}"
        text = PAGE.format(
            title=title, underline="=" * len(title), i=i, word=words[i % len(words)],
            other=(i + 1) % n_pages,
        )  # fmt: skip
        (src / f"{name}.rst").write_text(text)
    return src


def test_pages_are_dealt_by_size_each_group_in_name_order():
    sizes = {"api": 900, "mlp": 300, "layers": 300, "index": 50, "g/a": 20, "g/b": 20, "g/c": 20}
    groups = deal(list(sizes), sizes, 3)
    assert sorted(d for g in groups for d in g) == sorted(sizes)
    assert all(g == sorted(g) for g in groups)
    assert groups[0] == ["api"]  # the largest alone: the others make up its size together
    assert deal(list(sizes), sizes, 3) == groups  # the same every build
    assert deal(["a", "b"], {"a": 1, "b": 1}, 4) == [["a"], ["b"]]  # no empty group


@pytest.mark.build
def test_writing_in_the_workers_makes_the_site_serial_writing_makes(tmp_path):
    src = _project(tmp_path)
    serial, parallel = tmp_path / "serial" / "html", tmp_path / "parallel" / "html"
    for out, jobs in ((serial, 1), (parallel, 4)):
        result = sphinx_build(src, out, jobs=jobs)
        assert result.returncode == 0, result.stdout[-3000:]
    # The same files with the same bytes: pages, images, and the search index the
    # workers fed for the main process.
    compared = filecmp.dircmp(serial, parallel, ignore=[".buildinfo", ".doctrees"])
    assert _differences(compared) == []
    assert (parallel / "_images" / "dot.png").exists()
    assert "kernel" in (parallel / "searchindex.js").read_text()


def _differences(compared: filecmp.dircmp) -> list[str]:
    _, mismatch, errors = filecmp.cmpfiles(
        compared.left, compared.right, compared.common_files, shallow=False
    )
    found = mismatch + errors + compared.left_only + compared.right_only
    for sub in compared.subdirs.values():
        found += _differences(sub)
    return found


EXERCISES_CONF = """
from nnfig.sphinxext import quick

extensions = ["sphinx_exercise"]
numfig = True

def setup(app):
    if DETACH:
        app.connect("doctree-read", quick.detach_exercises)
"""
EXERCISE = """{title}
{underline}

{filler}

.. exercise:: Exercise {i}
   :label: ex-{i}

   Draw the line of page {i}.

.. solution:: ex-{i}
   :label: sol-{i}

   The line of page {i}, drawn.

See :numref:`ex-{other}` and :ref:`sol-{other}`.
"""


@pytest.mark.build
def test_the_exercise_registry_holds_no_page_and_the_site_is_the_same(tmp_path):
    import pickle

    sites = {}
    for detach in (False, True):
        src = tmp_path / f"src-{detach}"
        src.mkdir()
        (src / "conf.py").write_text(f"DETACH = {detach}\n" + EXERCISES_CONF)
        (src / "index.rst").write_text("Book\n====\n\n.. toctree::\n\n   one\n   two\n")
        for i, name in enumerate(("one", "two"), start=1):
            text = EXERCISE.format(
                title=name.title(), underline="=" * len(name), i=i, other=3 - i,
                filler="A long page. " * 2000,
            )  # fmt: skip
            (src / f"{name}.rst").write_text(text)
        out = tmp_path / f"out-{detach}" / "html"
        result = sphinx_build(src, out)
        assert result.returncode == 0, result.stdout[-3000:]
        env = (out.parent / "doctrees" / "environment.pickle").read_bytes()
        sites[detach] = out, len(env), pickle.loads(env).sphinx_exercise_registry
    (whole, whole_size, _), (cut, cut_size, registry) = sites[False], sites[True]
    assert sorted(registry) == ["ex-1", "ex-2", "sol-1", "sol-2"]
    for entry in registry.values():
        assert entry["node"].parent is None and entry["node"].document is None
    assert cut_size < whole_size / 2  # the filler of each page is no longer in it
    for page in ("one.html", "two.html"):  # numbers and titles resolve as before
        assert (cut / page).read_bytes() == (whole / page).read_bytes()
    assert "Solution to" in (cut / "one.html").read_text()


def test_the_navigation_is_not_rendered_to_check_it_is_empty():
    from types import SimpleNamespace

    from pydata_sphinx_theme import utils

    from nnfig.sphinxext.quick import render_the_navigation_once

    rendered = []

    def render(template, context):
        rendered.append(template)
        return "" if template == "empty.html" else "<p>x</p>"

    app = SimpleNamespace(builder=SimpleNamespace(templates=SimpleNamespace(render=render)))
    render_the_navigation_once()
    render_the_navigation_once()  # once is enough: the wrapper is not wrapped again
    kept = utils._update_and_remove_templates(
        app=app, context={}, templates="sbt-sidebar-nav, empty, full", section="sidebars"
    )
    assert kept == ["sbt-sidebar-nav.html", "full.html"]  # the empty one is still dropped
    assert rendered == ["empty.html", "full.html"]


FROZEN_CONF = """
import gc, json, os
from pathlib import Path

from nnfig.sphinxext import quick

numfig = True
MAIN = os.getpid()

def probe(app, event):
    record = Path(app.srcdir).parent / "frozen" / f"{event}-{os.getpid()}.json"
    if not record.exists():  # a process's first page
        record.parent.mkdir(exist_ok=True)
        seen = {"main": os.getpid() == MAIN, "frozen": gc.get_freeze_count()}
        record.write_text(json.dumps(seen))

def setup(app):
    app.connect("builder-inited", quick.write_in_workers)
    app.connect("env-before-read-docs", quick.freeze_heap, priority=900)  # as nnfig.sphinxext
    app.connect("env-before-read-docs", lambda app, *a: probe(app, "forking"), priority=950)
    app.connect("doctree-read", lambda app, *a: probe(app, "read"))
    app.connect("html-page-context", lambda app, *a: probe(app, "write"))
"""


@pytest.mark.build
def test_readers_and_writers_fork_from_a_frozen_heap(tmp_path):
    """Their garbage collections skip what they inherit (``quick.freeze_heap``)."""
    import json

    src = _project(tmp_path)
    (src / "conf.py").write_text(FROZEN_CONF)
    result = sphinx_build(src, tmp_path / "html", jobs=4)
    assert result.returncode == 0, result.stdout[-3000:]
    records = {}
    for path in (tmp_path / "frozen").glob("*.json"):
        event = path.name.split("-")[0]
        records.setdefault(event, []).append(json.loads(path.read_text()))
    [forking] = records["forking"]
    readers = [r for r in records["read"] if not r["main"]]
    writers = [r for r in records["write"] if not r["main"]]
    assert readers and writers  # forked processes read and wrote the pages
    assert forking["frozen"] > 0
    assert all(r["frozen"] > 0 for r in readers)  # (some frozen objects are freed since)
    # Frozen again before the writers fork: what reading made is out of sight too.
    assert all(r["frozen"] > forking["frozen"] for r in writers)
