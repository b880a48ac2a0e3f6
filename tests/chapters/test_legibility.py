"""Every word and number of every figure is readable at the size the book saves it."""

import matplotlib.pyplot as plt
import pytest

from nnfig import FIGURES
from nnfig.draw.style import theme
from tests.util import visible_texts

#: Smallest text, in points at the saved size; the remap figures pack many small planes
#: into the column, so their labels are held to a larger minimum.
MINIMUM_PT = 7.0
LARGER = {"remap-checkpoints": 8.0, "remap-circles": 8.0}


def small_texts(fig) -> list[tuple[str, float]]:
    """(text, size in points) of every visible, non-empty text artist of ``fig``."""
    fig.canvas.draw()  # lay out first: some texts are only made while drawing
    return [(t.get_text(), t.get_fontsize()) for t in visible_texts(fig)]


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize("fig_id", list(FIGURES))
def test_no_text_under_the_minimum_size(fig_id, name):
    minimum = LARGER.get(fig_id, MINIMUM_PT)
    with theme(name):
        fig = FIGURES[fig_id]()
    try:
        small = [(text, size) for text, size in small_texts(fig) if size < minimum]
    finally:
        plt.close(fig)
    assert not small, f"{fig_id}: {len(small)} texts under {minimum} pt, e.g. {small[:3]}"


def test_the_check_sees_small_text():
    fig = plt.figure(figsize=(2, 2))
    fig.text(0.5, 0.5, "tiny", fontsize=5)
    fig.text(0.5, 0.2, "hidden", fontsize=5, visible=False)
    assert [size for _, size in small_texts(fig) if size < MINIMUM_PT] == [5]
    plt.close(fig)
