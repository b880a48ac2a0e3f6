"""
A Gaussian blob through three layers
====================================

A blob of points in the plane sent through a linear layer, a relu and a
sigmoid, each point joined to its image; relu piles the points outside the
positive quadrant onto the axes, a spike at 0 in each coordinate.
"""

from nnfig.chapters.distributions import mapping_2d_layers

fig = mapping_2d_layers()
