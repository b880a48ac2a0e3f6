"""
Every neuron of the small net
=============================

The value of each neuron of the small net over the plane, with the data on top.
"""

from nnfig.chapters.mlp import two_layer_net_values

fig = two_layer_net_values()
