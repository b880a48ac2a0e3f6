import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sphinx_build(src: Path, out: Path) -> subprocess.CompletedProcess:
    """Run the book's sphinx-build (warnings are errors); stdout holds both streams."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", str(src), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
