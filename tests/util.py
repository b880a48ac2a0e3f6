import io
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURE_BLOCK = re.compile(r"```\{nnfig-figure\} (\S+)\n(.*?)```", re.S)


def chapter(name: str) -> str:
    """The MyST source of one chapter of the book."""
    return (ROOT / "book" / f"{name}.md").read_text()


def captions(text: str) -> dict[str, str]:
    """Figure id → caption (whitespace collapsed) of every ``nnfig-figure`` block of a chapter."""
    return {fig_id: " ".join(body.split()) for fig_id, body in FIGURE_BLOCK.findall(text)}


def visible_texts(fig) -> list:
    """Every visible, non-empty text artist of ``fig``."""
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def plain_env(**extra: str) -> dict[str, str]:
    """The environment with Sphinx's colours off: it turns them on when CI=true, and
    colour output rewrites progress lines in place, which the tests parse."""
    return {**os.environ, "NO_COLOR": "1", **extra}


def sphinx_build(
    src: Path, out: Path, *, builder: str = "html", tags: tuple[str, ...] = (), jobs: int = 1
) -> subprocess.CompletedProcess:
    """Run the book's sphinx-build (warnings are errors); stdout holds both streams.

    Doctrees go beside the output, not inside it (they hold absolute paths)."""
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", builder, "-j", str(jobs)]
    command += [arg for tag in tags for arg in ("-t", tag)]
    doctrees = out.parent / ("doctrees" if builder == "html" else f"doctrees-{out.name}")
    return subprocess.run(
        [*command, "-d", str(doctrees), str(src), str(out)],
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
