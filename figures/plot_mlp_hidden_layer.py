"""
A hidden layer
==============

A multilayer perceptron with one hidden layer of pre- and post-activations.
"""

from nnfig.chapters.mlp import mlp_hidden_layer

fig = mlp_hidden_layer()
