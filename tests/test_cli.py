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


def assert_refused(out, *words):
    """Exit status 2, one line on stderr naming what was wrong, no traceback."""
    assert out.returncode == 2, out
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "Traceback" not in out.stderr
    for word in words:
        assert word in lines[0]


def test_unknown_id_exits_2_and_lists_valid_ids():
    out = run("render", "no-such-figure")
    assert_refused(out, "no-such-figure", *FIGURES)


def test_missing_folder_is_refused_and_nothing_is_written(tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.png"
    assert_refused(run("render", "activations", "-o", str(target)), str(target.parent))
    assert not (tmp_path / "no").exists()


def test_folder_as_output_of_one_figure_is_refused(tmp_path):
    assert_refused(run("render", "activations", "-o", str(tmp_path)), "folder")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / "x.png"
    locked.chmod(0o500)
    try:
        out = run("render", "activations", "-o", str(target))
        if out.returncode == 0:  # running as root: permissions do not stop the write
            target.unlink()
            out = run("render", "activations", "-o", "/proc/nnfig.png")
        assert_refused(out, "cannot write")
    finally:
        locked.chmod(0o700)
    assert not target.exists()


def test_extension_contradicting_format_is_refused(tmp_path):
    target = tmp_path / "x.svg"
    assert_refused(run("render", "activations", "-o", str(target), "--format", "png"), ".svg")
    assert not target.exists()


def test_format_follows_the_extension(tmp_path):
    target = tmp_path / "x.svg"
    assert run("render", "l2-norm", "-o", str(target)).returncode == 0
    assert b"<svg" in target.read_bytes()[:500]
    assert_refused(run("render", "l2-norm", "-o", str(tmp_path / "x.jpg")), ".jpg")


def test_render_all_into_an_existing_file_is_refused(tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("keep me")
    assert_refused(run("render", "--all", "-o", str(target)), "folder")
    assert target.read_text() == "keep me"


def test_bad_option_is_one_line_too():
    assert_refused(run("render", "activations", "--scale", "3"), "scale")


def test_render_all_writes_every_figure_with_timings(tmp_path):
    out = run("render", "--all", "-o", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == sorted(FIGURES)
    timed = [line.split()[0] for line in out.stdout.splitlines()]
    assert timed == [*FIGURES, "total"]


def test_render_dark_at_2x_is_the_book_image(tmp_path):
    from tests.util import png_bytes

    target = tmp_path / "relu.png"
    out = run("render", "relu-volume", "--theme", "dark", "--scale", "2", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes() == png_bytes("relu-volume", theme_name="dark", scale=2)


def test_unknown_theme_is_refused_by_name():
    assert_refused(run("render", "relu-volume", "--theme", "sepia"), "theme", "dark")


def test_render_narrow_is_the_book_image(tmp_path):
    from tests.util import png_bytes

    target = tmp_path / "relu.png"
    out = run("render", "relu-volume", "--layout", "narrow", "--scale", "2", "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes() == png_bytes("relu-volume", scale=2, layout="narrow")


def test_narrow_layout_of_a_figure_without_one_is_refused(tmp_path):
    target = tmp_path / "act.png"
    assert_refused(run("render", "activations", "--layout", "narrow", "-o", str(target)), "layout")
    assert not target.exists()
