"""
A batch through the small net
=============================

Three datapoints pass through the small two-layer net together; every matrix
holds the numbers the net computes.
"""

from nnfig.chapters.tensors import batch_tensors

fig = batch_tensors()
