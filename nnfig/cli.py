"""``python -m nnfig list`` and ``python -m nnfig render ID``.

Any bad input (an unknown id, an unwritable or contradictory output) gets one
line on stderr and exit status 2, and nothing is written: an image is drawn in
memory first and lands on disk whole, or not at all.
"""

import argparse
import io
import sys
import time
from pathlib import Path

import matplotlib

from nnfig.draw.save import FORMATS, save
from nnfig.draw.style import LAYOUTS, THEMES, theme
from nnfig.registry import FIGURES

EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints the usage too; one line is enough
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m nnfig", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help="print every figure id and its title")
    render = sub.add_parser("render", help="render one figure (or --all) to a file")
    which = render.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="figure id, as printed by 'list'")
    which.add_argument("--all", action="store_true", help="render every figure into -o DIR")
    render.add_argument("-o", "--output", help="output file (or folder with --all)")
    render.add_argument(
        "--format", choices=FORMATS, help="image format (default: the output's extension, or png)"
    )
    render.add_argument("--theme", choices=tuple(THEMES), default="light")
    render.add_argument("--scale", type=int, choices=(1, 2), default=1, help="2: high-DPI")
    render.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="wide",
        help="narrow: stacked for a phone (figures that have it; --all renders only those)",
    )
    return parser


def _list() -> int:
    width = max(map(len, FIGURES))
    for entry in FIGURES.values():
        print(f"{entry.id:<{width}}  {entry.title}")
    return 0


def _format_of(path: Path | None, fmt: str | None) -> str:
    """The format asked for, which must agree with the output's extension if it has one."""
    ext = path.suffix.lower().lstrip(".") if path else ""
    if fmt and ext and ext != fmt:
        raise UsageError(f"output {path} has extension .{ext} but --format is {fmt}")
    if not fmt and ext and ext not in FORMATS:
        raise UsageError(f"output {path}: unknown extension .{ext} (use {' or '.join(FORMATS)})")
    return fmt or ext or "png"


def _render_bytes(fig_id: str, fmt: str, scale: int, layout: str = "wide") -> bytes:
    layouts = FIGURES[fig_id].layouts
    if layout not in layouts:
        raise UsageError(f"figure {fig_id!r} has no {layout} layout (it has: {', '.join(layouts)})")
    buffer = io.BytesIO()
    save(
        FIGURES[fig_id](**({} if layout == "wide" else {"layout": layout})),
        buffer,
        format=fmt,
        scale=scale,
    )
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole: to a temporary file first, then renamed."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _check_writable_file(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"output {path} is a folder; give a file name (or use --all)")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: folder {path.parent} does not exist")


def _render_one(fig_id: str, output: str | None, fmt: str | None, scale: int, layout: str) -> int:
    if fig_id not in FIGURES:
        raise UsageError(f"unknown figure id {fig_id!r}; valid ids: {', '.join(FIGURES)}")
    path = Path(output) if output else None
    fmt = _format_of(path, fmt)
    path = path or Path(f"{fig_id}.{fmt}")
    _check_writable_file(path)
    _write(path, _render_bytes(fig_id, fmt, scale, layout))
    print(path)
    return 0


def _render_all(output: str | None, fmt: str | None, scale: int, layout: str) -> int:
    folder = Path(output or "nnfig-figures")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"output {folder} is a file; --all needs a folder")
    fmt = fmt or "png"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    total = time.perf_counter()
    for fig_id in [i for i, e in FIGURES.items() if layout in e.layouts]:
        start = time.perf_counter()
        _write(folder / f"{fig_id}.{fmt}", _render_bytes(fig_id, fmt, scale, layout))
        print(f"{fig_id:<24} {time.perf_counter() - start:7.2f} s")
    print(f"{'total':<24} {time.perf_counter() - total:7.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    matplotlib.use("Agg")
    try:
        args = _parser().parse_args(argv)
        if args.command == "list":
            return _list()
        with theme(args.theme):
            if args.all:
                return _render_all(args.output, args.format, args.scale, args.layout)
            return _render_one(args.id, args.output, args.format, args.scale, args.layout)
    except UsageError as exc:
        print(f"nnfig: {exc}", file=sys.stderr)
        return EXIT_USAGE
