"""Results that take seconds, computed once per process and, in a book build, once per build.

``@once`` keeps a compute function's result in memory, per arguments. When the
environment variable ``NNFIG_CACHE`` names a folder (the book's build sets one
inside ``_build``), it also keeps it on disk: the gallery's workers and the
chapters' kernels are separate processes, and this way a figure, its explorer
and the numbers its chapter prints all read one computation.

A file's name holds a digest of the function's code and of every definition it
reaches (``nnfig.deps``, which also covers the libraries' versions), and one of
its arguments, so a result is never served for other code or other arguments.
Writing a result removes the function's results of older code.

One process computes a result while the others that need it wait for its file
(a lock file beside it): the chapters' kernels run while the gallery's workers
draw, and a kernel that asks for the transformer a worker is training must not
train it a second time.
"""

import fcntl
import functools
import hashlib
import inspect
import os
import pickle
from pathlib import Path

from nnfig import deps


def once(func):
    """Decorate a compute function whose result is worth keeping (see the module's docs)."""
    signature = inspect.signature(func)

    @functools.cache
    def remembered(key: tuple) -> object:
        kwargs = {name: value for name, _, value in key}
        folder = os.environ.get("NNFIG_CACHE")
        if not folder:
            return func(**kwargs)
        return _on_disk(Path(folder), func, key, lambda: func(**kwargs))

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()  # f() and f(seed=0) are one computation
        # Types too: seed=True is not seed=1 (func refuses the first).
        key = tuple((name, type(value), value) for name, value in bound.arguments.items())
        try:
            hash(key)
        except TypeError:  # not a value a figure is computed for: let func refuse it by name
            return func(**bound.arguments)
        return remembered(key)

    wrapper.cache_clear = remembered.cache_clear
    return wrapper


def _on_disk(folder: Path, func, key: tuple, compute):
    name = f"{func.__module__}.{func.__qualname__}"
    code = deps.digest(deps.reachable(func.__module__, func.__qualname__))[:16]
    args = hashlib.sha256(repr(key).encode()).hexdigest()[:8]
    path = folder / f"{name}-{code}-{args}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    folder.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if path.exists():  # another process computed it while this one waited
            return pickle.loads(path.read_bytes())
        result = compute()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=5))
        tmp.replace(path)  # atomic: another process never reads half a file
    for old in folder.glob(f"{name}-*"):
        if not old.name.startswith(f"{name}-{code}-"):
            old.unlink(missing_ok=True)
    return result
