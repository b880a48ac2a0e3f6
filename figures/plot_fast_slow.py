"""
Fast activations, slow parameters
=================================

Activations change with every datapoint; parameters drift slowly over many
passes of training.
"""

from nnfig.chapters.mlp import fast_slow

fig = fast_slow()
