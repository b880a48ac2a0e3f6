"""Threads of the main process during the gallery: joined before reading, errors kept."""

import threading
from types import SimpleNamespace

import pytest

from nnfig.sphinxext import meanwhile


def test_finish_waits_for_every_thread_then_raises_the_first_error():
    app = SimpleNamespace()
    release, done = threading.Event(), []

    def slow():
        release.wait()
        done.append("slow")

    meanwhile.start(app, "slow", slow)
    meanwhile.start(app, "broken", lambda: 1 / 0)
    threading.Timer(0.1, release.set).start()  # the slow thread ends only after finish began
    with pytest.raises(ZeroDivisionError):
        meanwhile.finish(app)
    assert done == ["slow"]
    meanwhile.finish(app)  # nothing left to wait for
