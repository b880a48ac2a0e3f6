"""
Softmax and temperature
=======================

One vector of scores turned into probabilities by the softmax at several
temperatures, from nearly one-hot to nearly uniform.
"""

from nnfig.chapters.layers import softmax_temperature

fig = softmax_temperature()
