"""The registry: every book figure by id, with its title and chapter.

The CLI, the gallery, the chapters' checks and the tests all iterate over
``FIGURES``, so a figure cannot exist in one place and be missing in another.
"""

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib as mpl
from matplotlib.figure import Figure

from nnfig.style import palette, rc


@dataclass(frozen=True)
class FigureEntry:
    """One book figure: its id, a short title, the chapter that shows it, its function."""

    id: str
    title: str
    chapter: str
    func: Callable[..., Figure]
    #: Other functions whose output the figure's gallery page shows (an animation, say).
    companions: list[Callable] = field(default_factory=list, compare=False)

    def __call__(self, **kwargs) -> Figure:
        return self.func(**kwargs)

    @property
    def description(self) -> str:
        """The first paragraph of the function's docstring, as one line."""
        doc = inspect.getdoc(self.func) or ""
        return " ".join(doc.split("\n\n")[0].split())

    @property
    def alt(self) -> str:
        """The whole docstring as one line: the figure's alt text on every page."""
        return " ".join((inspect.getdoc(self.func) or "").split())

    @property
    def script(self) -> str:
        """File name of the gallery script that draws this figure."""
        return f"plot_{self.id.replace('-', '_')}.py"


#: Chapter pages in book order; every figure belongs to one of them.
CHAPTERS = ("perceptrons", "mlp", "layers", "tensors", "distributions")

FIGURES: dict[str, FigureEntry] = {}


def _book_order(entry: FigureEntry) -> int:
    return CHAPTERS.index(entry.chapter)


def figure(id: str, *, title: str, chapter: str):
    """Register a figure function under ``id``; it is built in the current theme's style."""

    def decorate(func: Callable[..., Figure]) -> Callable[..., Figure]:
        if id in FIGURES:
            raise ValueError(f"figure id {id!r} is registered twice")
        if chapter not in CHAPTERS:
            raise ValueError(f"chapter {chapter!r} of figure {id!r} is not one of {CHAPTERS}")

        @functools.wraps(func)
        def styled(*args, **kwargs) -> Figure:
            with mpl.rc_context(rc(palette())):
                fig = func(*args, **kwargs)
            # How the figure was made, so the gallery can draw it again in the other theme.
            fig.nnfig_call = (id, kwargs)
            return fig

        FIGURES[id] = FigureEntry(id, title, chapter, styled)
        # Keep the registry in book order: by chapter, then by order of definition.
        ordered = sorted(FIGURES.values(), key=_book_order)
        FIGURES.clear()
        FIGURES.update((e.id, e) for e in ordered)
        return styled

    return decorate


def companion(fig_id: str):
    """Mark a function as shown on ``fig_id``'s gallery page, so edits to it re-run that page."""

    def decorate(func: Callable) -> Callable:
        FIGURES[fig_id].companions.append(func)
        return func

    return decorate
