"""
A data set as two tensors
=========================

Four small colour images and their one-hot labels, stacked into the tensors X
(N × H × W × C) and Y (N × K).

Used in :doc:`/tensors`; regenerate with ``python -m nnfig render dataset-tensors``.
"""

from nnfig.plots.tensors import dataset_tensors

fig = dataset_tensors()
