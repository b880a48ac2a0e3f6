"""Every book figure on every page in both themes, sharp on high-DPI screens.

- ``scraper`` (sphinx-gallery): saves each figure a gallery script draws in the
  light theme and, drawn again from the same call, in the dark theme, each at
  1× and 2×, plus a dark thumbnail; under the image it links the chapter figure
  and prints the command that regenerates it.
- ``themed_image`` node: one ``<img>`` per theme (``only-light``/``only-dark``,
  the theme's classes) with a 1×/2× ``srcset``, the size of the 1× image, lazy
  loading (so the hidden theme's image is never fetched) and alt text from the
  figure function's docstring.
- Directives: ``nnfig-image`` (an image by path), ``nnfig-figure`` (a chapter
  figure by id: numbered, captioned, labelled ``fig-<id>``, linked to its
  gallery page) and ``nnfig-gallery`` (the gallery index, grouped by chapter).
"""

import html
import shutil
from pathlib import Path, PurePosixPath
from typing import ClassVar

import matplotlib.pyplot as plt
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.images import get_image_size
from sphinx.util.nodes import nested_parse_with_titles
from sphinx_gallery.scrapers import matplotlib_scraper
from sphinx_gallery.utils import scale_image

from nnfig.registry import CHAPTERS, FIGURES, FigureEntry
from nnfig.render import SCALES, save_scales
from nnfig.style import SAVEFIG, THEMES, theme

PALETTE_CSS = "nnfig-palette.css"


def variants(path: str, *, thumbnail: bool = False) -> dict[tuple[str, int], str]:
    """The file of each (theme, scale) of the light 1× image ``path`` (thumbnails: 1× only)."""
    p = PurePosixPath(path)
    out = {}
    for name in THEMES:
        for scale in (1,) if thumbnail else SCALES:
            suffix = ("" if name == "light" else "_dark") + ("" if scale == 1 else f"_{scale}x")
            out[(name, scale)] = str(p.with_name(f"{p.stem}{suffix}{p.suffix}"))
    return out


def image_path(gallery_dir: str, entry: FigureEntry, *, thumbnail: bool = False) -> str:
    """Source-relative path (from the root, "/…") of a figure's gallery image or thumbnail."""
    stem = entry.script[:-3]
    if thumbnail:
        return f"/{gallery_dir}/images/thumb/sphx_glr_{stem}_thumb.png"
    return f"/{gallery_dir}/images/sphx_glr_{stem}_001.png"


def entry_for(fig_id: str) -> FigureEntry:
    if fig_id not in FIGURES:
        raise ValueError(f"unknown figure id {fig_id!r}; known ids: {', '.join(FIGURES)}")
    return FIGURES[fig_id]


# --- sphinx-gallery ------------------------------------------------------------------------


def scraper(block, block_vars, gallery_conf):
    """Save the block's nnfig figures in both themes; other output (an animation) as usual."""
    figures = [plt.figure(n) for n in plt.get_fignums()]
    ours = [f for f in figures if hasattr(f, "nnfig_call")]
    if not ours:
        return matplotlib_scraper(block, block_vars, gallery_conf, **SAVEFIG["png"])
    if len(ours) != len(figures):
        plt.close("all")
        raise RuntimeError(
            f"{Path(block_vars['src_file']).name}: a block that draws an nnfig figure "
            "also draws other figures, which could not be shown in the dark theme"
        )
    rst = []
    for fig in ours:
        light = Path(next(block_vars["image_path_iterator"]))
        fig_id, kwargs = fig.nnfig_call
        with theme("dark"):
            dark = FIGURES[fig_id](**kwargs)
        files = variants(str(light))
        for name, drawn in (("light", fig), ("dark", dark)):
            save_scales(drawn, {scale: files[(name, scale)] for scale in SCALES})
        thumb_dir = light.parent / "thumb"
        thumb_dir.mkdir(exist_ok=True)
        stem = Path(block_vars["src_file"]).stem
        thumb = thumb_dir / f"sphx_glr_{stem}_thumb_dark.png"
        scale_image(files[("dark", 1)], str(thumb), *gallery_conf["thumbnail_size"])
        rel = light.relative_to(gallery_conf["src_dir"]).as_posix()
        rst.append(_gallery_image_rst(FIGURES[fig_id], f"/{rel}"))
    plt.close("all")
    return "\n".join(rst)


def _gallery_image_rst(entry: FigureEntry, path: str) -> str:
    return (
        f"\n.. nnfig-image:: {path}\n   :figure: {entry.id}\n\n"
        f".. rst-class:: nnfig-regenerate\n\n"
        f":numref:`fig-{entry.id}` in :doc:`/{entry.chapter}` · "
        f"regenerate: ``python -m nnfig render {entry.id}``\n"
    )


# --- the image node ------------------------------------------------------------------------


class themed_image(nodes.General, nodes.Element):
    """A figure in both themes; attributes ``files`` {(theme, scale): path}, ``alt``."""


def visit_themed_image(self, node: themed_image) -> None:
    srcdir = Path(self.builder.srcdir)
    imagedir = Path(self.builder.outdir) / self.builder.imagedir
    imagedir.mkdir(parents=True, exist_ok=True)
    tags = []
    for name in THEMES:
        urls = {}
        for (t, scale), rel in sorted(node["files"].items()):
            if t != name:
                continue
            source = srcdir / rel.lstrip("/")
            shutil.copyfile(source, imagedir / source.name)
            urls[scale] = f"{self.builder.imgpath}/{source.name}"
        width, height = get_image_size(srcdir / node["files"][(name, 1)].lstrip("/"))
        srcset = ", ".join(f"{url} {scale}x" for scale, url in sorted(urls.items()))
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
        body = " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items() if v is not None)
        tags.append(f"<img {body}>")
    self.body.append('<span class="nnfig-image">' + "".join(tags) + "</span>")
    raise nodes.SkipNode


def _themed_image(directive: SphinxDirective, path: str, entry: FigureEntry, thumbnail=False):
    files = variants(path, thumbnail=thumbnail)
    for rel in files.values():
        source = Path(directive.env.srcdir) / rel.lstrip("/")
        if not source.exists():
            raise directive.error(f"figure {entry.id!r}: image {rel} was not generated")
        directive.env.note_dependency(str(source))
    return themed_image(files=files, alt=entry.alt, classes=["nnfig-thumb"] if thumbnail else [])


class ImageDirective(SphinxDirective):
    """``.. nnfig-image:: /path/of/light_1x.png`` with ``:figure: <id>`` (for the alt text)."""

    required_arguments = 1
    option_spec: ClassVar = {
        "figure": directives.unchanged_required,
        "thumbnail": directives.flag,
    }

    def run(self):
        try:
            entry = entry_for(self.options.get("figure", ""))
        except ValueError as exc:
            raise self.error(str(exc)) from None
        return [_themed_image(self, self.arguments[0], entry, "thumbnail" in self.options)]


def gallery_dir(config) -> str:
    """The gallery's folder, relative to the book's source folder."""
    dirs = config.sphinx_gallery_conf["gallery_dirs"]
    return dirs if isinstance(dirs, str) else dirs[0]


class FigureDirective(SphinxDirective):
    """A chapter figure by id: ``{nnfig-figure} relu-volume`` with the caption as content.

    Numbered and labelled ``fig-<id>``; under the caption, a link to the figure's
    gallery page (source, script, notebook) and the command that regenerates it.
    """

    required_arguments = 1
    has_content = True

    def run(self):
        try:
            entry = entry_for(self.arguments[0])
        except ValueError as exc:
            raise self.error(str(exc)) from None
        gallery = gallery_dir(self.env.config)
        figure = nodes.figure(classes=["nnfig-figure"])
        self.set_source_info(figure)
        figure += _themed_image(self, image_path(gallery, entry), entry)

        parsed = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        if not parsed.children or not isinstance(parsed[0], nodes.paragraph):
            raise self.error(f"figure {entry.id!r} needs a caption paragraph")
        first = parsed[0]
        caption = nodes.caption(first.rawsource, "", *first.children)
        caption.source, caption.line = first.source, first.line
        figure += caption

        link = addnodes.pending_xref(
            "",
            nodes.inline(text="code and notebook"),
            refdomain="std",
            reftype="doc",
            reftarget=f"/{gallery}/{entry.script[:-3]}",
            refexplicit=True,
            refwarn=True,
        )
        command = nodes.literal(text=f"python -m nnfig render {entry.id}")
        hint = nodes.paragraph("", "", link, nodes.Text(" · regenerate: "), command)
        hint["classes"].append("nnfig-regenerate")
        figure += nodes.legend("", *parsed.children[1:], hint)

        self.options["name"] = f"fig-{entry.id}"
        self.add_name(figure)
        return [figure]


def _chapter_title(srcdir: Path, chapter: str) -> str:
    for line in (srcdir / f"{chapter}.md").read_text().splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"chapter {chapter} has no top-level heading")


class GalleryDirective(SphinxDirective):
    """The gallery index: every figure under its chapter, in book order, in both themes."""

    def run(self):
        gallery = gallery_dir(self.env.config)
        srcdir = Path(self.env.srcdir)
        lines = []
        for number, chapter in enumerate(CHAPTERS, start=1):
            entries = [e for e in FIGURES.values() if e.chapter == chapter]
            self.env.note_dependency(str(srcdir / f"{chapter}.md"))
            title = f"{number}. {_chapter_title(srcdir, chapter)}"
            lines += [title, "-" * len(title), ""]
            lines += [f"The figures of :doc:`/{chapter}`, in the order it shows them.", ""]
            lines += [".. container:: nnfig-cards", ""]
            for e in entries:
                lines += [
                    "   .. container:: nnfig-card",
                    "",
                    f"      .. nnfig-image:: {image_path(gallery, e, thumbnail=True)}",
                    f"         :figure: {e.id}",
                    "         :thumbnail:",
                    "",
                    f"      :doc:`{e.title} <{e.script[:-3]}>`",
                    "",
                    f"      ``{e.id}``",
                    "",
                ]
        lines += [".. toctree::", "   :hidden:", ""]
        lines += [f"   {e.script[:-3]}" for e in FIGURES.values()]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, "nnfig-gallery"), container)
        return container.children


def palette_css() -> str:
    """CSS custom properties of each theme's colours of meaning, for the math macros."""
    rules = []
    for name, selector in (
        ("light", 'html:not([data-theme="dark"])'),
        ("dark", 'html[data-theme="dark"]'),
    ):
        p = THEMES[name]
        rules.append(f"{selector} {{ --nnfig-param: {p.parameter}; --nnfig-act: {p.activation}; }}")
    rules += [
        ".nnfig-param { color: var(--nnfig-param); }",
        ".nnfig-act { color: var(--nnfig-act); }",
    ]
    return "\n".join(rules) + "\n"


def _write_palette_css(app, exc) -> None:
    if exc is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / PALETTE_CSS).write_text(palette_css())


def setup(app) -> None:
    app.add_css_file(PALETTE_CSS)
    app.connect("build-finished", _write_palette_css)
    app.add_node(themed_image, html=(visit_themed_image, None))
    app.add_directive("nnfig-image", ImageDirective)
    app.add_directive("nnfig-figure", FigureDirective)
    app.add_directive("nnfig-gallery", GalleryDirective)
