"""Drawing modules, one per chapter, in book order; importing them fills the registry."""

from nnfig.plots import catalogue, mlp, perceptrons, tensors  # noqa: F401
