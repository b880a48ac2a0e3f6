"""`make bench`: how long the book takes to build, and how heavy its pages are.

A benchmark, not a test: it prints tables and asserts nothing about time.
Builds run on a scratch copy of the project (its own ``nnfig`` first on
PYTHONPATH), so the working tree is never edited. Every timing is the median
of ``--runs`` runs.

    python tests/benchmark.py [--runs 3]
"""

import argparse
import contextlib
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
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
SPHINX = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-j", "4", "-b", "html"]
HELPER = ("nnfig/draw/diagrams.py", "lw=1.3,\n            zorder=2,")  # draw_blocks' box outline
HELPER_UNIT = ("nnfig.draw.diagrams", "draw_blocks")
CHAPTER = ("book/perceptrons.md", "Neural nets borrow")


def _median_time(name: str, action, runs: int, *, prepare=None) -> float:
    """Median wall time of ``action`` (after an untimed ``prepare``); prints every run."""
    times = []
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{name}: {', '.join(f'{t:.1f}' for t in times)} s; median {median:.1f} s", flush=True)
    return median


class Scratch:
    """A copy of the project to build and edit."""

    def __init__(self, root: Path):
        self.root = root
        ignore = shutil.ignore_patterns("_build", "gallery", "jupyter_execute", "__pycache__")
        for part in ("book", "figures", "nnfig"):
            shutil.copytree(ROOT / part, root / part, ignore=ignore)
        (root / "node_modules").symlink_to(ROOT / "node_modules")  # MathJax, for the math
        self.env = {**os.environ, "PYTHONPATH": str(root), "OMP_NUM_THREADS": "1"}

    def build(self, *, sample: bool = False) -> "Sample | None":
        """Build; with ``sample``, return its memory and CPU time (``Sample``), else None.

        Sampling reads every process's page map, so timed builds do not sample.
        """
        with tempfile.TemporaryFile("w+") as log:
            command = [*SPHINX, "-d", "book/_build/doctrees", "book", "book/_build/html"]
            start = time.perf_counter()
            build = subprocess.Popen(
                command, cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
            sampled = _sample(build, start) if sample else None
            if build.wait() != 0:
                log.seek(0)
                sys.exit(f"sphinx-build failed in {self.root}:\n{log.read()[-4000:]}")
        return sampled

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


#: What a build's processes are, by a word of their command line: the CPU table's rows.
KINDS = [
    ("gallery workers: the figure scripts", "joblib"),
    ("kernels: the chapters' cells", "ipykernel"),
    ("MathJax in Node: the formulas", "typeset.cjs"),
    ("computing ahead: the classifier runs", "nnfig.sphinxext.ahead"),
    ("Sphinx's workers: reading and writing pages", "sphinx"),  # after: "sphinxext"
]
MAIN = "Sphinx's main process"


@dataclass
class Sample:
    """A sampled build: its peak memory and the CPU time of each kind of process.

    Memory is the proportional set size (PSS) summed over the build and every
    process it started, sampled every half second: pages that forked workers
    share with their parent count once. CPU time is each process's last sampled
    user + system time, so a process that lives less than half a second may be
    missed; ``wall`` is the build's own time.
    """

    peak: int
    cpu: dict[str, float]
    wall: float


def _kind(process, build_pid: int) -> str:
    if process.pid == build_pid:
        return MAIN
    command = " ".join(process.cmdline())
    return next((name for name, word in KINDS if word in command), "other")


def _sample(build: subprocess.Popen, start: float) -> Sample:
    import psutil

    parent, peak, cpu = psutil.Process(build.pid), 0, {}
    while build.poll() is None:
        total = 0
        for process in [parent, *parent.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # ended while being read
                total += process.memory_full_info().pss
                times = process.cpu_times()
                # A process's kind is read once: an ending one's command line is empty.
                kind = cpu[process.pid][0] if process.pid in cpu else _kind(process, build.pid)
                cpu[process.pid] = (kind, times.user + times.system)
        peak = max(peak, total)
        time.sleep(0.5)
    wall = time.perf_counter() - start
    by_kind = defaultdict(float)
    for kind, seconds in cpu.values():
        by_kind[kind] += seconds
    return Sample(peak, dict(by_kind), wall)


def render_all() -> dict[str, float]:
    """`python -m nnfig render --all` in one process: the time of each figure, and "total"."""
    with tempfile.TemporaryDirectory() as out:
        env = {k: v for k, v in os.environ.items() if k != "NNFIG_CACHE"}  # computes all
        result = subprocess.run(
            [sys.executable, "-m", "nnfig", "render", "--all", "-o", out],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
    times = {}
    for line in result.stdout.splitlines():
        name, seconds, _unit = line.split()
        times[name] = float(seconds)
    return times


def render_and_cold(scratch: "Scratch", runs: int) -> tuple[dict[str, float], float, float]:
    """Median time of each figure in `render --all`, of a cold build, and of their ratio.

    Each cold build follows a `render --all` and is compared with it alone: the
    machine's speed drifts (by a third within an hour), and a ratio of two medians
    taken minutes apart would measure the drift as much as the build.
    """
    renders, colds = [], []
    for _ in range(runs):
        renders.append(render_all())
        scratch.clean()
        start = time.perf_counter()
        scratch.build()
        colds.append(time.perf_counter() - start)
    ratios = [cold / render["total"] for cold, render in zip(colds, renders, strict=True)]
    for label, values, unit in [
        ("render --all", [r["total"] for r in renders], " s"),
        ("cold", colds, " s"),
        ("cold / render --all", ratios, ""),
    ]:
        print(f"{label}: {', '.join(f'{v:.2f}' for v in values)}{unit}; "
              f"median {statistics.median(values):.2f}{unit}", flush=True)  # fmt: skip
    figures = {name: statistics.median(r[name] for r in renders) for name in renders[0]}
    return figures, statistics.median(colds), statistics.median(ratios)


#: Readers of the page-weight table: (column, theme, device pixel ratio, viewport).
PHONE = ("phone", "light", 2, (360, 740))
READERS = [
    PHONE,
    ("1× light", "light", 1, (1280, 900)),
    ("2× light", "light", 2, (1280, 900)),
    ("1× dark", "dark", 1, (1280, 900)),
]
#: Script a page may load (tests/book/test_phone.py holds every page to it).
SCRIPT_BUDGET_KB = 300


def page_weights(site: Path, *, theme="light", scale=1, size=(1280, 900)) -> dict[str, dict]:
    """Bytes each page transfers in Chromium, by kind: html, images, scripts, other.

    ``scripts`` counts what the page loads before the reader scrolls; then the page
    is scrolled to its end so that lazily loaded images count, as they would for a
    reader of the whole page.
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
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
                viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale
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
            scripts_at_load = sizes["scripts"]
            height = page.evaluate("document.documentElement.scrollHeight")
            for y in range(0, height, 600):
                page.evaluate(f"window.scrollTo(0, {y})")
                page.wait_for_timeout(30)
            page.wait_for_load_state("networkidle")
            context.close()
            weights[page_name] = {**sizes, "scripts": scripts_at_load}
        browser.close()
    server.shutdown()
    return weights


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page closed mid-download
            super().handle_error(request, client_address)


def _tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    align = ["---", *("---:" for _ in header[1:])]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def weights_table(weights: dict[str, dict[str, dict]], site_bytes: int) -> str:
    """The README's page-weight table: what each page costs each reader, in kB."""
    columns = [column for column, *_ in READERS]
    phone = weights[PHONE[0]]
    header = [
        "page",
        "HTML",
        "script at load",
        "other",
        *(f"images, {c}" for c in columns),
        "total, phone",
    ]
    rows, totals = [], defaultdict(float)
    for name, sizes in phone.items():
        kinds = [sizes.get(k, 0) / 1000 for k in ("html", "scripts", "other")]
        images = [weights[c][name].get("images", 0) / 1000 for c in columns]
        values = [*kinds, *images, sum(kinds) + images[0]]
        for i, v in enumerate(values):
            totals[i] += v
        rows.append([name, *(f"{v:.0f}" for v in values)])
    largest_script = max(sizes.get("scripts", 0) for sizes in phone.values()) / 1024
    rows.append(["**all pages**", *(f"{totals[i]:.0f}" for i in range(len(header) - 1))])
    return (
        _markdown(header, rows)
        + f"\n\nLargest script at load: {largest_script:.0f} KiB "
        + f"(budget {SCRIPT_BUDGET_KB} KiB). Whole site: {site_bytes / 1e6:.1f} MB on disk."
    )


def write_readme(section: str, text: str) -> None:
    """Replace the README's generated ``section`` (between its two markers) with ``text``."""
    readme = ROOT / "README.md"
    start, end = f"<!-- make bench: {section} -->", f"<!-- end of {section} -->"
    before, rest = readme.read_text().split(start)
    after = rest.split(end)[1]
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}")


#: The build's memory budget, in GB.
MEMORY_GB = 2.0
#: A cold build's target: this many times `render --all`, measured just before it.
COLD_RATIO = 1.2


def helper_users() -> list[str]:
    """The figures whose code reaches the edited helper (``HELPER``): what its edit re-runs."""
    from nnfig import deps
    from nnfig.registry import CHAPTERS

    figures = deps.declared_figures(CHAPTERS)
    return [fig_id for fig_id, roots in figures.items() if HELPER_UNIT in deps.units_of(roots)]


def build_table(figures: dict[str, float], times: dict[str, float]) -> str:
    """The README's build-time table, each time with its target and the ratio."""
    floor = figures["total"]
    users = helper_users()
    helper_figures = sum(figures[f] for f in users)
    rows = [
        ("`render --all`, one process", floor, None),
        ("cold build (after install)", times["cold"], None),
        ("no-op rebuild", times["noop"], 2.0),
        (f"rebuild after editing one drawing helper ({', '.join(users)})", times["helper"],
         helper_figures + 3),
        ("rebuild after editing one chapter's prose", times["prose"], 4.0),
    ]  # fmt: skip
    cells = [
        [name, f"{t:.1f} s", "" if goal is None else f"≤ {goal:.1f} s",
         "" if goal is None else f"{t / goal:.2f}"]
        for name, t, goal in rows
    ]  # fmt: skip
    # The cold build's target is a ratio, measured against the render just before it.
    ratio = times["cold ratio"]
    cells[1][1] += f" ({ratio:.2f} × render)"
    cells[1][2:] = [f"≤ {COLD_RATIO} × render", f"{ratio / COLD_RATIO:.2f}"]
    peak = times["memory"] / 1e9
    cells.append(["peak memory of a cold build (PSS, all processes)", f"{peak:.2f} GB",
                  f"≤ {MEMORY_GB:.1f} GB", f"{peak / MEMORY_GB:.2f}"])  # fmt: skip
    return _markdown(["build", "measured", "target", "measured / target"], cells)


def cpu_table(sample: Sample, render_seconds: float) -> str:
    """Where the CPU time of a cold build goes, by kind of process, against render --all."""
    cores = os.cpu_count() or 1
    rows = [[MAIN, sample.cpu.get(MAIN, 0.0)]]
    rows += [[name, sample.cpu.get(name, 0.0)] for name, _ in KINDS]
    if sample.cpu.get("other"):
        rows.append(["other", sample.cpu["other"]])
    total = sum(seconds for _, seconds in rows)
    busy = total / (cores * sample.wall)
    cells = [[name, f"{seconds:.1f} s", f"{seconds / total:.0%}"] for name, seconds in rows]
    cells.append(["**all processes**", f"{total:.1f} s", "100%"])
    return (
        _markdown(["process", "CPU time", "share"], cells)
        + f"\n\nThat build took {sample.wall:.1f} s: its {cores} cores could have given "
        + f"{cores * sample.wall:.1f} s of CPU time and were busy for {busy:.0%} of it. "
        + f"`render --all` alone takes {render_seconds:.1f} s of one core."
    )


def figures_table(figures: dict[str, float]) -> str:
    return _markdown(["figure", "render (s)"], [[name, f"{t:.2f}"] for name, t in figures.items()])


def measure_weights(site: Path) -> str:
    weights = {c: page_weights(site, theme=t, scale=k, size=v) for c, t, k, v in READERS}
    return weights_table(weights, _tree_size(site))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--weights-of", type=Path, help="only measure the page weights of this built site"
    )
    args = parser.parse_args(argv)
    if args.weights_of:
        table = measure_weights(args.weights_of)
        print(table)
        write_readme("page weights", table)
        return 0
    runs = args.runs
    machine = (
        f"{platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; median of {runs} runs"
    )
    print(f"Machine: {machine}\n")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Scratch(Path(tmp))
        figures, cold, ratio = render_and_cold(scratch, runs)
        print(figures_table(figures))
        times = {
            "cold": cold,
            "cold ratio": ratio,
            "noop": _median_time("no-op", scratch.build, runs),
            "helper": _median_time(
                "helper edit", scratch.build, runs, prepare=lambda: scratch.toggle(*HELPER)
            ),
            "prose": _median_time(
                "prose edit", scratch.build, runs, prepare=lambda: scratch.toggle(*CHAPTER)
            ),
        }
        scratch.clean()
        sampled = scratch.build(sample=True)  # untimed: sampling costs time
        times["memory"] = sampled.peak
        print(f"peak memory of a cold build: {sampled.peak / 1e9:.2f} GB", flush=True)
        cpu = cpu_table(sampled, figures["total"])
        weights = measure_weights(scratch.root / "book" / "_build" / "html")

    builds = build_table(figures, times)
    print(f"\n{builds}\n\n{cpu}\n\n{weights}")
    write_readme("build times", f"Last run: {machine}.\n\n{builds}")
    write_readme("cpu time", cpu)
    write_readme("figure times", figures_table(figures))
    write_readme("page weights", weights)
    return 0


if __name__ == "__main__":
    sys.exit(main())
