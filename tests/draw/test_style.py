"""The two themes: colours of meaning stay apart for every reader, figures leave no trace."""

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from matplotlib.colors import to_rgb

from nnfig.draw.style import LIGHT, THEMES, palette, theme

#: Simulated colour-vision deficiencies (full severity), and normal vision.
VISION = [None, "protanomaly", "deuteranomaly", "tritanomaly"]


def _seen(colour: str, cvd: str | None) -> np.ndarray:
    rgb = np.array(to_rgb(colour))
    if cvd is None:
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
    return np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


def _distance(a: str, b: str, cvd: str | None) -> float:
    """Perceptual distance (CAM02-UCS ΔE) between two colours as seen with ``cvd``."""
    return float(deltaE(_seen(a, cvd), _seen(b, cvd), input_space="sRGB1"))


@pytest.mark.parametrize("cvd", VISION)
@pytest.mark.parametrize("name", THEMES)
def test_colours_of_meaning_stay_distinct(name, cvd):
    p = THEMES[name]
    assert _distance(*p.classes, cvd) > 40, "the two classes look alike"
    assert _distance(p.parameter, p.activation, cvd) > 30, "parameters look like activations"
    for a, b in itertools.combinations(p.cycle, 2):
        assert _distance(a, b, cvd) > 10, f"cycle colours {a} and {b} look alike"
    for colour in (*p.cycle, p.ink):
        assert _distance(colour, p.paper, cvd) > 25, f"{colour} fades into the paper"


def test_themes_are_chosen_in_a_block_and_restored():
    assert palette() is LIGHT
    with theme("dark") as dark:
        assert palette() is dark is THEMES["dark"]
    assert palette() is LIGHT


def test_unknown_theme_is_refused_by_name():
    with pytest.raises(ValueError, match="theme"), theme("sepia"):
        pass
