"""
Softmax and temperature
=======================

One vector of scores turned into probabilities by the softmax at several
temperatures, from nearly one-hot to nearly uniform.

Used in :doc:`/layers`; regenerate with ``python -m nnfig render softmax-temperature``.
"""

from nnfig.plots.catalogue import softmax_temperature

fig = softmax_temperature()
