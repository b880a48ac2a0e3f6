"""The layers chapter: its notation, its colours and its claims, in the text and the figures."""

import inspect
import re

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from nnfig import FIGURES
from nnfig.compute import layers
from nnfig.draw.style import DPI, palette, theme
from tests.util import chapter, visible_texts

CHAPTER = chapter("layers")
FIGURE_IDS = ["activations", "batchnorm", "l2-norm", "softmax-temperature", "image-output"]
THEMES = ["light", "dark"]
#: Width of the text column on a phone, in CSS pixels, and the smallest text that reads there.
PHONE_COLUMN_PX, PHONE_TEXT_PX = 360, 9


def display_math() -> list[str]:
    return re.findall(r"^\$\$\n(.*?)\n\$\$", CHAPTER, flags=re.S | re.M)


def same_colour(a, b) -> bool:
    return np.allclose(to_rgba(a)[:3], to_rgba(b)[:3])


# Notation ------------------------------------------------------------------


def test_sigma_is_never_the_sigmoid_in_the_text():
    # σ is a standard deviation only; the logistic function is written sigmoid.
    assert not re.search(r"\\sigma\s*\(", CHAPTER)
    assert r"\operatorname{sigmoid}" in CHAPTER


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_sigma_is_never_the_sigmoid_in_the_figures(fig_id):
    for t in visible_texts(FIGURES[fig_id]()):
        assert not re.search(r"(\\sigma|σ)\s*\(", t.get_text()), t.get_text()


def test_every_activation_and_parameter_in_the_equations_is_coloured():
    equations = display_math()
    assert len(equations) >= 8
    for eq in equations:
        plain = re.sub(r"\\act\{(\\mathbf\{x\}|\\hat\{x\}|x)\}", "", eq)
        assert not re.search(r"(?<![\\A-Za-z])x(?![A-Za-z])", plain), f"uncoloured x in {eq}"
        for name in (r"\gamma", r"\beta", r"\mathbf{W}", r"\mathbf{b}"):
            assert eq.count(name) == eq.count(r"\param{" + name), f"uncoloured {name} in {eq}"


def test_the_temperature_is_never_parameter_blue():
    # τ is fixed by hand here, not learned: it must not wear the colour of what learning changes.
    assert r"\tau" in CHAPTER
    assert not re.search(r"\\param\{[^{}]*\\tau", CHAPTER)
    with theme("light"):
        fig, parameter = FIGURES["softmax-temperature"](), palette().parameter
    for t in visible_texts(fig):
        if "tau" in t.get_text() or "τ" in t.get_text():
            assert not same_colour(t.get_color(), parameter), t.get_text()


def test_colour_names_are_the_books():
    # The activation colour is vermillion; "red" names only an image's red channel.
    prose = re.sub(r"red channel|red, green and blue", "", CHAPTER)
    assert not re.search(r"\bred\b", prose, re.I)
    assert r"\act{\text{vermillion}}" in CHAPTER


def test_inverse_temperature_margin_does_not_call_one_operation_two():
    margin = next(
        m for m in re.findall(r"```\{margin\}\n(.*?)```", CHAPTER, re.S) if "inverse" in m
    )
    assert "instead" not in margin  # multiplying by 1/τ is dividing by τ
    assert "E_i = -\\act{x}" in margin  # the physicist's energies are negated scores


def test_batchnorm_undoing_is_hedged_to_one_batch():
    section = CHAPTER[CHAPTER.index("### Batch normalization") : CHAPTER.index("### L2 norm")]
    assert "no expressive power" not in section
    assert "no single choice undoes the normalization of\nevery batch" in section


def test_l2_margin_gives_the_code_s_epsilon():
    # The chapter glues the eps of l2_normalize as a power of ten; the zero vector stays at zero.
    eps = inspect.signature(layers.l2_normalize).parameters["eps"].default
    assert np.log10(eps) == round(np.log10(eps))
    assert "{glue:md}`l2-eps:myst`" in CHAPTER
    assert np.array_equal(layers.l2_normalize(np.zeros((1, 3))), np.zeros((1, 3)))


def test_image_size_letters_are_introduced_before_use():
    section = CHAPTER[CHAPTER.index("### 255 · sigmoid") :]
    first = section.index("$H")
    assert "height $H$ and width $W$" in section[: first + 40]


def test_batchnorm_is_introduced_through_the_standard_score():
    section = CHAPTER[CHAPTER.index("### Batch normalization") : CHAPTER.index("### L2 norm")]
    assert "*standard score*" in section
    # z is the book's pre-activation: the standard score gets another letter.
    assert r"\act{\hat{x}}_i &= \frac{\act{x}_{\mathrm{in},i} - \mu_i}{\sigma_i}" in section
    assert "standard scores" in " ".join(
        t.get_text() for t in visible_texts(FIGURES["batchnorm"]())
    )


# Prose -----------------------------------------------------------------------


def test_no_change_log_in_the_readers_path():
    for phrase in ("draft", "earlier version", "this one replaces", "previous version"):
        assert phrase not in CHAPTER.lower(), phrase


def test_the_highest_temperature_is_not_called_close_to_uniform():
    # The sentence that prints the top class's share at the highest temperature
    # may call it "close to" uniform only if the data say so.
    paragraph = next(p for p in CHAPTER.split("\n\n") if "{glue:text}`p-top-high" in p)
    sm = FIGURES["softmax-temperature"].data()
    k, top = sm.scores.size, int(np.argmax(sm.scores))
    gap = sm.probabilities[int(np.argmax(sm.temperatures))][top] - 1 / k
    if gap > 0.02:
        assert "close to" not in paragraph and "nearly uniform" not in CHAPTER
        assert "p-uniform" in paragraph, "the text prints the share it compares with"


# Colours ---------------------------------------------------------------------


@pytest.mark.parametrize("name", THEMES)
def test_l2_norm_inputs_and_outputs_are_activations(name):
    with theme(name):
        fig, activation = FIGURES["l2-norm"](), palette().activation
    lines = {ln.get_label().split()[0]: ln for ln in fig.axes[0].get_lines()}
    assert same_colour(lines["input"].get_markeredgecolor(), activation)
    assert same_colour(lines["output"].get_markerfacecolor(), activation)
    # Told apart by fill, not colour: the inputs are open circles.
    assert not same_colour(lines["input"].get_markerfacecolor(), activation)


@pytest.mark.parametrize("name", THEMES)
def test_batchnorm_dots_are_activations_and_gamma_beta_parameters(name):
    with theme(name):
        fig, pal = FIGURES["batchnorm"](), palette()
    dots = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert len(dots) == 9 and all(same_colour(d.get_color(), pal.activation) for d in dots)
    params = [t for t in visible_texts(fig) if "γ" in t.get_text() and "β" in t.get_text()]
    assert params and all(same_colour(t.get_color(), pal.parameter) for t in params)


@pytest.mark.parametrize("name", THEMES)
def test_no_class_of_the_softmax_figure_wears_the_activation_colour(name):
    with theme(name):
        fig, activation = FIGURES["softmax-temperature"](), palette().activation
    curves = [ln for ln in fig.axes[1].get_lines() if ln.get_label().startswith("class")]
    assert curves and not any(same_colour(c.get_color(), activation) for c in curves)


@pytest.mark.parametrize("name", THEMES)
def test_image_output_activation_map_avoids_parameter_blue(name):
    # Signed activations must not be painted in the colour that marks parameters.
    with theme(name):
        fig, pal = FIGURES["image-output"](), palette()
    image = next(ax for ax in fig.axes if ax.get_title().startswith("activations")).images[0]
    cmap = image.get_cmap()
    blue = np.array(to_rgba(pal.parameter)[:3])
    samples = cmap(np.linspace(0, 1, 101))[:, :3]
    hue_blue = (samples[:, 2] > samples[:, 0] + 0.15) & (samples[:, 2] > samples[:, 1] + 0.15)
    assert not hue_blue.any()
    assert np.linalg.norm(samples - blue, axis=1).min() > 0.25
    # A diverging map whose middle is the page: light on light, dark on dark.
    paper = np.array(to_rgba(pal.paper)[:3])
    assert np.linalg.norm(cmap(0.5)[:3] - paper) < 0.2


def test_activation_curves_are_neither_parameter_nor_activation_coloured():
    fig, pal = FIGURES["activations"](), palette()
    for line in (ln for ax in fig.axes for ln in ax.get_lines() if isinstance(ln, Line2D)):
        for colour in (pal.parameter, pal.activation):
            assert not same_colour(line.get_color(), colour)


# Legibility ------------------------------------------------------------------


@pytest.mark.parametrize("fig_id", FIGURE_IDS)
def test_no_text_under_7pt(fig_id):
    fig = FIGURES[fig_id]()
    assert fig.get_size_inches()[0] <= 7.2
    small = [t.get_text() for t in visible_texts(fig) if t.get_fontsize() < 7]
    assert not small


@pytest.mark.parametrize("fig_id", ["batchnorm", "image-output"])
def test_reads_on_a_phone(fig_id):
    # Shrunk to a phone's column, the smallest text is still PHONE_TEXT_PX tall.
    fig = FIGURES[fig_id]()
    width_px = fig.get_size_inches()[0] * DPI  # shown at natural size, never wider than the column
    shrink = min(1.0, PHONE_COLUMN_PX / width_px)
    smallest_pt = min(t.get_fontsize() for t in visible_texts(fig))
    assert smallest_pt * DPI / 72 * shrink >= PHONE_TEXT_PX
