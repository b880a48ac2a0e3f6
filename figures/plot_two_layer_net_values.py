"""
Every neuron of the small net
=============================

The value of each neuron of the small net over the plane, with the data on top.

Used in :doc:`/mlp`; regenerate with ``python -m nnfig render two-layer-net-values``.
"""

from nnfig.plots.mlp import two_layer_net_values

fig = two_layer_net_values()
