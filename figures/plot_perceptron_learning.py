"""
Learning a perceptron
=====================

Rosenblatt's learning rule moving the decision line, update by update, until it
separates two classes.

Used in :doc:`/perceptrons`; regenerate with ``python -m nnfig render perceptron-learning``.
"""

from nnfig.plots.perceptrons import perceptron_learning

fig = perceptron_learning()
