import shutil
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere

import matplotlib.pyplot as plt
import pytest

from tests.util import ROOT, sphinx_build


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The book built from clean, in a copy of its sources, with -W."""
    work = tmp_path_factory.mktemp("book")
    generated = shutil.ignore_patterns("_build", "gallery", "jupyter_execute")
    shutil.copytree(ROOT / "book", work / "book", ignore=generated)
    shutil.copytree(ROOT / "figures", work / "figures")
    html = work / "book" / "_build" / "html"
    result = sphinx_build(work / "book", html)
    if result.returncode != 0:
        pytest.fail(f"sphinx-build -W failed:\n{result.stdout[-6000:]}")
    return SimpleNamespace(result=result, html=html)
