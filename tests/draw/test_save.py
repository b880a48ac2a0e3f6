"""nnfig.draw.save: one drawing per figure, every scale from it, the same bytes everywhere."""

import io

import numpy as np
import pytest
from PIL import Image

from nnfig import FIGURES
from nnfig.draw.save import save, save_scales


def pixels(buffer: io.BytesIO) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA"), dtype=float)


@pytest.mark.parametrize("fig_id", ["activations", "perceptron-diagram"])
def test_the_1x_image_is_the_2x_drawing_averaged_over_blocks_of_four(fig_id):
    one, two = io.BytesIO(), io.BytesIO()
    save_scales(FIGURES[fig_id](), {1: one, 2: two})
    small, large = pixels(one), pixels(two)
    h, w = small.shape[:2]
    assert large.shape[0] // 2 == h and large.shape[1] // 2 == w
    blocks = large[: 2 * h, : 2 * w].reshape(h, 2, w, 2, 4).mean(axis=(1, 3))
    assert np.abs(blocks - small).max() <= 1  # rounding only


def test_one_scale_alone_has_the_bytes_of_the_same_scale_saved_with_the_other():
    both = {1: io.BytesIO(), 2: io.BytesIO()}
    save_scales(FIGURES["activations"](), both)
    for scale in (1, 2):
        alone = io.BytesIO()
        save(FIGURES["activations"](), alone, scale=scale)
        assert alone.getvalue() == both[scale].getvalue()


def test_a_png_carries_its_resolution_and_no_software_or_date():
    out = io.BytesIO()
    save(FIGURES["activations"](), out, scale=2)
    info = Image.open(io.BytesIO(out.getvalue())).info
    assert round(info["dpi"][0]) == 208
    assert not {"Software", "Creation Time", "date:create"} & set(info)


def test_an_opaque_figure_is_saved_without_alpha_and_with_the_pixels_drawn():
    from nnfig.draw.save import DPI, _pixels

    out = io.BytesIO()
    save(FIGURES["activations"](), out, scale=2)
    saved = Image.open(io.BytesIO(out.getvalue()))
    drawn = np.asarray(_pixels(FIGURES["activations"](), DPI * 2))
    assert saved.mode == "RGB" and (drawn[..., 3] == 255).all()
    assert np.array_equal(np.asarray(saved), drawn[..., :3])


def test_a_figure_with_transparent_pixels_keeps_its_alpha():
    fig = FIGURES["activations"]()
    fig.patch.set_alpha(0)  # the margins around the axes show through
    out = io.BytesIO()
    save(fig, out)
    saved = Image.open(io.BytesIO(out.getvalue()))
    assert saved.mode == "RGBA" and np.asarray(saved)[..., 3].min() == 0
