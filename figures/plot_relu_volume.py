"""
How little of the space relu leaves positive
============================================

The measured share of Gaussian samples that relu leaves strictly positive in
every coordinate, against 1/2^N, for widths N = 1 to 12.
"""

from nnfig.chapters.distributions import relu_volume

fig = relu_volume()
