"""
How little of the space relu leaves positive
============================================

The measured share of Gaussian samples that relu leaves strictly positive in
every coordinate, for widths D = 1 to 12: 1/2^D when the coordinates are
independent, 1/(D + 1) when every pair is correlated by ½.
"""

from nnfig.chapters.distributions import relu_volume

fig = relu_volume()
