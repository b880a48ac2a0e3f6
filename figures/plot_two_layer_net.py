"""
A small net that solves it
==========================

The two-layer relu net that classifies the nonlinear data, with its actual
weights on the edges.

Used in :doc:`/mlp`; regenerate with ``python -m nnfig render two-layer-net``.
"""

from nnfig.plots.mlp import two_layer_net

fig = two_layer_net()
