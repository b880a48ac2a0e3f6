"""python -m nnfig list / render."""

import subprocess
import sys

from nnfig import FIGURES


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "nnfig", *args], capture_output=True, text=True, cwd=cwd
    )


def test_list_prints_every_id_first_on_its_line():
    out = run("list")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(FIGURES)
    for line, entry in zip(lines, FIGURES.values(), strict=True):
        assert line.rstrip().endswith(entry.title)


def test_render_writes_a_png(tmp_path):
    target = tmp_path / "act.png"
    out = run("render", "activations", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes()[:4] == b"\x89PNG"


def test_render_svg(tmp_path):
    target = tmp_path / "l2.svg"
    assert run("render", "l2-norm", "-o", str(target), "--format", "svg").returncode == 0
    assert b"<svg" in target.read_bytes()[:500]


def test_unknown_id_exits_2_and_lists_valid_ids():
    out = run("render", "no-such-figure")
    assert out.returncode == 2
    assert "no-such-figure" in out.stderr
    for fig_id in FIGURES:
        assert fig_id in out.stderr


def test_render_all_writes_every_figure_with_timings(tmp_path):
    out = run("render", "--all", "-o", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == sorted(FIGURES)
    timed = [line.split()[0] for line in out.stdout.splitlines()]
    assert timed == [*FIGURES, "total"]


def test_render_dark_at_2x_is_the_book_image(tmp_path):
    from tests.test_figures import png_bytes

    target = tmp_path / "relu.png"
    out = run("render", "relu-volume", "--theme", "dark", "--scale", "2", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes() == png_bytes("relu-volume", theme_name="dark", scale=2)


def test_unknown_theme_is_refused_by_name():
    out = run("render", "relu-volume", "--theme", "sepia")
    assert out.returncode != 0
    assert "theme" in out.stderr and "dark" in out.stderr
