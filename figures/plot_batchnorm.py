"""
Batch normalization
===================

A batch of three units before batch normalization, after standardizing each unit
over the batch, and after the learned scale γ and shift β.

Used in :doc:`/layers`; regenerate with ``python -m nnfig render batchnorm``.
"""

from nnfig.plots.catalogue import batchnorm

fig = batchnorm()
