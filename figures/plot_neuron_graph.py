"""
Neurons as a directed graph
===========================

Neurons drawn as nodes of a directed graph; the shaded neuron's incoming edges
(dendrites) and outgoing edge (axon) are coloured.
"""

from nnfig.chapters.perceptrons import neuron_graph

fig = neuron_graph()
