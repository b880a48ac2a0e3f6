"""The API reference's figure functions, listed from the registry.

``nnfig-api-figures``: every public figure function, under its chapter, in book
order, documented by autodoc and numpydoc (``autofunction``) and linked to its
gallery page. The list is the registry's, so a figure added to the book is in
the reference without anyone listing it. autodoc writes reStructuredText, so in
a MyST page the directive goes inside an ``{eval-rst}`` block.
"""

import inspect
import json

from docutils import nodes
from docutils.parsers.rst.states import RSTState
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from nnfig.registry import CHAPTERS, FIGURES
from nnfig.sphinxext import names
from nnfig.sphinxext.images import _titles_file


def api_id(fig_id: str) -> str:
    """The HTML id of a figure's entry in the API reference: its function's full name."""
    entry = FIGURES[fig_id]
    return f"{entry.func.__module__}.{entry.func.__name__}"


class ApiFiguresDirective(SphinxDirective):
    """One section per chapter, each with the ``autofunction`` of every figure it shows."""

    def run(self):
        if not isinstance(self.state, RSTState):
            raise self.error("nnfig-api-figures writes reStructuredText: use it in eval-rst")
        titles_file = _titles_file(self.env.srcdir)
        self.env.note_dependency(str(titles_file))
        titles = json.loads(titles_file.read_text())
        # The docstrings are composed from the compute modules too (autodoc notes only
        # the module that defines each function): a change there rereads this page.
        self.env.note_dependency(inspect.getsourcefile(FIGURES.__class__))
        sections = []
        for number, chapter in enumerate(CHAPTERS, start=1):
            title = f"{number}. {titles[chapter]}"
            name = nodes.fully_normalize_name(title)
            section = nodes.section(ids=[f"api-{chapter}"], names=[name])
            section += nodes.title(title, title)
            module = f"nnfig.chapters.{chapter}"
            lines = [f"The figures of :doc:`/{chapter}`, from ``{module}``.", ""]
            for e in (e for e in FIGURES.values() if e.chapter == chapter):
                for source in {e.draw, e.data} - {None}:
                    self.env.note_dependency(inspect.getsourcefile(source))
                lines += [
                    f".. autofunction:: {api_id(e.id)}",
                    "",
                    f"   Figure ``{e.id}``, *{e.title}*: "
                    f":doc:`its gallery page </{names.GALLERY}/{names.stem(e.id)}>`.",
                    "",
                ]
            self.state.nested_parse(StringList(lines, "nnfig-api-figures"), 0, section)
            self.state.document.note_implicit_target(section, section)
            sections.append(section)
        return sections


def setup(app) -> None:
    app.add_directive("nnfig-api-figures", ApiFiguresDirective)
