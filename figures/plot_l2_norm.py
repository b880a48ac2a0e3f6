"""
L2 normalization
================

Points in the plane and their images under L2 normalization, all on the unit circle.
"""

from nnfig.chapters.layers import l2_norm

fig = l2_norm()
