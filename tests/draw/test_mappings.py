"""Mapping plots draw what they are given."""

import matplotlib.pyplot as plt
import numpy as np

from nnfig.compute import layers
from nnfig.draw.mappings import draw_mapping


def test_mapping_plot_joins_each_point_to_its_image():
    x = np.linspace(-2, 2, 9)
    fx = layers.relu(2 * x - 1)
    _, ax = plt.subplots()
    draw_mapping(ax, [x, fx], ["in", "out"])
    joins = [
        line.get_xydata()
        for line in ax.lines
        if len(line.get_xydata()) == 2 and line.get_xydata()[0, 1] != line.get_xydata()[1, 1]
    ]
    assert len(joins) == x.size
    for (start, end), xi, fxi in zip(joins, x, fx, strict=True):
        assert start.tolist() == [xi, 0.0] and end.tolist() == [fxi, -1.0]
