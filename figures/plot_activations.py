"""
Activation functions
====================

The threshold, sigmoid, tanh and relu nonlinearities side by side; the dots on the
tanh curve are 2·sigmoid(2x) − 1, the same function.
"""

from nnfig.chapters.layers import activations

fig = activations()
