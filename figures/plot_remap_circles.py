"""
A deeper net separating two rings
=================================

A net of four relu layers, two units wide, trained on two concentric circles.
Below the figure, the same run at every checkpoint its explorer shows, to scrub
and turn in 3-D.
"""

from nnfig.chapters.distributions import remap_circles

fig = remap_circles()
