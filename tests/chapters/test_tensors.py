"""The tensors chapter: its text agrees with the book's code, its figures with their data."""

import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from nnfig import FIGURES
from nnfig.compute import small_net
from nnfig.draw.save import save
from nnfig.draw.style import theme
from tests.util import captions, chapter, visible_texts

CHAPTER = chapter("tensors")
IDS = ("tensor-cube", "dataset-tensors", "batch-tensors")


def _size(tex: str, widths: list[int], layer: int) -> int:
    """Evaluate a size the chapter writes, such as C_\\ell or C_{\\ell-1}, for one layer."""
    m = re.fullmatch(r"C_(?:\\ell|\{\\ell\s*([+-])\s*1\})", tex.strip())
    assert m, f"cannot read the size {tex!r}"
    index = layer + {None: 0, "+": 1, "-": -1}[m.group(1)]
    assert 0 <= index < len(widths), f"{tex} names a layer the net does not have"
    return widths[index]


def _printed_shapes() -> tuple[tuple[str, str], str]:
    """The shapes the chapter gives for W_ell and b_ell, as TeX."""
    # The symbol may be wrapped in the parameter colour, \param{...}.
    w = re.search(r"\\mathbf\{W\}_\\ell\}? \\in \\mathbb\{R\}\^\{(.+?) \\times (.+?)\}\$", CHAPTER)
    b = re.search(
        r"\\mathbf\{b\}_\\ell\}? \\in \\mathbb\{R\}\^\{?(C_(?:\\ell|\{[^}]*\}))\}?\$", CHAPTER
    )
    assert w and b, "the chapter no longer states the shapes of W_ell and b_ell"
    return (w.group(1), w.group(2)), b.group(1)


def test_printed_weight_shapes_are_the_small_nets():
    """Layer ell of the small net (widths 2, 2, 1) has W_ell and b_ell of the printed shapes."""
    (rows, cols), bias = _printed_shapes()
    widths = [small_net.W1.shape[1], small_net.W1.shape[0], small_net.W2.shape[0]]
    for layer, (w, b) in enumerate([(small_net.W1, small_net.b1), (small_net.W2, small_net.b2)], 1):
        assert (_size(rows, widths, layer), _size(cols, widths, layer)) == w.shape
        assert (_size(bias, widths, layer),) == b.shape


def test_printed_weight_shapes_are_torchs():
    """torch.nn.Linear from layer ell - 1 to layer ell stores weights of the printed shape."""
    (rows, cols), bias = _printed_shapes()
    widths = [5, 4, 3]  # all different, so no transposition can pass by chance
    for layer in (1, 2):
        linear = torch.nn.Linear(widths[layer - 1], widths[layer])
        assert (_size(rows, widths, layer), _size(cols, widths, layer)) == linear.weight.shape
        assert (_size(bias, widths, layer),) == linear.bias.shape


def test_points_beyond_the_book_honestly():
    """Nothing is promised for a later chapter: the book has none on convolutions."""
    assert not re.search(r"later in the book|next chapter", CHAPTER, re.I)
    assert "{ref}`where-this-leads`" in CHAPTER


def test_margin_states_each_frameworks_default_layout():
    """Keras and Flax default to channels last; jax.lax and PyTorch to channels first."""
    margin = re.search(r"```\{margin\}\n(.*?)```", CHAPTER, re.S).group(1)
    assert '`"channels_last"`' in margin and "Flax" in margin
    assert re.search(r"conv_general_dilated`[^.]*channels first[^.]*NCHW", margin, re.S)
    assert not re.search(r"default layout in TensorFlow and JAX", margin)


def test_tensor_cube_caption_is_true_in_both_themes():
    """The caption reads values off colour bars, which tint a larger value further from the page."""
    caption = captions(CHAPTER)["tensor-cube"]
    caption = " ".join(caption.split())
    assert "colour bar" in caption and not re.search(r"darker|lighter", caption)
    for name in ("light", "dark"):
        with theme(name) as p:
            fig = FIGURES["tensor-cube"]()
            bars = [
                ax for ax in fig.axes if [t.get_text() for t in ax.get_yticklabels()] == list("RGB")
            ]
            assert len(bars) == 1, "the colour bars are missing"
            tints = bars[0].images[0].get_array()  # (3 channels, 256 values, RGB)
            distance = np.linalg.norm(np.asarray(tints) - np.array(to_rgb(p.paper)), axis=-1)
            assert np.allclose(distance[:, 0], 0)  # 0 is the page colour
            assert (np.diff(distance, axis=1) > 0).all()  # and a larger value is further from it


def _texts(fig) -> list[str]:
    return [t.get_text() for t in visible_texts(fig)]


@pytest.mark.parametrize("theme_name", ["light", "dark"])
@pytest.mark.parametrize("fig_id", IDS)
def test_every_text_is_legible(fig_id, theme_name):
    with theme(theme_name):
        fig = FIGURES[fig_id]()
    assert fig.get_size_inches()[0] <= 7.2
    small = [
        t.get_text()
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 7
    ]
    assert not small, f"text under 7 pt: {small}"


def test_dataset_figure_names_all_axes_with_the_data_sizes():
    d = FIGURES["dataset-tensors"].data()
    n, h, w, c = d.x.shape
    drawn = _texts(FIGURES["dataset-tensors"]())
    for axis, size in zip("NHWCK", (n, h, w, c, d.y.shape[1]), strict=True):
        assert f"{axis} = {size}" in drawn
    assert c == 1 and (h, w) == (8, 8)  # greyscale digits, one channel


def test_dataset_figure_draws_y_as_one_matrix():
    """Y is one N × K grid of 0s and 1s, not N separate rows: its cells tile a rectangle."""
    d = FIGURES["dataset-tensors"].data()
    n, k = d.y.shape
    fig = FIGURES["dataset-tensors"]()
    rects = [r for r in fig.axes[0].patches if isinstance(r, Rectangle)]
    widths = [round(r.get_width(), 6) for r in rects]
    size = max(set(widths), key=widths.count)  # the cells of Y are most of the rectangles
    cells = [r for r, w in zip(rects, widths, strict=True) if w == size]
    xs = sorted({round(r.get_x(), 6) for r in cells})
    ys = sorted({round(r.get_y(), 6) for r in cells})
    assert (len(ys), len(xs)) == (n, k)
    width = cells[0].get_width()
    assert np.allclose(np.diff(xs), width) and np.allclose(np.diff(ys), width)  # no gaps
    digits = [t for t in _texts(fig) if t in {"0", "1"}]
    assert digits.count("1") >= n and digits.count("0") >= n * (k - 1)


def test_batch_figure_shows_every_parameter_with_its_shape():
    t = FIGURES["batch-tensors"].data()
    drawn = " ".join(_texts(FIGURES["batch-tensors"]()))
    for layer in ("1", "2"):
        w, b = t[f"W{layer}"], t[f"b{layer}"]
        assert f"({w.shape[0]} × {w.shape[1]})" in drawn
        assert f"({b.size})" in drawn
    # Every number of every matrix is written in a cell.
    cells = [s for s in _texts(FIGURES["batch-tensors"]()) if re.fullmatch(r"−?[0-9.]+", s)]
    expected = [v for m in t.values() for v in np.ravel(m)]
    assert len(cells) == len(expected)


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_tensor_cube_title_is_whole_on_the_page(theme_name):
    """Saved as the book saves it, no ink touches the image's edges: the title is not cut off."""
    with theme(theme_name) as p:
        fig = FIGURES["tensor-cube"]()
        titles = [t for t in fig.findobj(Text) if t.get_text().startswith("the tensor")]
        assert len(titles) == 1
        buffer = io.BytesIO()
        save(fig, buffer)
    pixels = plt.imread(io.BytesIO(buffer.getvalue()))[..., :3]
    paper = np.array(to_rgb(p.paper))
    for edge in (pixels[:2], pixels[-2:], pixels[:, :2], pixels[:, -2:]):
        assert np.abs(edge - paper).max() < 0.05, "something is drawn across the figure's edge"


def test_colour_names_are_the_books():
    """The activation colour is vermillion; red names only an image's red channel."""
    prose = re.sub(r"red channel|red, green and blue", "", CHAPTER)
    assert not re.search(r"\bred\b", prose, re.I)
    caption = captions(CHAPTER)["batch-tensors"]
    assert "vermillion" in caption
    assert "red" not in FIGURES["batch-tensors"].alt


def test_datapoints_are_indexed_by_n_and_a_batch_has_n_of_them():
    """As in the earlier chapters, x^(n) is datapoint n; N counts a batch's datapoints too."""
    assert r"\mathbf{x}^{(n)}" in CHAPTER and r"\mathbf{x}^{(i)}" not in CHAPTER
    assert "N_{" not in CHAPTER
    batches = CHAPTER[CHAPTER.index("## Batches") : CHAPTER.index("Because the datapoints")]
    assert r"$N \times H \times W \times C$" in batches


def test_video_axes_put_time_right_after_the_batch():
    assert r"N \times T \times H \times W \times C" in CHAPTER
    assert "height × width × time" not in " ".join(CHAPTER.split())
