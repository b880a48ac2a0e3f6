"""
Stacks of relu layers: collapse and fold
========================================

Mapping plots of two relu stacks, one axis per representation: layers of one
unit only flip and collapse the line, layers of two units fold it.
"""

from nnfig.chapters.distributions import mapping_1d_stack

fig = mapping_1d_stack()
