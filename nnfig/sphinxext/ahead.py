"""The trained figures' data, computed from a cold build's first second, in a process of its own.

A cold build's main process spends its first two seconds importing Sphinx and its
extensions, one core busy, before the gallery's workers start. Then each worker
that drew a trained figure (its data reaches ``TRAINING``) imported torch, and
trained. Listed first in ``extensions``, this extension starts a process at once
that computes those figures' data into the build's store (``nnfig.compute.store``),
importing torch once, on the core the main process leaves idle. A gallery worker
or a chapter's kernel that needs one of those results waits for it (the store's
lock) and reads it, instead of computing it again.

It computes them in the order the gallery's workers take them
(``gallery.LongestFirst``), all but the first (the transformer of ``tsne-layers``):
a worker starts that one as soon as the gallery starts, before this process would
reach it, and would otherwise wait for it. It runs only when the store does not
exist yet (a cold build): when a figure's code changes, the worker that draws it
trains it, as in any build. Its output is discarded: what it failed to compute, the
worker computes, and reports naming the figure.
"""

import os
import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx

from nnfig import deps
from nnfig.registry import CHAPTERS

#: Modules whose code trains a net: a figure that reaches them takes seconds, not tenths.
TRAINING = ("nnfig.compute.classifier", "nnfig.compute.vit")

#: The process computing ahead, while it may run.
_process: subprocess.Popen | None = None


def training() -> dict[str, int]:
    """Figure id → how many definitions of training code its figure reaches (from the source)."""
    return {
        fig_id: sum(module in TRAINING for module, _ in deps.units_of(roots))
        for fig_id, roots in deps.declared_figures(CHAPTERS).items()
    }


def order() -> list[str]:
    """The trained figures computed ahead: the gallery's order, less its first (module docs)."""
    reached = {fig_id: n for fig_id, n in training().items() if n}
    taken = sorted(reached, key=lambda fig_id: -reached[fig_id])  # as LongestFirst, stable
    return taken[1:]


def start() -> None:
    """Start computing ahead if the store does not exist yet."""
    global _process
    folder = os.environ.get("NNFIG_CACHE")
    if not folder or Path(folder).exists() or _process is not None:
        return
    command = [sys.executable, "-c", "from nnfig.sphinxext.ahead import main; main()"]
    _process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(app: Sphinx, exc) -> None:
    """``build-finished``: what no one waited for is not worth finishing."""
    global _process
    if _process is not None:
        if _process.poll() is None:
            _process.terminate()
        _process.wait()
        _process = None


def main() -> None:
    from nnfig.registry import figure_data

    for fig_id in order():
        figure_data(fig_id)


def setup(app: Sphinx) -> dict:
    start()
    app.connect("build-finished", stop)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
