"""The registry: every book figure by id, with its title, chapter, data and drawing.

A figure is two steps kept apart: a compute function (``nnfig.compute``, no
matplotlib) returns the values the figure shows, and a drawing function (in the
chapter's module, ``nnfig.chapters``) draws them. Decorating the drawing function
with ``@figure(id, title=..., data=compute_function)`` makes the public figure
function: it takes the compute function's keyword-only parameters (whose
defaults are the book's figure), computes, and draws in the current theme.
Diagrams that compute nothing are decorated without ``data=``: their drawing
function takes the parameters itself.

A drawing function may also take a keyword-only ``layout`` ("wide", the
default, or "narrow"): the same figure stacked for a phone's narrow column. The
public function then takes ``layout`` too, and the book saves both arrangements
(``FigureEntry.layouts``).

``FIGURES[id].data()`` is what the book's figure draws (``data`` is None for a
diagram); chapters glue their numbers from it and tests check it, so text and
figure share one computation. A figure may also have an explorer
(``@explorer(id, data=...)``): a function that packs its data, often more
checkpoints of the same run, for the book's interactive viewer.
The registry fills itself on first use by importing the chapter modules, so
``import nnfig`` loads neither matplotlib nor torch.
"""

import functools
import importlib
import inspect
import weakref
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from nnfig.draw.style import LAYOUTS, Palette, palette

#: Chapter pages in book order; each has a module of the same name in ``nnfig.chapters``.
CHAPTERS = ("perceptrons", "mlp", "layers", "tensors", "distributions")


@dataclass(frozen=True)
class Drawing:
    """A drawing function, the compute function it draws (if any), and the public function."""

    draw: Callable
    data: Callable | None
    func: Callable

    @property
    def layouts(self) -> tuple[str, ...]:
        """The arrangements it draws: "wide", and "narrow" if the drawing takes ``layout``."""
        return LAYOUTS if "layout" in inspect.signature(self.draw).parameters else LAYOUTS[:1]

    def redraw(self, values: Any, layout: str = "wide"):
        """Draw ``values`` (the data, or a diagram's parameters) again in the current theme."""
        from nnfig.draw.style import styled

        check_layout(layout, self.layouts)
        kwargs = {"layout": layout} if len(self.layouts) > 1 else {}
        with styled():
            return self.draw(values, **kwargs) if self.data else self.draw(**values, **kwargs)


@dataclass(frozen=True)
class FigureEntry(Drawing):
    """One book figure: its id, a short title and the chapter that shows it."""

    id: str = ""
    title: str = ""
    chapter: str = ""

    @property
    def explorer(self) -> "Explorer | None":
        """The figure's interactive explorer, if it has one."""
        return EXPLORERS.get(self.id)

    def __call__(self, **kwargs):
        return self.func(**kwargs)

    @property
    def description(self) -> str:
        """The first paragraph of the docstring, as one line."""
        return " ".join((inspect.getdoc(self.draw) or "").split("\n\n")[0].split())

    @property
    def alt(self) -> str:
        """The whole docstring as one line: the figure's alt text on every page."""
        return " ".join((inspect.getdoc(self.draw) or "").split())


@dataclass(frozen=True)
class Made:
    """How a figure was made: so it can be drawn again in another theme."""

    drawing: Drawing
    values: Any
    layout: str = "wide"
    palette: Palette | None = None  # the palette of the theme it was drawn in


_made: "weakref.WeakKeyDictionary[object, Made]" = weakref.WeakKeyDictionary()


def made(obj) -> Made | None:
    """The record of a figure a registered function returned, else None."""
    return _made.get(obj)


class Registry(Mapping[str, FigureEntry]):
    """Figure id → entry, in book order; loads the chapter modules on first use."""

    def __init__(self) -> None:
        self._entries: dict[str, FigureEntry] = {}
        self._complete = False

    def _load(self) -> dict[str, FigureEntry]:
        if not self._complete:
            for chapter in CHAPTERS:
                importlib.import_module(f"nnfig.chapters.{chapter}")
            ordered = sorted(self._entries.values(), key=lambda e: CHAPTERS.index(e.chapter))
            self._entries = {e.id: e for e in ordered}
            self._complete = True
        return self._entries

    def __getitem__(self, fig_id: str) -> FigureEntry:
        return self._load()[fig_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def add(self, entry: FigureEntry) -> None:
        if entry.id in self._entries:
            raise ValueError(f"figure id {entry.id!r} is registered twice")
        self._entries[entry.id] = entry


FIGURES = Registry()


def check_layout(layout, layouts: tuple[str, ...] = LAYOUTS) -> None:
    """Refuse, by name, a ``layout`` that is not one of ``layouts``."""
    if not isinstance(layout, str) or layout not in layouts:
        raise ValueError(f"layout must be one of {', '.join(map(repr, layouts))}, got {layout!r}")


def _public(draw: Callable, data: Callable | None) -> tuple[Drawing, Callable]:
    """The public function of a drawing: computes (if ``data``), draws in style, records."""
    own = inspect.signature(draw).parameters
    arranged = "layout" in own
    if arranged:
        p = own["layout"]
        if p.kind is not p.KEYWORD_ONLY or p.default != LAYOUTS[0]:
            raise ValueError(f"{draw.__name__}: layout must be keyword-only, default 'wide'")

    @functools.wraps(draw)
    def public(**kwargs):
        layout = kwargs.pop("layout", LAYOUTS[0]) if arranged else LAYOUTS[0]
        check_layout(layout, drawing.layouts)  # before computing: a bad layout costs nothing
        values = data(**kwargs) if data else kwargs
        drawn = drawing.redraw(values, layout)
        _made[drawn] = Made(drawing, values, layout, palette())
        return drawn

    # With data, the parameters are the compute function's: one place holds the defaults.
    params = list(inspect.signature(data).parameters.values()) if data else []
    params += [p for n, p in own.items() if not data or n == "layout"]
    public.__signature__ = inspect.Signature(
        params, return_annotation=inspect.signature(draw).return_annotation
    )
    drawing = Drawing(draw, data, public)
    return drawing, public


def figure(id: str, *, title: str, data: Callable | None = None):
    """Register a drawing function as the book figure ``id`` of its chapter module."""

    def decorate(draw: Callable) -> Callable:
        package, _, chapter = draw.__module__.rpartition(".")
        if package != "nnfig.chapters" or chapter not in CHAPTERS:
            raise ValueError(
                f"figure {id!r} is defined in {draw.__module__}, not in a chapter module "
                f"(nnfig.chapters.<chapter>, chapters: {', '.join(CHAPTERS)})"
            )
        drawing, public = _public(draw, data)
        FIGURES.add(FigureEntry(drawing.draw, data, public, id=id, title=title, chapter=chapter))
        return public

    return decorate


@dataclass(frozen=True)
class Explorer:
    """The explorer of a figure: ``pack`` turns the values of ``data`` into the viewer's data."""

    pack: Callable
    data: Callable

    def __call__(self, **kwargs) -> dict:
        return self.pack(self.data(**kwargs))


#: Figure id → its explorer, for the figures that have one.
EXPLORERS: dict[str, Explorer] = {}


def explorer(fig_id: str, *, data: Callable):
    """Register the function that packs the explorer of figure ``fig_id`` from ``data()``."""

    def decorate(pack: Callable) -> Callable:
        if fig_id not in FIGURES._entries:
            raise ValueError(f"explorer of {fig_id!r}: register that figure first, above it")
        if fig_id in EXPLORERS:
            raise ValueError(f"figure {fig_id!r} has an explorer already")
        EXPLORERS[fig_id] = Explorer(pack, data)
        return pack

    return decorate
