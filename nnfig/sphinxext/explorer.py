"""``.. nnfig-explorer:: remap-checkpoints``: a figure's run, to turn and scrub in the browser.

The page gets an empty, hidden container and, once per page, the viewer
(``_static/nnfig-explorer.js``, a classic script). The viewer shows the
container and loads the figure's data (``_static/explorer/<id>.js``, written by
the gallery's scraper from ``nnfig.compute.explorer``) only when the explorer
first comes into view or is used, so the data weighs nothing at page load.
Without scripts the container stays hidden and the static figure above it, with
its alt text, is all there is.
"""

import html
import os
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from nnfig.registry import FIGURES
from nnfig.sphinxext import names

#: The viewer, in the book's ``_static``; each explorer's data goes in ``_static/explorer``.
VIEWER = "nnfig-explorer.js"
DATA_DIR = "explorer"


class explorer_node(nodes.General, nodes.Element):
    """The explorer of a figure; attributes ``fig_id``, ``title``, ``source`` (its data)."""


def _copy(source: Path, target: Path) -> None:
    """Copy unless already there; through a temporary file, since the chapter and the gallery
    page may be written at once by two processes."""
    data = source.read_bytes()
    if target.exists() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, target)


def visit_explorer(self, node: explorer_node) -> None:
    target = Path(self.builder.outdir) / "_static" / DATA_DIR / f"{node['fig_id']}.js"
    _copy(Path(node["source"]), target)
    static = relative_uri(self.builder.get_target_uri(self.builder.current_docname), "_static/")
    if not getattr(self, "_nnfig_viewer", False):  # one viewer per page, however many explorers
        self.body.append(f'<script src="{static}{VIEWER}" defer></script>\n')
        self._nnfig_viewer = True
    attrs = {
        "class": "nnfig-explorer",
        "data-explorer": node["fig_id"],
        "data-src": f"{static}{DATA_DIR}/{node['fig_id']}.js",
        "role": "group",
        "aria-label": f"Explorer: {node['title']}",
    }
    body = " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items())
    self.body.append(f"<div {body} hidden></div>\n")
    raise nodes.SkipNode


class ExplorerDirective(SphinxDirective):
    """The explorer of a figure that has one (``@explorer`` in its chapter's module)."""

    required_arguments = 1

    def run(self):
        fig_id = self.arguments[0]
        if fig_id not in FIGURES or FIGURES[fig_id].explorer is None:
            raise self.error(f"figure {fig_id!r} has no explorer")
        source = Path(self.env.srcdir) / names.explorer_data(fig_id).lstrip("/")
        if not source.exists():
            raise self.error(f"explorer of {fig_id!r}: {source.name} was not generated")
        # The page is written again, and the data copied, whenever the data change.
        self.env.note_dependency(str(source))
        return [explorer_node(fig_id=fig_id, title=FIGURES[fig_id].title, source=str(source))]


def setup(app) -> None:
    app.add_node(explorer_node, html=(visit_explorer, None))
    app.add_directive("nnfig-explorer", ExplorerDirective)
