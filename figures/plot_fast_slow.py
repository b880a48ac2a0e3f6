"""
Fast activations, slow parameters
=================================

Parameters are learned once from a whole data set; activations are computed
anew for every datapoint.

Used in :doc:`/mlp`; regenerate with ``python -m nnfig render fast-slow``.
"""

from nnfig.plots.mlp import fast_slow

fig = fast_slow()
