"""
A perceptron fanning out
========================

One hidden unit whose output feeds several outputs.
"""

from nnfig.chapters.mlp import mlp_fan_out

fig = mlp_fan_out()
