"""Math typeset at build time (nnfig.sphinxext.math), on a two-page project of its own."""

import json
import re
from pathlib import Path

import pytest

from nnfig.sphinxext import math
from tests.util import ROOT, sphinx_build

pytestmark = pytest.mark.build

CONF = r"""
extensions = ["nnfig.sphinxext.math"]
html_math_renderer = "nnfig"
math_numfig = True
nnfig_tex_macros = {"param": [r"{\class{nnfig-param}{#1}}", 1]}
"""
PAGE = r"""
Title
=====

A weight :math:`\param{w}` and an equation:

.. math::
   :label: sum

   z &= \param{w} x + b \\
     &= \sum_i w_i x_i

See :eq:`sum`, which ends in :math:`x_i`.
"""


def _project(tmp_path: Path, page: str = PAGE) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text(CONF)
    (tmp_path / "src" / "index.rst").write_text(page)
    return tmp_path / "src"


def test_formulas_become_svg_with_mathml_and_no_script(tmp_path):
    result = sphinx_build(_project(tmp_path), tmp_path / "html")
    assert result.returncode == 0, result.stdout[-3000:]
    page = (tmp_path / "html" / "index.html").read_text()
    assert page.count("<mjx-container") == 3 and page.count("<mjx-assistive-mml") == 3
    # A full stop after an inline formula never starts a line of its own.
    assert re.search(r'<span class="nnfig-nowrap">.*?</mjx-container></span>\.</span>', page)
    # The macro's class survives, so the theme's CSS colours the parameter.
    assert 'class="nnfig-param"' in page
    # The equation keeps its number and anchor; the reference points at it.
    numbered = r'<div class="math notranslate" id="equation-sum">\s*<span class="eqno">'
    assert re.search(numbered, page)
    assert 'href="#equation-sum"' in page
    # One hidden set of glyphs serves every formula on the page.
    assert page.count('class="nnfig-math-glyphs"') == 1
    used = set(re.findall(r'xlink:href="#([^"]+)"', page))
    defined = set(re.findall(r'<path id="([^"]+)"', page))
    assert used and used <= defined
    assert not re.search(r"<script[^>]*(mathjax|tex-)", page, re.I)
    css = (tmp_path / "html" / "_static" / math.CSS).read_text()
    assert "mjx-assistive-mml" in css and ".nnfig-nowrap" in css


def test_a_page_typeset_after_others_gets_what_a_node_of_its_own_gives():
    import subprocess

    macros = {"param": [r"{\class{nnfig-param}{#1}}", 1]}
    first = {"macros": macros, "items": [[r"\alpha + y", True]]}
    page = {"macros": macros, "items": [["x + y", True], [r"\param{w}", False]]}
    math._ask_node(json.dumps(first), macros)  # its glyphs must not stay in the cache
    shared = math._ask_node(json.dumps(page), macros)
    alone = subprocess.run(
        ["node", str(math.SCRIPT)], input=json.dumps(page) + "\n", capture_output=True, text=True
    )
    assert shared == json.loads(alone.stdout)
    assert shared["errors"] == [] and "MJX-NCM-I-1D6FC" not in shared["defs"]  # no alpha


def _answer_in_a_fork(request: str, macros: dict, queue) -> None:
    answer = math._ask_node(request, macros)
    queue.put((request, math._NODES[json.dumps(macros, sort_keys=True)].process.pid, answer))


def test_processes_forked_from_the_one_that_started_node_typeset_in_it():
    """Sphinx's readers, forked from the main process, share its Node, one page at a time."""
    import multiprocessing

    macros = {"act": [r"{\class{nnfig-act}{#1}}", 1]}
    items = [[[rf"\act{{x_{i}}} + {i}", True]] for i in range(4)]
    pages = [json.dumps({"macros": macros, "items": page}) for page in items]
    math._ask_node(pages[0], macros)  # started here, as the CSS starts it before reading
    node = math._NODES[json.dumps(macros, sort_keys=True)].process
    fork = multiprocessing.get_context("fork")
    queue = fork.Queue()
    readers = [fork.Process(target=_answer_in_a_fork, args=(p, macros, queue)) for p in pages]
    for reader in readers:
        reader.start()
    answers = [queue.get(timeout=120) for _ in readers]
    for reader in readers:
        reader.join()
    assert {pid for _, pid, _ in answers} == {node.pid}  # no Node of their own
    for request, _, answer in answers:  # each its own page's answer, whole
        assert answer == math._ask_node(request, macros)
    assert node.poll() is None  # the forks' exits did not stop it


def test_a_tex_error_fails_the_build_and_names_the_formula(tmp_path):
    src = _project(tmp_path, PAGE.replace(r"\sum_i", r"\frac{1}{"))
    result = sphinx_build(src, tmp_path / "html")
    assert result.returncode != 0
    assert "TeX error" in result.stdout and r"\frac{1}{" in result.stdout


def test_a_page_whose_math_is_unchanged_does_not_start_node(tmp_path, monkeypatch):
    src = _project(tmp_path)
    assert sphinx_build(src, tmp_path / "html").returncode == 0
    cache = sorted((tmp_path / "doctrees" / "nnfig-math").glob("*.json"))
    assert cache
    # Prose changes, formulas do not: the cached SVG is used, no file is added.
    (src / "index.rst").write_text(PAGE.replace("and an equation", "and one equation"))
    assert sphinx_build(src, tmp_path / "html").returncode == 0
    assert sorted((tmp_path / "doctrees" / "nnfig-math").glob("*.json")) == cache


def test_writing_the_pages_starts_no_node(tmp_path):
    """Formulas are typeset as pages are read: rewriting every page needs neither Node nor cache."""
    import subprocess
    import sys

    from tests.util import plain_env

    src, html = _project(tmp_path), tmp_path / "html"
    assert sphinx_build(src, html).returncode == 0
    before = (html / "index.html").read_text()
    pages = [
        p
        for p in (tmp_path / "doctrees" / "nnfig-math").glob("*.json")
        if json.loads(p.read_text())["html"]  # keep the CSS, which every build writes
    ]
    assert pages
    for path in pages:
        path.unlink()
    (html / "index.html").unlink()
    env = {**plain_env(), "PATH": str(tmp_path)}  # no node on it
    command = [sys.executable, "-m", "sphinx", "-W", "-a", "-b", "html"]
    done = subprocess.run(
        [*command, "-d", str(tmp_path / "doctrees"), str(src), str(html)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (html / "index.html").read_text() == before


def test_the_theme_template_differs_from_upstream_only_by_fontawesome():
    """book/_templates/static/webpack-macros.html must follow the installed theme."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    upstream = (theme / "static" / "webpack-macros.html").read_text()
    ours = (ROOT / "book" / "_templates" / "static" / "webpack-macros.html").read_text()
    macros = upstream.split("-->\n", 1)[1].splitlines()
    kept = [line for line in macros if "fontawesome" not in line and "custom icons" not in line]
    assert ours.split("-#}\n", 1)[1].splitlines() == kept
    assert "fontawesome" in upstream
