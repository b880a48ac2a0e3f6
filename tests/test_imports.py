"""The package's layers: what importing costs, and which way imports run."""

import subprocess
import sys

import pytest

from tests.util import ROOT

HEAVY = ("matplotlib", "torch", "sklearn")
COMPUTE = sorted(p.stem for p in (ROOT / "nnfig" / "compute").glob("*.py") if p.stem != "__init__")


def loaded_after(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.parametrize(
    "statement",
    ["import nnfig", "from nnfig import FIGURES", *(f"import nnfig.compute.{m}" for m in COMPUTE)],
)
def test_import_loads_neither_matplotlib_nor_torch(statement):
    assert loaded_after(statement) == []


def test_a_figures_data_loads_no_drawing_code():
    # What the chapters' numbers do: the digits come from scikit-learn's files, unimported.
    statement = "from nnfig import figure_data; figure_data('dataset-tensors')"
    assert loaded_after(statement) == []


def test_the_registry_loads_the_chapters_on_first_use():
    assert loaded_after("from nnfig import FIGURES; len(FIGURES)") == ["matplotlib"]


def test_training_loads_torch_only_when_it_runs():
    statement = "from nnfig.compute import runs; runs.circles_run()"
    assert "torch" in loaded_after(statement)


def test_import_contracts_hold():
    """compute → draw → chapters → registry → cli/sphinxext; compute never imports matplotlib."""
    lint = ROOT / ".venv" / "bin" / "lint-imports"
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
