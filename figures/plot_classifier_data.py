"""
Two clouds and their target
===========================

The training data of the classifier and the one-hot target it must map them to.

Used in :doc:`/distributions`; regenerate with ``python -m nnfig render classifier-data``.
"""

from nnfig.plots.distributions import classifier_data

fig = classifier_data()
