"""
A deeper net separating two rings
=================================

A net of four relu layers, two units wide, trained on two concentric circles.

Used in :doc:`/distributions`; regenerate with ``python -m nnfig render remap-circles``.
"""

from nnfig.plots.distributions import remap_circles

fig = remap_circles()
