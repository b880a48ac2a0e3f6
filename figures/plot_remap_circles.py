"""
A deeper net separating two rings
=================================

A net of four relu layers, two units wide, trained on two concentric circles.
"""

from nnfig.chapters.distributions import remap_circles

fig = remap_circles()
