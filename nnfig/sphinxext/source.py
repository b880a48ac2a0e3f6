"""A figure's code on its gallery page: ``.. nnfig-source:: relu-volume``.

Shows the figure's drawing function, then, folded, every compute function it
draws from (what ``nnfig.compute`` code the compute function reaches, argument
checks left out). The listings are the same definitions the dependency digests
hash, so the page shows exactly the code that made the figure.

``SetListingsAside`` and ``PutListingsBack`` keep the listings out of
sphinx-gallery's code links: that pass tokenizes every Python block of a gallery
page in the main process, one page after another, to link names to the API. In
the listings it found one link a page (the figure function's own name, which
the script's call above links already) for about a second of a cold build.
"""

from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from nnfig import deps
from nnfig.registry import FIGURES
from nnfig.sphinxext import names

#: The class of a listing's code block.
LISTING = "nnfig-listing"


def _path(module: str) -> str:
    return deps.module_file(module).relative_to(deps.PACKAGE.parent).as_posix()


def _listing(unit: deps.Unit) -> tuple[str, str]:
    module, name = unit
    return f"{_path(module)}: {name}", deps._parse(module)[0][name]


def compute_units(fig_id: str) -> list[deps.Unit]:
    """The compute definitions a figure draws from, the compute function itself first."""
    entry = FIGURES[fig_id]
    data = [entry.data, entry.explorer and entry.explorer.data]
    roots = [deps.unit_of(f) for f in data if f is not None]
    reached = deps.units_of(roots)
    others = sorted(
        u
        for u in reached - set(roots)
        if u[0].startswith("nnfig.compute.") and u[0] != "nnfig.compute.checks"
    )
    return [*dict.fromkeys(roots), *others]


def listings(fig_id: str) -> list[tuple[str, str]]:
    """(title, source) of the drawing function, then of each compute definition."""
    entry = FIGURES[fig_id]
    drawing = [_listing(deps.unit_of(entry.draw))]
    if entry.explorer is not None:
        drawing.append(_listing(deps.unit_of(entry.explorer.pack)))
    return drawing + [_listing(u) for u in compute_units(fig_id)]


def _code_block(title: str, code: str, indent: str = "") -> list[str]:
    # A plain label, not a caption: numfig would number every listing of the book.
    lines = [f"``{title}``", "", ".. code-block:: python", f"   :class: {LISTING}", ""]
    lines += [f"   {line}" if line else "" for line in code.splitlines()]
    return [indent + line if line else "" for line in [*lines, ""]]


class SourceDirective(SphinxDirective):
    """The code that draws a figure and, folded, the code that computes what it draws."""

    required_arguments = 1

    def run(self):
        fig_id = self.arguments[0]
        if fig_id not in FIGURES:
            raise self.error(f"unknown figure id {fig_id!r}")
        entry = FIGURES[fig_id]
        # Read again exactly when the figure ran again: its code (and so this listing)
        # changed. sphinx-gallery rewrites a script's checksum file each time it runs it.
        ran = Path(self.env.srcdir) / names.GALLERY / f"{names.script(fig_id)}.md5"
        self.env.note_dependency(str(ran))
        found = listings(fig_id)
        n_draw = 1 + (entry.explorer is not None)
        lines = [".. rubric:: The code", ""]
        what = "The figure function" + (" and its explorer's" if n_draw > 1 else "")
        lines += [f"{what}, from its chapter's module in ``nnfig.chapters``:", ""]
        for item in found[:n_draw]:
            lines += _code_block(*item)
        computed = found[n_draw:]
        if computed:
            lines += [
                f".. dropdown:: What it draws: {len(computed)} definitions of ``nnfig.compute``",
                "   :class-container: nnfig-computation",
                "",
            ]
            for item in computed:
                lines += _code_block(*item, indent="   ")
        container = nodes.container(classes=["nnfig-source"])
        self.state.nested_parse(StringList(lines, "nnfig-source"), 0, container)
        return [container]


class _aside(nodes.Element):
    """Holds a listing while sphinx-gallery's code links run (never written)."""


class SetListingsAside(SphinxPostTransform):
    default_priority = 4  # sphinx-gallery's CodeLinksTransform runs at 5
    formats = ("html",)

    def run(self, **kwargs):
        for block in list(self.document.findall(nodes.literal_block)):
            if LISTING in block["classes"]:
                holder = _aside()
                holder.nnfig_block = block
                block.replace_self(holder)


class PutListingsBack(SphinxPostTransform):
    default_priority = 6
    formats = ("html",)

    def run(self, **kwargs):
        for holder in list(self.document.findall(_aside)):
            holder.replace_self(holder.nnfig_block)
