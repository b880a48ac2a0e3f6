"""Every word and number of every figure is readable at the size the book saves it."""

import matplotlib.pyplot as plt
import pytest

from nnfig import FIGURES
from nnfig.chapters.distributions import digit_colors
from nnfig.draw.style import NARROW_WIDTH, contrast, theme
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


NARROW = [fig_id for fig_id, entry in FIGURES.items() if "narrow" in entry.layouts]


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize("fig_id", NARROW)
def test_narrow_arrangement_fits_a_phone_and_keeps_its_text_readable(fig_id, name):
    """At most ``NARROW_WIDTH`` wide, so a phone shows it near its own size: ≥ 7 pt there
    is ≥ 9 CSS px in a 312 px column."""
    with theme(name):
        fig = FIGURES[fig_id](layout="narrow")
        wide = FIGURES[fig_id]()
    try:
        width = fig.get_size_inches()[0]
        small = [(text, size) for text, size in small_texts(fig) if size < MINIMUM_PT]
        words = [_words(f) for f in (wide, fig)]
    finally:
        plt.close(fig)
        plt.close(wide)
    assert width <= NARROW_WIDTH, f"{fig_id}: narrow arrangement {width} in wide"
    assert not small, f"{fig_id}: {len(small)} texts under {MINIMUM_PT} pt, e.g. {small[:3]}"
    # The same figure: the same words (line breaks aside), if not the same tick marks.
    assert words[0] == words[1]


def _words(fig) -> set[str]:
    """Every visible text of ``fig`` but the tick labels, its whitespace collapsed."""
    small_texts(fig)
    ticks = {
        id(t)
        for ax in fig.axes
        for t in [*ax.get_xticklabels(), *ax.get_yticklabels(), *ax.get_xticklabels(minor=True)]
    }
    return {" ".join(t.get_text().split()) for t in visible_texts(fig) if id(t) not in ticks}


def test_the_check_sees_small_text():
    fig = plt.figure(figsize=(2, 2))
    fig.text(0.5, 0.5, "tiny", fontsize=5)
    fig.text(0.5, 0.2, "hidden", fontsize=5, visible=False)
    assert [size for _, size in small_texts(fig) if size < MINIMUM_PT] == [5]
    plt.close(fig)


def test_contrast_is_the_wcag_ratio():
    assert contrast("black", "white") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_digit_colours_stand_out_from_the_page(name):
    with theme(name) as p:
        colors = digit_colors()
    assert all(contrast(color, p.paper) >= 3 for color in colors)
    assert len({tuple(c) for c in colors}) == 10  # still ten colours
