"""Two builds from clean give the same site, byte for byte, in every file."""

import hashlib
import shutil

import pytest

from tests.util import ROOT, sphinx_build

pytestmark = pytest.mark.build


def digests(html) -> dict[str, str]:
    return {
        p.relative_to(html).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(html.rglob("*"))
        if p.is_file()
    }


def test_two_clean_builds_give_the_same_site(built_book, tmp_path):
    generated = shutil.ignore_patterns("_build", "gallery", "jupyter_execute", "__pycache__")
    shutil.copytree(ROOT / "book", tmp_path / "book", ignore=generated)
    shutil.copytree(ROOT / "figures", tmp_path / "figures")
    html = tmp_path / "book" / "_build" / "html"
    result = sphinx_build(tmp_path / "book", html)
    assert result.returncode == 0, result.stdout[-4000:]
    first, second = digests(built_book.html), digests(html)
    assert first.keys() == second.keys()
    # The explorers' data, written at build time, are compared too.
    assert {"_static/explorer/remap-checkpoints.js", "_static/explorer/remap-circles.js"} <= set(
        first
    )
    assert any("_001_narrow" in name for name in first)  # phones' arrangements too
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == [], differing
