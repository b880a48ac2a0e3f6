"""Readers store executed pages in myst-nb's cache one at a time (nnfig.sphinxext.stale)."""

import fcntl
import threading

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn

from nnfig.sphinxext import stale


def test_storing_a_page_waits_for_another_reader_to_finish(tmp_path):
    stale.lock_cache_writes()
    stale.lock_cache_writes()  # idempotent: never wrapped twice
    cache = get_cache(tmp_path / "cache")
    cache.db  # noqa: B018 (creates the folder and tables)
    bundle = CacheBundleIn(nbformat.v4.new_notebook(), uri=str(tmp_path / "page.md"))
    stored = threading.Event()

    def store():
        cache.cache_notebook_bundle(bundle, check_validity=False)
        stored.set()

    with open(tmp_path / "cache" / stale.LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another reader is storing its page
        writer = threading.Thread(target=store)
        writer.start()
        assert not stored.wait(0.5)
    assert stored.wait(10)
    writer.join()
    assert len(cache.list_cache_records()) == 1
