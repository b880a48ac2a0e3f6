"""nnfig.sphinxext.ahead: the trained figures' data, computed from a cold build's first second."""

import subprocess
import sys

import pytest

from nnfig.registry import FIGURES
from nnfig.sphinxext import ahead, names
from nnfig.sphinxext.gallery import LongestFirst


def test_the_trained_figures_come_in_the_gallerys_order_but_its_first(tmp_path):
    gallery = sorted(map(names.script, FIGURES), key=LongestFirst(tmp_path / "figures"))
    trained = [script for script in gallery if ahead.training()[_fig_id(script)]]
    assert trained[0] == "plot_tsne_layers.py" and len(trained) >= 3  # and the classifier runs
    assert [names.script(fig_id) for fig_id in ahead.order()] == trained[1:]


def _fig_id(script: str) -> str:
    return next(fig_id for fig_id in FIGURES if names.script(fig_id) == script)


@pytest.fixture
def started(monkeypatch):
    """The commands ``ahead.start`` runs, none of them run."""
    commands = []
    monkeypatch.setattr(ahead, "_process", None)
    monkeypatch.setattr(ahead.subprocess, "Popen", lambda command, **kw: commands.append(command))
    return commands


def test_it_starts_only_when_the_store_does_not_exist(tmp_path, monkeypatch, started):
    store = tmp_path / "store"
    monkeypatch.setenv("NNFIG_CACHE", str(store))
    ahead.start()
    assert len(started) == 1 and started[0][0] == sys.executable
    monkeypatch.setattr(ahead, "_process", None)
    store.mkdir()  # a build that computed before
    ahead.start()
    monkeypatch.delenv("NNFIG_CACHE")  # no store at all: nothing to share
    ahead.start()
    assert len(started) == 1


def test_it_computes_the_data_of_each_trained_figure_in_that_order(monkeypatch):
    import nnfig.registry

    computed = []
    monkeypatch.setattr(nnfig.registry, "figure_data", computed.append)
    ahead.main()
    assert computed == ahead.order()


def test_what_it_has_not_finished_when_the_build_ends_is_stopped(monkeypatch):
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(ahead, "_process", process)
    ahead.stop(None, None)
    assert process.returncode is not None and ahead._process is None
