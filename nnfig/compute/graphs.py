"""Random layered graphs: the neurons-as-a-graph picture. No matplotlib here."""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import checks

Node = tuple[int, int]  # (layer, index within the layer)
Edge = tuple[Node, Node]


@dataclass(frozen=True)
class NeuronGraph:
    """Layers of neurons, a few random edges between neighbouring layers, one neuron in focus."""

    sizes: list[int]
    edges: list[Edge]  # the other neurons' edges
    focus: Node
    dendrites: list[Edge]  # every edge into the focus neuron
    axon: Edge  # its one outgoing edge


def neuron_graph(*, seed: int = 4, layer_sizes=(3, 4, 4, 3)) -> NeuronGraph:
    """Each neuron sends two edges to random neurons of the next layer; the middle one is in
    focus: it listens to every neuron of the layer before it and sends one axon on.

    Parameters
    ----------
    seed : int, optional
        Seed of the random choice of edges.
    layer_sizes : sequence of int, optional
        Number of neurons in each layer, left to right; at least three layers.

    Returns
    -------
    NeuronGraph
        The layer sizes, the edges, the neuron in focus, its dendrites and its axon.
    """
    seed = checks.seed(seed)
    sizes = checks.sizes("layer_sizes", layer_sizes, min_length=3)
    rng = np.random.default_rng(seed)
    focus = (len(sizes) // 2, sizes[len(sizes) // 2] // 2)
    edges = []
    for k in range(len(sizes) - 1):
        for i in range(sizes[k]):
            targets = rng.choice(sizes[k + 1], size=min(2, sizes[k + 1]), replace=False)
            edges += [((k, i), (k + 1, int(j))) for j in targets]
    edges = [e for e in edges if e[0] != focus and e[1] != focus]
    dendrites = [((focus[0] - 1, i), focus) for i in range(sizes[focus[0] - 1])]
    axon = (focus, (focus[0] + 1, min(focus[1], sizes[focus[0] + 1] - 1)))
    return NeuronGraph(sizes, edges, focus, dendrites, axon)
