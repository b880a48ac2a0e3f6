"""
An image as a 3-D tensor
========================

A small photograph shipped with scikit-learn drawn as an H × W × C block of
numbers.
"""

from nnfig.chapters.tensors import tensor_cube

fig = tensor_cube()
