"""
Two ways to plot the identity
=============================

The identity drawn as the usual graph and as a mapping plot, in which the
output axis lies parallel to the input axis and each point is joined to its image.
"""

from nnfig.chapters.distributions import mapping_identity

fig = mapping_identity()
