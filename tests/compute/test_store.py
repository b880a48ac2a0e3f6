"""nnfig.compute.store: a result computed once, kept on disk for the other processes of a build."""

import pickle

import numpy as np
import pytest

from nnfig.compute import tensors


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NNFIG_CACHE", str(tmp_path))
    tensors.cube.cache_clear()
    yield tmp_path
    tensors.cube.cache_clear()


def stored(folder):
    return sorted(p.name for p in folder.glob("*.pickle"))


def test_a_result_is_written_once_and_read_back_by_another_process(cache):
    computed = tensors.cube()
    files = stored(cache)
    assert len(files) == 1 and files[0].startswith("nnfig.compute.tensors.cube-")
    # Another process has an empty memory: what it gets is the file's content.
    tensors.cube.cache_clear()
    loaded = tensors.cube()
    assert loaded is not computed
    np.testing.assert_array_equal(loaded.image, computed.image)
    (cache / files[0]).write_bytes(pickle.dumps("from disk"))
    tensors.cube.cache_clear()
    assert tensors.cube() == "from disk"


def test_defaults_spelled_out_are_the_same_computation_and_other_arguments_are_not(cache):
    assert tensors.cube() is tensors.cube(size=10)
    tensors.cube(size=8)
    assert len(stored(cache)) == 2


def test_writing_removes_the_results_of_older_code_only(cache):
    old = cache / "nnfig.compute.tensors.cube-0000000000000000-00000000.pickle"
    other = cache / "nnfig.compute.volume.positive_share-0000000000000000-00000000.pickle"
    for path in (old, other):
        path.write_bytes(pickle.dumps(None))
    tensors.cube()
    assert not old.exists() and other.exists()


def test_without_a_cache_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv("NNFIG_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    tensors.cube.cache_clear()
    assert tensors.cube() is tensors.cube()  # still once per process
    assert not list(tmp_path.rglob("*"))


@pytest.mark.parametrize("size", [[3], 1.5, -1])
def test_a_bad_argument_is_refused_by_name_not_by_the_cache(cache, size):
    with pytest.raises((TypeError, ValueError), match="size"):
        tensors.cube(size=size)
    assert not stored(cache)


def test_the_wrapper_keeps_the_signature_the_registry_reads():
    import inspect

    assert list(inspect.signature(tensors.cube).parameters) == ["size", "corner"]
    assert tensors.cube.__wrapped__.__module__ == "nnfig.compute.tensors"


def _cube_in_child(start, results):
    start.wait()
    tensors.cube.cache_clear()  # a process of its own: nothing in memory
    results.put(tensors.cube())


def test_a_process_waits_for_the_one_computing_instead_of_computing_again(cache):
    import fcntl
    import multiprocessing

    tensors.cube()
    (path,) = cache.glob("*.pickle")
    path.unlink()
    fork = multiprocessing.get_context("fork")
    start, results = fork.Event(), fork.Queue()
    # Forked before the lock file is opened, so the child holds no copy of the lock.
    child = fork.Process(target=_cube_in_child, args=(start, results))
    child.start()
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a process computing the cube holds it
        start.set()
        child.join(timeout=2)
        assert child.is_alive()  # waiting, although the cube takes milliseconds to compute
        path.write_bytes(pickle.dumps("computed by the other process"))
    assert results.get(timeout=60) == "computed by the other process"
    child.join()
