"""
Mapping plots of simple layers
==============================

Four linear layers (stretch, squash, shift, flip), relu and the sigmoid, each
drawn as the way it moves points along a line.

Used in :doc:`/distributions`; regenerate with ``python -m nnfig render mapping-1d-layers``.
"""

from nnfig.plots.distributions import mapping_1d_layers

fig = mapping_1d_layers()
