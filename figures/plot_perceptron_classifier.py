"""
A perceptron as a classifier
============================

The perceptron with w = (2, 1) and b = 0: its weighted sum z over the plane and
the two half-planes of its output y.
"""

from nnfig.chapters.perceptrons import perceptron_classifier

fig = perceptron_classifier()
