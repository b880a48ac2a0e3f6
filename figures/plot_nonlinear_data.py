"""
Data no line can separate
=========================

Two classes in the plane that no straight line separates.
"""

from nnfig.chapters.mlp import nonlinear_data

fig = nonlinear_data()
