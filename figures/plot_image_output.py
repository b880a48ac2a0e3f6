"""
The image output layer
======================

The 255·sigmoid layer that turns a map of real-valued activations into 8-bit
RGB pixel values.
"""

from nnfig.chapters.layers import image_output

fig = image_output()
