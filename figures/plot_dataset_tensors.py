"""
A data set as two tensors
=========================

Five handwritten digits from scikit-learn and their one-hot labels, stacked
into the tensors X (N × H × W × C) and Y (N × K).
"""

from nnfig.chapters.tensors import dataset_tensors

fig = dataset_tensors()
