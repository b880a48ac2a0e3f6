"""
Learning a perceptron
=====================

Rosenblatt's learning rule moving the decision line, update by update, until it
separates two classes.
"""

from nnfig.chapters.perceptrons import perceptron_learning

fig = perceptron_learning()
