"""
The perceptron
==============

A perceptron with four inputs: weights on the edges, a bias, the weighted sum f
and the threshold g.
"""

from nnfig.chapters.perceptrons import perceptron_diagram

fig = perceptron_diagram()
