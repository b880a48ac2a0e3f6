"""What keeps builds quick, checked on stand-ins for Sphinx's objects."""

from types import SimpleNamespace

from nnfig.sphinxext.quick import warm_up_on_the_smallest_page


def test_the_page_written_alone_first_is_the_smallest(tmp_path):
    for name, size in {"api": 900, "gallery/plot_x": 50, "index": 50, "mlp": 300}.items():
        path = tmp_path / f"{name}.doctree"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    calls = []
    builder = SimpleNamespace(
        doctreedir=str(tmp_path), _write_parallel=lambda docnames, nproc: calls.append(docnames)
    )
    warm_up_on_the_smallest_page(SimpleNamespace(builder=builder))
    builder._write_parallel(["api", "gallery/plot_x", "index", "mlp"], 3)
    # The smallest (the first in name order of equals) alone, then the rest in name order.
    assert calls == [["gallery/plot_x", "api", "index", "mlp"]]
