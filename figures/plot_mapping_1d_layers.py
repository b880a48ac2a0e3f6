"""
Mapping plots of simple layers
==============================

Four linear layers (stretch, squash, shift, flip), relu and the sigmoid, each
drawn as the way it moves points along a line.
"""

from nnfig.chapters.distributions import mapping_1d_layers

fig = mapping_1d_layers()
