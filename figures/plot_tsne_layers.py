"""
Digits in pixels and in a transformer's layers
==============================================

Held-out digits as raw pixels and at every layer of a small vision transformer
trained on scikit-learn's 8×8 digits, one t-SNE map per panel, with two
accuracies under each.
"""

from nnfig.chapters.distributions import tsne_layers

fig = tsne_layers()
