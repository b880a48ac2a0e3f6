"""
A deep net as a composition
===========================

A deep net as a chain of layers, each a linear map and a pointwise
nonlinearity with its own parameters.
"""

from nnfig.chapters.mlp import deep_net_stack

fig = deep_net_stack()
