"""
A linear–relu stack, layer after layer
======================================

Three linear–relu pairs in one mapping plot, one axis per representation.
"""

from nnfig.chapters.distributions import mapping_1d_stack

fig = mapping_1d_stack()
