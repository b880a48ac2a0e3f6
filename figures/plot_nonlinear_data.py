"""
Data no line can separate
=========================

Two classes in the plane that no straight line separates.

Used in :doc:`/mlp`; regenerate with ``python -m nnfig render nonlinear-data``.
"""

from nnfig.plots.mlp import nonlinear_data

fig = nonlinear_data()
