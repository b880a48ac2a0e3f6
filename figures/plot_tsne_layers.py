"""
A transformer's layers under one joint t-SNE
============================================

A small vision transformer trained here on scikit-learn's 8×8 digits; held-out
images at four of its layers, mapped to the plane by one joint t-SNE.
"""

from nnfig.chapters.distributions import tsne_layers

fig = tsne_layers()
