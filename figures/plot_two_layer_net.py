"""
A small net that solves it
==========================

The two-layer relu net that classifies the nonlinear data, with its actual
weights on the edges.
"""

from nnfig.chapters.mlp import two_layer_net

fig = two_layer_net()
