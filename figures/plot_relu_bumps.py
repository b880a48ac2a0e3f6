"""
Bumps of relus approximate a curve
==================================

A bump made of four relus, and sums of bumps approaching a target curve as
their number grows.
"""

from nnfig.chapters.mlp import relu_bumps

fig = relu_bumps()
