"""The registry: every book figure by id, with its title, chapter, data and drawing.

A figure is two steps kept apart: a compute function (``nnfig.compute``, no
matplotlib) returns the values the figure shows, and a drawing function (in the
chapter's module, ``nnfig.chapters``) draws them. Decorating the drawing function
with ``@figure(id, title=..., alt=..., data=compute_function)`` makes the public figure
function: it takes the compute function's keyword-only parameters (whose
defaults are the book's figure), computes, and draws in the current theme.
Diagrams that compute nothing are decorated without ``data=``: their drawing
function takes the parameters itself. Every figure also states its alt text
(``alt=``): what a reader who cannot see the image is told it shows.

The public function's docstring is composed, so each parameter is described in
one place, next to its default: the drawing's summary, then the ``Parameters``
section of the compute function's docstring (a diagram's own), ``layout`` (once,
here: ``LAYOUT_PARAMETER``) and the returned Figure (``RETURNS``).

A drawing function may also take a keyword-only ``layout`` ("wide", the
default, or "narrow"): the same figure stacked for a phone's narrow column. The
public function then takes ``layout`` too, and the book saves both arrangements
(``FigureEntry.layouts``).

``FIGURES[id].data()`` is what the book's figure draws (``data`` is None for a
diagram); chapters glue their numbers from it, through ``figure_data(id)``,
which calls the same function without importing the drawings, and tests check
it, so text and figure share one computation. A figure may also have an explorer
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
    """A drawing function, the compute function it draws (if any), and the public function.

    Parameters
    ----------
    draw : callable
        The drawing function, as the chapter module defines it.
    data : callable or None
        The compute function whose values ``draw`` draws; None for a diagram.
    func : callable
        The public figure function (what ``@figure`` returns).
    """

    draw: Callable
    data: Callable | None
    func: Callable

    @property
    def layouts(self) -> tuple[str, ...]:
        """The arrangements it draws: "wide", and "narrow" if the drawing takes ``layout``."""
        return LAYOUTS if "layout" in inspect.signature(self.draw).parameters else LAYOUTS[:1]

    def redraw(self, values: Any, layout: str = "wide"):
        """Draw ``values`` again in the current theme.

        Parameters
        ----------
        values : object
            What to draw: the compute function's values, or a diagram's
            parameters as a dict.
        layout : {"wide", "narrow"}, optional
            The arrangement, one of ``layouts``.

        Returns
        -------
        matplotlib.figure.Figure
            The figure.
        """
        from nnfig.draw.style import styled

        check_layout(layout, self.layouts)
        kwargs = {"layout": layout} if len(self.layouts) > 1 else {}
        with styled():
            return self.draw(values, **kwargs) if self.data else self.draw(**values, **kwargs)


@dataclass(frozen=True)
class FigureEntry(Drawing):
    """One book figure: its id, a short title, its alt text and the chapter that shows it.

    ``FIGURES`` holds one for each figure; calling it draws the figure.

    Parameters
    ----------
    draw : callable
        The drawing function, as the chapter module defines it.
    data : callable or None
        The compute function whose values ``draw`` draws; None for a diagram.
    func : callable
        The public figure function (what ``@figure`` returns).
    id : str
        The figure's id, in kebab case: ``"relu-volume"``.
    title : str
        A short title, for the gallery and ``python -m nnfig list``.
    alt : str
        What the figure shows, in words: its alt text on every page.
    chapter : str
        The chapter page (and module) that shows the figure.
    """

    id: str = ""
    title: str = ""
    alt: str = ""
    chapter: str = ""

    @property
    def explorer(self) -> "Explorer | None":
        """The figure's interactive explorer, if it has one."""
        return EXPLORERS.get(self.id)

    def __call__(self, **kwargs):
        """Draw the figure: ``func(**kwargs)``."""
        return self.func(**kwargs)

    @property
    def description(self) -> str:
        """The drawing's one-line summary: the first paragraph of its docstring, as one line."""
        return " ".join((inspect.getdoc(self.draw) or "").split("\n\n")[0].split())


@dataclass(frozen=True)
class Made:
    """How a figure was made: so it can be drawn again in another theme.

    Parameters
    ----------
    drawing : Drawing
        The drawing that drew it.
    values : object
        What it drew: the compute function's values, or a diagram's parameters.
    layout : str
        The arrangement it was drawn in, "wide" or "narrow".
    palette : Palette or None
        The palette of the theme it was drawn in.
    """

    drawing: Drawing
    values: Any
    layout: str = "wide"
    palette: Palette | None = None  # the palette of the theme it was drawn in


_made: "weakref.WeakKeyDictionary[object, Made]" = weakref.WeakKeyDictionary()


def made(obj) -> Made | None:
    """The record of how a figure function made ``obj``.

    Parameters
    ----------
    obj : object
        A Figure, usually one a public figure function returned.

    Returns
    -------
    Made or None
        How ``obj`` was made, or None if no figure function made it.
    """
    return _made.get(obj)


class Registry(Mapping[str, FigureEntry]):
    """Figure id → entry, in book order; loads the chapter modules on first use.

    A read-only mapping (``FIGURES["relu-volume"]``, ``list(FIGURES)``); only
    ``@figure`` adds to it.
    """

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
        """Register ``entry``; an id registered twice is an error.

        Parameters
        ----------
        entry : FigureEntry
            The figure to add, after those registered before it.
        """
        if entry.id in self._entries:
            raise ValueError(f"figure id {entry.id!r} is registered twice")
        self._entries[entry.id] = entry


#: Every figure of the book by id, in book order: ``FIGURES["relu-volume"]()`` draws one.
FIGURES = Registry()


def figure_data(fig_id: str, **kwargs) -> Any:
    """What a figure draws, computed without loading any drawing code (nor matplotlib).

    The same as ``FIGURES[fig_id].data(**kwargs)``: the compute function is the
    one the figure's ``@figure(…, data=…)`` names, found in its chapter module's
    source (``nnfig.deps.declared_data``), and only that function's module is
    imported. The chapters quote their numbers through it.

    Parameters
    ----------
    fig_id : str
        The figure's id, as in ``FIGURES``.
    **kwargs
        The compute function's keyword-only parameters; none gives the book's values.

    Returns
    -------
    object
        The values the figure draws.

    Raises
    ------
    ValueError
        If ``fig_id`` is not a figure of the book, or names a diagram, which
        computes nothing.
    """
    from nnfig import deps

    declared = deps.declared_data(CHAPTERS)
    if fig_id not in declared:
        raise ValueError(f"fig_id must be a figure id of the book, got {fig_id!r}")
    if declared[fig_id] is None:
        raise ValueError(f"fig_id {fig_id!r} is a diagram: it draws no computed values")
    module, name = declared[fig_id]
    return getattr(importlib.import_module(module), name)(**kwargs)


#: The numpydoc entry of ``layout``, the parameter of every figure with a narrow arrangement.
LAYOUT_PARAMETER = """\
layout : {"wide", "narrow"}, optional
    The arrangement: "wide" (the default) fills the book's text column;
    "narrow" stacks the same figure for a phone's column (``NARROW_WIDTH``
    inches wide)."""

#: The numpydoc ``Returns`` section of every public figure function.
RETURNS = """\
Returns
-------
matplotlib.figure.Figure
    The figure, drawn in the current theme (``nnfig.draw.style.theme``)."""


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
    public.__doc__ = compose_doc(draw, data, arranged)
    drawing = Drawing(draw, data, public)
    return drawing, public


def _sections(doc: str | None) -> tuple[str, dict[str, str]]:
    """A numpydoc docstring's text before its first section, and its sections by title."""
    lines = inspect.cleandoc(doc or "").splitlines()
    heads = [
        i
        for i in range(len(lines) - 1)
        if lines[i].strip()
        and set(lines[i + 1].strip()) == {"-"}
        and len(lines[i + 1].strip()) >= len(lines[i].strip())
    ]
    intro = "\n".join(lines[: heads[0] if heads else len(lines)]).strip()
    sections = {}
    for i, start in enumerate(heads):
        end = heads[i + 1] if i + 1 < len(heads) else len(lines)
        sections[lines[start].strip()] = "\n".join(lines[start + 2 : end]).strip("\n")
    return intro, sections


def compose_doc(draw: Callable, data: Callable | None, arranged: bool) -> str:
    """The numpydoc docstring of a public figure function.

    Parameters
    ----------
    draw : callable
        The drawing function: its docstring gives the summary (and, for a
        diagram, the Parameters section).
    data : callable or None
        The compute function, whose Parameters section describes the figure's
        parameters; None for a diagram.
    arranged : bool
        Whether the figure takes ``layout``: then ``LAYOUT_PARAMETER`` is added.

    Returns
    -------
    str
        Summary, Parameters (if any), Returns, and any other section of the drawing's docstring.
    """
    intro, own = _sections(draw.__doc__)
    params = _sections(data.__doc__)[1].get("Parameters", "") if data else own.get("Parameters", "")
    entries = [e for e in (params, LAYOUT_PARAMETER if arranged else "") if e]
    parts = [intro]
    if entries:
        parts.append("Parameters\n----------\n" + "\n".join(entries))
    parts.append(RETURNS)
    parts += [
        f"{t}\n{'-' * len(t)}\n{b}" for t, b in own.items() if t not in ("Parameters", "Returns")
    ]
    return "\n\n".join(parts) + "\n"


def figure(id: str, *, title: str, alt: str | None = None, data: Callable | None = None):
    """Register a drawing function as the book figure ``id`` of its chapter module.

    Parameters
    ----------
    id : str
        The figure's id, unique in the book, in kebab case: ``"relu-volume"``.
    title : str
        A short title, for the gallery and ``python -m nnfig list``.
    alt : str
        The figure's alt text: what it shows, in words, for a reader who cannot
        see it. Required and not blank.
    data : callable, optional
        The compute function whose values the drawing draws. The public figure
        function takes its keyword-only parameters (with their defaults) and
        its numpydoc ``Parameters`` section. Without it, the figure is a diagram
        whose drawing takes (and documents) the parameters itself.

    Returns
    -------
    callable
        A decorator that registers the drawing function in ``FIGURES`` and
        returns the public figure function.

    Raises
    ------
    ValueError
        If ``alt`` is missing or blank, or the drawing is not in a chapter module.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"figure {id!r} needs alt text: alt= must be a non-empty string")

    def decorate(draw: Callable) -> Callable:
        package, _, chapter = draw.__module__.rpartition(".")
        if package != "nnfig.chapters" or chapter not in CHAPTERS:
            raise ValueError(
                f"figure {id!r} is defined in {draw.__module__}, not in a chapter module "
                f"(nnfig.chapters.<chapter>, chapters: {', '.join(CHAPTERS)})"
            )
        drawing, public = _public(draw, data)
        FIGURES.add(
            FigureEntry(drawing.draw, data, public, id=id, title=title, alt=alt, chapter=chapter)
        )
        return public

    return decorate


@dataclass(frozen=True)
class Explorer:
    """The explorer of a figure: ``pack`` turns the values of ``data`` into the viewer's data.

    Calling it (with ``data``'s keyword arguments) returns the viewer's data.

    Parameters
    ----------
    pack : callable
        Turns the values of ``data`` into the viewer's data, a dict.
    data : callable
        The computation the explorer shows.
    """

    pack: Callable
    data: Callable

    def __call__(self, **kwargs) -> dict:
        return self.pack(self.data(**kwargs))


#: Figure id → its explorer, for the figures that have one.
EXPLORERS: dict[str, Explorer] = {}


def explorer(fig_id: str, *, data: Callable):
    """Register the function that packs the explorer of figure ``fig_id`` from ``data()``.

    Parameters
    ----------
    fig_id : str
        The id of a figure registered above, in the same chapter module.
    data : callable
        The function computing what the explorer shows, often more checkpoints
        of the figure's own computation.

    Returns
    -------
    callable
        A decorator that registers the packing function in ``EXPLORERS`` and
        returns it unchanged.
    """

    def decorate(pack: Callable) -> Callable:
        if fig_id not in FIGURES._entries:
            raise ValueError(f"explorer of {fig_id!r}: register that figure first, above it")
        if fig_id in EXPLORERS:
            raise ValueError(f"figure {fig_id!r} has an explorer already")
        EXPLORERS[fig_id] = Explorer(pack, data)
        return pack

    return decorate
