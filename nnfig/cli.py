"""``python -m nnfig list`` and ``python -m nnfig render ID``."""

import argparse
import sys
import time
from pathlib import Path

import matplotlib

from nnfig.registry import FIGURES
from nnfig.render import FORMATS, save
from nnfig.style import THEMES, theme

EXIT_UNKNOWN_ID = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nnfig", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="print every figure id and its title")
    render = sub.add_parser("render", help="render one figure (or --all) to a file")
    which = render.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="figure id, as printed by 'list'")
    which.add_argument("--all", action="store_true", help="render every figure into -o DIR")
    render.add_argument("-o", "--output", help="output file (or folder with --all)")
    render.add_argument("--format", choices=FORMATS, default="png")
    render.add_argument("--theme", choices=tuple(THEMES), default="light")
    render.add_argument("--scale", type=int, choices=(1, 2), default=1, help="2: high-DPI")
    return parser


def _list() -> int:
    width = max(map(len, FIGURES))
    for entry in FIGURES.values():
        print(f"{entry.id:<{width}}  {entry.title}")
    return 0


def _render_one(fig_id: str, output: str | None, fmt: str, scale: int) -> int:
    if fig_id not in FIGURES:
        print(f"unknown figure id {fig_id!r}; valid ids are:", file=sys.stderr)
        print("\n".join(f"  {i}" for i in FIGURES), file=sys.stderr)
        return EXIT_UNKNOWN_ID
    path = Path(output or f"{fig_id}.{fmt}")
    save(FIGURES[fig_id](), path, format=fmt, scale=scale)
    print(path)
    return 0


def _render_all(output: str | None, fmt: str, scale: int) -> int:
    folder = Path(output or "nnfig-figures")
    folder.mkdir(parents=True, exist_ok=True)
    total = time.perf_counter()
    for fig_id, entry in FIGURES.items():
        start = time.perf_counter()
        save(entry(), folder / f"{fig_id}.{fmt}", format=fmt, scale=scale)
        print(f"{fig_id:<24} {time.perf_counter() - start:7.2f} s")
    print(f"{'total':<24} {time.perf_counter() - total:7.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    matplotlib.use("Agg")
    args = _parser().parse_args(argv)
    if args.command == "list":
        return _list()
    with theme(args.theme):
        if args.all:
            return _render_all(args.output, args.format, args.scale)
        return _render_one(args.id, args.output, args.format, args.scale)
