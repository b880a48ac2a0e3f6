"""
A perceptron fanning out
========================

One hidden unit whose output feeds several outputs.

Used in :doc:`/mlp`; regenerate with ``python -m nnfig render mlp-fan-out``.
"""

from nnfig.plots.mlp import mlp_fan_out

fig = mlp_fan_out()
