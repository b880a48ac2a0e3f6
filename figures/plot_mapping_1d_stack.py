"""
A linear–relu stack, layer after layer
======================================

Three linear–relu pairs in one mapping plot, one axis per representation.

Used in :doc:`/distributions`; regenerate with ``python -m nnfig render mapping-1d-stack``.
"""

from nnfig.plots.distributions import mapping_1d_stack

fig = mapping_1d_stack()
