"""Drawing modules, one per chapter, in book order; importing them fills the registry."""

from nnfig.plots import catalogue, distributions, mlp, perceptrons, tensors  # noqa: F401
