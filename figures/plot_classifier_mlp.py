"""
The binary classifier net
=========================

linear → relu → linear → relu → linear → softmax, two units per layer.
"""

from nnfig.chapters.distributions import classifier_mlp

fig = classifier_mlp()
