"""`make bench`: how long the book takes to build, and how heavy its pages are.

A benchmark, not a test: it prints tables and asserts nothing about time.
Builds run on a scratch copy of the project (its own ``nnfig`` first on
PYTHONPATH), so the working tree is never edited. Every timing is the median
of ``--runs`` runs.

    python tests/benchmark.py [--runs 3]
"""

import argparse
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
SPHINX = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-j", "4", "-b", "html"]
HELPER = ("nnfig/draw/diagrams.py", "lw=1.3,\n            zorder=2,")  # draw_blocks' box outline
CHAPTER = ("book/perceptrons.md", "Neural nets borrow")


def _median_time(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Scratch:
    """A copy of the project to build and edit."""

    def __init__(self, root: Path):
        self.root = root
        ignore = shutil.ignore_patterns("_build", "gallery", "jupyter_execute", "__pycache__")
        for part in ("book", "figures", "nnfig"):
            shutil.copytree(ROOT / part, root / part, ignore=ignore)
        self.env = {**os.environ, "PYTHONPATH": str(root), "OMP_NUM_THREADS": "1"}

    def build(self) -> None:
        result = subprocess.run(
            [*SPHINX, "-d", "book/_build/doctrees", "book", "book/_build/html"],
            cwd=self.root,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if result.returncode != 0:
            sys.exit(f"sphinx-build failed in {self.root}:\n{result.stdout[-4000:]}")

    def clean(self) -> None:
        for part in ("book/_build", "book/gallery", "book/jupyter_execute"):
            shutil.rmtree(self.root / part, ignore_errors=True)

    def toggle(self, rel: str, marker: str) -> None:
        """Edit a file so that the edit matters (the helper draws differently), alternately."""
        path = self.root / rel
        text = path.read_text()
        if rel.endswith(".py"):
            new = marker.replace("1.3", "1.4")
            text = text.replace(marker, new) if marker in text else text.replace(new, marker)
        else:
            text = text.replace(marker, f"{marker} ", 1)
        path.write_text(text)


def render_all(runs: int) -> dict[str, float]:
    """`python -m nnfig render --all` in one process: median time of each figure."""
    per_figure = defaultdict(list)
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            result = subprocess.run(
                [sys.executable, "-m", "nnfig", "render", "--all", "-o", out],
                check=True,
                capture_output=True,
                text=True,
            )
            for line in result.stdout.splitlines():
                name, seconds, _unit = line.split()
                per_figure[name].append(float(seconds))
    return {name: statistics.median(times) for name, times in per_figure.items()}


#: Reading conditions of the page-weight table: (column, theme, device pixel ratio).
READERS = [("1× light", "light", 1), ("2× light", "light", 2), ("1× dark", "dark", 1)]


def page_weights(site: Path, *, theme: str = "light", scale: int = 1) -> dict[str, dict]:
    """Bytes each page transfers in Chromium when read to the end, by kind.

    Kinds: html, images, scripts, other. The page is scrolled to its end so that
    lazily loaded images count, as they would for a reader of the whole page.
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("_")
    )
    weights = {}
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for page_name in pages:
            sizes = defaultdict(int)
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, device_scale_factor=scale
            )
            store = "localStorage.setItem('{}', '{}');"
            context.add_init_script(store.format("mode", theme) + store.format("theme", theme))
            page = context.new_page()

            def count(response, sizes=sizes):
                # Sizes of the served files (the server sends them as they are on disk).
                path = site / unquote(urlsplit(response.url).path).lstrip("/")
                if response.url.startswith(base) and path.is_file():
                    kind = {"document": "html", "image": "images", "script": "scripts"}.get(
                        response.request.resource_type, "other"
                    )
                    sizes[kind] += path.stat().st_size

            page.on("response", count)
            page.goto(f"{base}/{page_name}", wait_until="networkidle")
            height = page.evaluate("document.documentElement.scrollHeight")
            for y in range(0, height, 600):
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(30)
            page.wait_for_load_state("networkidle")
            context.close()
            weights[page_name] = dict(sizes)
        browser.close()
    server.shutdown()
    return weights


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args(argv).runs

    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; median of {runs} runs\n"
    )
    figures = render_all(runs)
    print("| figure | render (s) |\n|---|---:|")
    for name, seconds in figures.items():
        print(f"| {name} | {seconds:.2f} |")

    with tempfile.TemporaryDirectory() as tmp:
        scratch = Scratch(Path(tmp))
        cold = _median_time(lambda: (scratch.clean(), scratch.build()), runs)
        noop = _median_time(scratch.build, runs)
        helper = _median_time(lambda: (scratch.toggle(*HELPER), scratch.build()), runs)
        chapter = _median_time(lambda: (scratch.toggle(*CHAPTER), scratch.build()), runs)
        site = scratch.root / "book" / "_build" / "html"
        weights = {column: page_weights(site, theme=t, scale=k) for column, t, k in READERS}
        total = _tree_size(site)
        mathjax = _tree_size(site / "_static" / "mathjax")

    floor = figures["total"]
    helper_figures = figures["deep-net-stack"] + figures["fast-slow"]
    print("\n| build | time (s) | target (s) |\n|---|---:|---:|")
    print(f"| `render --all`, one process | {floor:.1f} | |")
    print(f"| cold build (after install) | {cold:.1f} | ≤ {1.3 * floor + 15:.1f} |")
    print(f"| no-op rebuild | {noop:.1f} | ≤ 3.0 |")
    print(
        f"| rebuild after editing one drawing helper (2 figures) | {helper:.1f} | "
        f"≤ {helper_figures + 5:.1f} |"
    )
    print(f"| rebuild after editing one chapter's prose | {chapter:.1f} | |")

    columns = [column for column, _, _ in READERS]
    print(
        "\n| page | HTML (kB) | scripts (kB) | other (kB) | "
        + " | ".join(f"images, {c} (kB)" for c in columns)
        + " | total, 1× light (kB) |"
    )
    print("|---|" + "---:|" * (4 + len(columns)))
    for name, sizes in weights[columns[0]].items():
        kinds = [sizes.get(k, 0) / 1000 for k in ("html", "scripts", "other")]
        images = [weights[c][name].get("images", 0) / 1000 for c in columns]
        total = sum(kinds) + images[0]
        cells = " | ".join(f"{v:.0f}" for v in (*kinds, *images))
        print(f"| {name} | {cells} | {total:.0f} |")
    print(f"\nWhole site: {total / 1e6:.1f} MB on disk, of which MathJax {mathjax / 1e6:.1f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
