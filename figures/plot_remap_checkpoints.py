"""
A net remapping two clouds while it trains
==========================================

The classifier, trained here in torch, at four checkpoints: every layer as a
plane, every point joined to its image on the next plane. Below the figure,
the same view as an animation through training.
"""

from nnfig.chapters.distributions import remap_checkpoints

fig = remap_checkpoints()

# %%
# The same view at 14 steps of training, as a player (press ▶).

from nnfig.chapters.distributions import remap_animation

animation = remap_animation()
