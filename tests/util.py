import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def plain_env(**extra: str) -> dict[str, str]:
    """The environment with Sphinx's colours off: it turns them on when CI=true, and
    colour output rewrites progress lines in place, which the tests parse."""
    return {**os.environ, "NO_COLOR": "1", **extra}


def sphinx_build(src: Path, out: Path) -> subprocess.CompletedProcess:
    """Run the book's sphinx-build (warnings are errors); stdout holds both streams.

    Doctrees go beside the site, not inside it (they hold absolute paths)."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html"]
    return subprocess.run(
        [*command, "-d", str(out.parent / "doctrees"), str(src), str(out)],
        env=plain_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def png_bytes(fig_id: str, *, theme_name: str = "light", scale: int = 1, **kwargs) -> bytes:
    """A figure as the CLI and the gallery save it, in a theme and at a scale."""
    from nnfig import FIGURES, save
    from nnfig.draw.style import theme

    buf = io.BytesIO()
    with theme(theme_name):
        save(FIGURES[fig_id](**kwargs), buf, scale=scale)
    return buf.getvalue()
