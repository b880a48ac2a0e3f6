"""Drawing modules, one per chapter; importing them fills the registry."""

from nnfig.plots import catalogue  # noqa: F401
