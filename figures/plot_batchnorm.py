"""
Batch normalization
===================

A batch of three units before batch normalization, after standardizing each unit
over the batch, and after the learned scale γ and shift β.
"""

from nnfig.chapters.layers import batchnorm

fig = batchnorm()
