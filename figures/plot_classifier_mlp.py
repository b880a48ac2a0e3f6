"""
The binary classifier net
=========================

linear → relu → linear → relu → linear → softmax, two units per layer.

Used in :doc:`/distributions`; regenerate with ``python -m nnfig render classifier-mlp``.
"""

from nnfig.plots.distributions import classifier_mlp

fig = classifier_mlp()
