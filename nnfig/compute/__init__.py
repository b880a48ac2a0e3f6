"""What the figures show, computed: numpy and torch only, no matplotlib.

Each figure's values come from one function here, with keyword-only
parameters whose defaults are the book's figure, returning arrays or small
frozen dataclasses. Figures draw them, chapters print them, tests check them.
torch is imported inside the functions that train, so importing is quick.
"""
