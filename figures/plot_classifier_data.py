"""
Two clouds and their target
===========================

The training data of the classifier and the one-hot target it must map them to.
"""

from nnfig.chapters.distributions import classifier_data

fig = classifier_data()
