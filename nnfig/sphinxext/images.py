"""Every book figure on every page in both themes, sharp on high-DPI screens.

- ``themed_image`` node: one ``<img>`` per theme (``only-light``/``only-dark``,
  the theme's classes) with a 1×/2× ``srcset``, the size of the 1× image, lazy
  loading (so the hidden theme's image is never fetched) and the figure's alt
  text (``FigureEntry.alt``). A figure with a narrow arrangement wraps it in a
  ``<picture>`` whose ``<source>`` serves the narrow images to screens narrower
  than ``NARROW_SCREEN``. Sizes, alt text and arrangements come from the file
  the gallery wrote beside the images (``names.shown``), so showing a figure
  imports none of the drawing code.
- Directives: ``nnfig-image`` (an image by path), ``nnfig-figure`` (a chapter
  figure by id: numbered, captioned, labelled ``fig-<id>``, linked to its
  gallery page) and ``nnfig-gallery`` (the gallery index, grouped by chapter).
- ``palette_css``: the colours of the math macros and of the explorer in each theme.
"""

import html
import json
import shutil
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.images import get_image_size
from sphinx.util.nodes import nested_parse_with_titles

from nnfig.draw.style import THEMES
from nnfig.registry import CHAPTERS, FIGURES, FigureEntry
from nnfig.sphinxext import names

PALETTE_CSS = "nnfig-palette.css"


def entry_for(fig_id: str) -> FigureEntry:
    if fig_id not in FIGURES:
        raise ValueError(f"unknown figure id {fig_id!r}; known ids: {', '.join(FIGURES)}")
    return FIGURES[fig_id]


# --- the image node ------------------------------------------------------------------------


#: The tooltip of the link from a figure to its full-size image.
ZOOM_TITLE = "Open the figure full size"


#: Screens up to this width get a figure's narrow arrangement: phones, held upright or
#: across (the book's column is full-width below the theme's 768 px breakpoint, and a
#: wide figure's text is under about 9 CSS px in a column under 600 px).
NARROW_SCREEN = "(max-width: 599.98px)"


class themed_image(nodes.General, nodes.Element):
    """A figure in both themes; attributes ``files`` {(theme, scale): path}, ``alt``,
    and ``narrow``: the narrow arrangement's files, like ``files``, or {} if none."""


def _copy(self, node_files: dict, name: str) -> tuple[dict[int, str], tuple[int, int]]:
    """Copy the theme's images into the site: their URLs by scale and the 1× size."""
    srcdir = Path(self.builder.srcdir)
    imagedir = Path(self.builder.outdir) / self.builder.imagedir
    imagedir.mkdir(parents=True, exist_ok=True)
    urls = {}
    for (t, scale), rel in sorted(node_files.items()):
        if t != name:
            continue
        source = srcdir / rel.lstrip("/")
        shutil.copyfile(source, imagedir / source.name)
        urls[scale] = f"{self.builder.imgpath}/{source.name}"
    return urls, get_image_size(srcdir / node_files[(name, 1)].lstrip("/"))


def _attrs(attrs: dict) -> str:
    return " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items() if v is not None)


def _srcset(urls: dict[int, str]) -> str:
    return ", ".join(f"{url} {scale}x" for scale, url in sorted(urls.items()))


def visit_themed_image(self, node: themed_image) -> None:
    tags = []
    for name in THEMES:
        urls, (width, height) = _copy(self, node["files"], name)
        srcset = _srcset(urls)
        attrs = {
            "src": urls[1],
            "srcset": srcset if len(urls) > 1 else None,
            "width": width,
            "height": height,
            "alt": node["alt"],
            "class": " ".join(["nnfig-img", f"only-{name}", *node["classes"]]),
            "loading": "lazy",
            "decoding": "async",
        }
        tag = f"<img {_attrs(attrs)}>"
        if node.get("narrow"):
            # Narrow screens get the stacked arrangement; the <img> stays the wide one (and
            # carries the lazy loading, so the hidden theme fetches neither).
            narrow, (n_width, n_height) = _copy(self, node["narrow"], name)
            source = {
                "media": NARROW_SCREEN,
                "srcset": _srcset(narrow),
                "width": n_width,
                "height": n_height,
            }
            tag = f"<picture><source {_attrs(source)}>{tag}</picture>"
        if "nnfig-thumb" not in node["classes"]:
            # Tapped or clicked, a figure opens full size: its sharpest image, same theme.
            full = html.escape(urls[max(urls)])
            tag = f'<a class="nnfig-zoom only-{name}" href="{full}" title="{ZOOM_TITLE}">{tag}</a>'
        tags.append(tag)
    self.body.append('<span class="nnfig-image">' + "".join(tags) + "</span>")
    raise nodes.SkipNode


def shown(directive: SphinxDirective, fig_id: str) -> dict:
    """What a page shows of figure ``fig_id`` besides its pixels: the file the gallery wrote
    (``names.shown``: its images' sizes and its alt text).

    Read from that file, not from the registry: importing the registry's figures
    imports every chapter's drawing code and matplotlib, which a page that shows a
    figure needs no more than a page that shows none.
    """
    path = Path(directive.env.srcdir) / names.shown(fig_id).lstrip("/")
    if not path.exists():
        try:
            entry_for(fig_id)  # an unknown id is named as such, with the known ones
        except ValueError as exc:
            raise directive.error(str(exc)) from None
        raise directive.error(f"figure {fig_id!r}: {names.shown(fig_id)} was not generated")
    return json.loads(path.read_text())


def _themed_image(
    directive: SphinxDirective, path: str, fig_id: str, *, thumbnail=False, pixels=True
):
    """The image node of a figure; ``path``: its light 1× wide image (or thumbnail).

    With ``pixels`` the page depends on every image file (a gallery page, which
    brings the images to the site); without, only on what it shows of them
    (``names.shown``: their sizes and the alt text), so that a chapter is not read
    again when its figure is drawn again the same size.
    """
    record = shown(directive, fig_id)
    files = names.variants(path, thumbnail=thumbnail)
    # A figure with a narrow arrangement serves it on phones (thumbnails are wide only).
    narrow = {}
    if not thumbnail and names.image(fig_id, layout="narrow") in record["sizes"]:
        narrow = names.variants(path, layout="narrow")
    srcdir = Path(directive.env.srcdir)
    for rel in [*files.values(), *narrow.values()]:
        if not (srcdir / rel.lstrip("/")).exists():
            raise directive.error(f"figure {fig_id!r}: image {rel} was not generated")
    for rel in [*files.values(), *narrow.values()] if pixels else [names.shown(fig_id)]:
        directive.env.note_dependency(str(srcdir / rel.lstrip("/")))
    classes = ["nnfig-thumb"] if thumbnail else []
    return themed_image(files=files, narrow=narrow, alt=record["alt"], classes=classes)


class ImageDirective(SphinxDirective):
    """``.. nnfig-image:: /path/of/light_1x.png`` with ``:figure: <id>`` (for the alt text)."""

    required_arguments = 1
    option_spec: ClassVar = {
        "figure": directives.unchanged_required,
        "thumbnail": directives.flag,
    }

    def run(self):
        fig_id = self.options.get("figure", "")
        return [
            _themed_image(self, self.arguments[0], fig_id, thumbnail="thumbnail" in self.options)
        ]


class FigureDirective(SphinxDirective):
    """A chapter figure by id: ``{nnfig-figure} relu-volume`` with the caption as content.

    Numbered and labelled ``fig-<id>``; under the caption, one link to the figure's
    gallery page (its code, notebook and the command that regenerates it).
    """

    required_arguments = 1
    has_content = True

    def run(self):
        fig_id = self.arguments[0]
        figure = nodes.figure(classes=["nnfig-figure"])
        self.set_source_info(figure)
        # Its pixels reach the site with its gallery page, which shows the same files.
        figure += _themed_image(self, names.image_path(fig_id), fig_id, pixels=False)

        parsed = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        if not parsed.children or not isinstance(parsed[0], nodes.paragraph):
            raise self.error(f"figure {fig_id!r} needs a caption paragraph")
        first = parsed[0]
        caption = nodes.caption(first.rawsource, "", *first.children)
        caption.source, caption.line = first.source, first.line
        figure += caption

        link = addnodes.pending_xref(
            "",
            nodes.inline(text="code and notebook"),
            refdomain="std",
            reftype="doc",
            reftarget=f"/{names.GALLERY}/{names.stem(fig_id)}",
            refexplicit=True,
            refwarn=True,
        )
        # The command that regenerates the figure is on its gallery page.
        hint = nodes.paragraph("", "", link)
        hint["classes"].append("nnfig-regenerate")
        figure += nodes.legend("", *parsed.children[1:], hint)

        self.options["name"] = f"fig-{fig_id}"
        self.add_name(figure)
        return [figure]


def _chapter_title(srcdir: Path, chapter: str) -> str:
    for line in (srcdir / f"{chapter}.md").read_text().splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"chapter {chapter} has no top-level heading")


def _titles_file(srcdir: Path) -> Path:
    return Path(srcdir) / names.GALLERY / "chapter-titles.json"


def write_chapter_titles(app) -> None:
    """Write the chapters' titles for the gallery index, rewriting the file only if one changed.

    The index depends on this file, not on the chapters: editing a chapter's
    prose does not make Sphinx read the index (thirty thumbnails) again.
    """
    titles = json.dumps({c: _chapter_title(Path(app.srcdir), c) for c in CHAPTERS}, indent=1)
    path = _titles_file(app.srcdir)
    if not path.exists() or path.read_text() != titles:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(titles)


class GalleryDirective(SphinxDirective):
    """The gallery index: every figure under its chapter, in book order, in both themes."""

    def run(self):
        titles_file = _titles_file(self.env.srcdir)
        self.env.note_dependency(str(titles_file))
        titles = json.loads(titles_file.read_text())
        lines = []
        for number, chapter in enumerate(CHAPTERS, start=1):
            entries = [e for e in FIGURES.values() if e.chapter == chapter]
            title = f"{number}. {titles[chapter]}"
            lines += [title, "-" * len(title), ""]
            lines += [f"The figures of :doc:`/{chapter}`, in the order it shows them.", ""]
            lines += [".. container:: nnfig-cards", ""]
            for e in entries:
                lines += [
                    "   .. container:: nnfig-card",
                    "",
                    f"      .. nnfig-image:: {names.image_path(e.id, thumb=True)}",
                    f"         :figure: {e.id}",
                    "         :thumbnail:",
                    "",
                    f"      :doc:`{e.title} <{names.stem(e.id)}>`",
                    "",
                    f"      ``{e.id}``",
                    "",
                ]
        lines += [".. toctree::", "   :hidden:", ""]
        lines += [f"   {names.stem(e.id)}" for e in FIGURES.values()]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, "nnfig-gallery"), container)
        return container.children


def _palette_properties(p) -> str:
    """Custom properties of one theme: the math macros' colours and the explorer's."""
    colours = {
        "param": p.parameter,
        "act": p.activation,
        "paper": p.paper,
        "ink": p.ink,
        "muted": p.muted,
        "grid": p.grid,
        "class0": p.classes[0],
        "class1": p.classes[1],
    }
    return " ".join(f"--nnfig-{k}: {v};" for k, v in colours.items())


def palette_css() -> str:
    """CSS custom properties of each theme's colours, for the math macros and the explorer."""
    rules = []
    for name, p in THEMES.items():
        # Before the theme's script sets data-theme (or without scripts): the light colours.
        selector = f'html[data-theme="{name}"]' + (
            ", html:not([data-theme])" if name == "light" else ""
        )
        rules.append(f"{selector} {{ {_palette_properties(p)} }}")
    rules += [
        ".nnfig-param { color: var(--nnfig-param); }",
        ".nnfig-act { color: var(--nnfig-act); }",
    ]
    return "\n".join(rules) + "\n"


def _write_palette_css(app) -> None:
    """Written before any page, so every page links it with its checksum (``?v=``)."""
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / PALETTE_CSS).write_text(palette_css())


def setup(app) -> None:
    app.add_css_file(PALETTE_CSS)
    app.connect("builder-inited", _write_palette_css)
    app.connect("builder-inited", write_chapter_titles)
    app.add_node(themed_image, html=(visit_themed_image, None))
    app.add_directive("nnfig-image", ImageDirective)
    app.add_directive("nnfig-figure", FigureDirective)
    app.add_directive("nnfig-gallery", GalleryDirective)
