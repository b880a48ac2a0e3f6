"""
Fast activations, slow parameters
=================================

Parameters are learned once from a whole data set; activations are computed
anew for every datapoint.
"""

from nnfig.chapters.mlp import fast_slow

fig = fast_slow()
