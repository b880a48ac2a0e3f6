import matplotlib.pyplot as plt
import pytest

from nnfig import FIGURES
from nnfig.draw.style import THEMES, palette, theme


@pytest.fixture(params=list(THEMES))
def themed(request):
    """Draw figures in each theme; yields a function fig_id → (figure, palette)."""
    made = []

    def draw(fig_id):
        with theme(request.param):
            fig = FIGURES[fig_id]()
            made.append(fig)
            return fig, palette()

    yield draw
    for fig in made:
        plt.close(fig)
