"""Work the main process does in threads while the gallery draws.

After the gallery, the main process reads and writes the pages, often with one
core busy; what it can do before, it does in a thread while the gallery's
workers run: the chapters' cells (``pages``), MathJax's CSS (``math``), the
import of the figures (``quick``). Each thread starts when the builder starts
(``start``) and is joined before Sphinx reads the pages (``finish``, on
``env-before-read-docs``): before Sphinx forks its readers, as a process must
not fork while another of its threads may hold a lock. An error a thread
raised is raised again there.
"""

import threading

from sphinx.application import Sphinx


def start(app: Sphinx, name: str, work) -> None:
    """Run ``work()`` in a thread named ``nnfig-<name>`` until ``finish``."""
    errors: list[Exception] = []

    def run() -> None:
        try:
            work()
        except Exception as error:  # raised again in the main thread, by finish
            errors.append(error)

    thread = threading.Thread(target=run, name=f"nnfig-{name}")
    _running(app)[name] = (thread, errors)
    thread.start()


def finish(app: Sphinx, *args) -> None:
    """``env-before-read-docs``: wait for every thread; raise the first error raised."""
    running = _running(app)
    for thread, _ in running.values():
        thread.join()
    errors = [error for _, raised in running.values() for error in raised]
    running.clear()
    if errors:
        raise errors[0]


def _running(app: Sphinx) -> dict:
    if not hasattr(app, "nnfig_meanwhile"):
        app.nnfig_meanwhile = {}
    return app.nnfig_meanwhile
