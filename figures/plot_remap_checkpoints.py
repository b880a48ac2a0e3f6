"""
A net remapping two clouds while it trains
==========================================

The classifier, trained here in torch, at four checkpoints: every layer as a
plane, every point joined to its image on the next plane. Below the figure,
the same run at every checkpoint its explorer shows, to scrub and turn in 3-D.
"""

from nnfig.chapters.distributions import remap_checkpoints

fig = remap_checkpoints()
