"""sphinx-gallery's side of the book: the scraper, the script order, the notebooks.

- ``scraper``: saves each figure a gallery script draws in every theme (drawn
  again from the values it was drawn from, not computed again, and laid out as
  the first theme was: ``copy_layout``) at 1× and 2×,
  in its narrow arrangement too if it has one, plus a thumbnail in each theme,
  what a chapter shows of it besides its pixels (``names.shown``: the images'
  sizes and the alt text, which the chapter's page depends on), and the data
  of its explorer if it has one (``nnfig-explorer``). Under the
  image: the figure's place in its chapter, the command that regenerates it, its
  code (``nnfig-source``), then the explorer.
- ``LongestFirst``: runs the longest scripts first, so both workers stay busy.
- ``collect_garbage``: keeps sphinx-gallery's collection before each script short.
- ``add_code_to_notebooks``: the downloadable notebook of a figure carries the
  code of its figure function and of the computation it draws, as listings.
"""

import functools
import gc
import json
from pathlib import Path

from sphinx_gallery.utils import scale_image

from nnfig import deps
from nnfig.draw.style import SCALES, THEMES, theme
from nnfig.registry import CHAPTERS, FIGURES, made
from nnfig.sphinxext import ahead, names, repairs, source


def scraper(block, block_vars, gallery_conf):
    """Save the block's figures in every theme and scale (and the data of their explorers)."""
    import matplotlib.pyplot as plt

    figures = [plt.figure(n) for n in plt.get_fignums()]
    script = Path(block_vars["src_file"]).name
    fig_id = _figure_id(script)
    try:
        if any(made(f) is None for f in figures):
            raise RuntimeError(
                f"{script}: draws a figure that no registered nnfig function made, "
                "which could not be shown in every theme"
            )
        return "\n".join(_save_figure(f, fig_id, block_vars, gallery_conf) for f in figures)
    finally:
        plt.close("all")


def _figure_id(script: str) -> str:
    ids = [i for i in FIGURES if names.script(i) == script]
    if not ids:
        raise RuntimeError(f"{script}: no registered figure has this gallery script")
    return ids[0]


def _save_figure(fig, fig_id: str, block_vars, gallery_conf) -> str:
    # matplotlib: only when a figure is drawn
    from nnfig.draw.layout import copy_layout
    from nnfig.draw.save import save_scales

    light = Path(next(block_vars["image_path_iterator"]))
    if light.name != names.image(fig_id):
        raise RuntimeError(f"{light.name}: a gallery script draws one figure, {fig_id}")
    record = made(fig)
    # Every arrangement the figure has (wide; narrow for phones if it takes ``layout``),
    # each drawn once per theme (the script's own figure is one) and saved at every scale.
    # An arrangement is laid out once: its other themes take the first one's layout.
    for layout in record.drawing.layouts:
        layout_files = names.variants(str(light), layout=layout)
        laid_out = None
        for name in THEMES:
            if (THEMES[name], layout) == (record.palette, record.layout):
                drawn = fig
            else:
                with theme(name):
                    drawn = record.drawing.redraw(record.values, layout)
            if laid_out is not None:
                copy_layout(drawn, laid_out)
            save_scales(drawn, {scale: layout_files[(name, scale)] for scale in SCALES})
            laid_out = drawn
    _save_shown(fig_id, light, record.drawing.layouts, Path(gallery_conf["src_dir"]))
    files = names.variants(str(light))
    thumbs = light.parent / "thumb"
    thumbs.mkdir(exist_ok=True)
    for name in THEMES:  # sphinx-gallery makes the light one from the first image
        if name != "light":
            target = str(thumbs / names.thumbnail(fig_id, name))
            scale_image(files[(name, 1)], target, *gallery_conf["thumbnail_size"])
    entry = FIGURES[fig_id]
    rel = light.relative_to(gallery_conf["src_dir"]).as_posix()
    rst = (
        f"\n.. nnfig-image:: /{rel}\n   :figure: {fig_id}\n\n"
        f".. rst-class:: nnfig-regenerate\n\n"
        f":numref:`fig-{fig_id}` in :doc:`/{entry.chapter}` · "
        f"regenerate: ``python -m nnfig render {fig_id}``\n\n"
        f".. nnfig-source:: {fig_id}\n"
    )
    if entry.explorer is not None:
        # Last on the page, below the fold: its data load when a reader scrolls to it.
        _save_explorer(fig_id, Path(gallery_conf["src_dir"]))
        rst += f"\n.. nnfig-explorer:: {fig_id}\n"
    return rst


def _save_shown(fig_id: str, light: Path, layouts, srcdir: Path) -> None:
    """Write what a chapter shows of the figure besides its pixels (``names.shown``).

    A chapter's page depends on this file, not on the images: when a figure is
    drawn again with the same sizes and alt text, its new pixels reach the site
    with its gallery page, and the chapters that show it are not read again.
    """
    from PIL import Image

    sizes = {}
    for layout in layouts:
        for path in names.variants(str(light), layout=layout).values():
            with Image.open(path) as image:
                sizes[Path(path).name] = list(image.size)
    text = json.dumps({"alt": FIGURES[fig_id].alt, "sizes": sizes}, indent=1, sort_keys=True)
    path = srcdir / names.shown(fig_id).lstrip("/")
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def _save_explorer(fig_id: str, srcdir: Path) -> None:
    """Write the data of a figure's explorer, where ``nnfig-explorer`` finds it.

    Written here, with the figure, so it is computed from the run the figure's
    script has just trained and written again exactly when the figure's code
    (which includes the explorer's) changed. Unchanged bytes are not rewritten,
    so the pages that show it are not rebuilt for nothing.
    """
    from nnfig.compute.explorer import script

    path = srcdir / names.explorer_data(fig_id).lstrip("/")
    text = script(fig_id, FIGURES[fig_id].explorer())
    if not path.exists() or path.read_text() != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


class LongestFirst:
    """sphinx-gallery's order of execution: the longest scripts first.

    Workers take scripts in this order, so the longest ones must not start last.
    A script's cost is its time in the last build (sphinx-gallery's ``.cost.json``)
    or, before any build, an estimate: how much training code its figure reaches
    (a net trained by more code takes longer), then how many drawings the scraper
    makes of it (a figure with a narrow arrangement is drawn four times, not two),
    so that the last scripts to start are the quickest and neither worker waits
    long for the other. The gallery's pages and index keep the book's order:
    sphinx-gallery restores it after running.
    """

    def __init__(self, src_dir):
        # figures/ sits beside book/, whose gallery folder holds the costs.
        self.gallery = Path(src_dir).resolve().parent / "book" / names.GALLERY

    @functools.cached_property
    def training(self) -> dict[str, int]:
        """Script → how many definitions of training code its figure reaches."""
        return {names.script(fig_id): n for fig_id, n in ahead.training().items()}

    @functools.cached_property
    def drawings(self) -> dict[str, int]:
        """Script → how many drawings the scraper saves: one per theme and arrangement.

        Read from the source, as ``Drawing.layouts`` reads the signature: importing the
        figures would keep the gallery's workers waiting for the main process.
        """
        return {
            names.script(fig_id): len(THEMES) * (1 + deps.takes(drawing, "layout"))
            for fig_id, drawing in deps.declared_drawings(CHAPTERS).items()
        }

    def cost(self, filename: str) -> float:
        path = self.gallery / f"{Path(filename).stem}.cost.json"
        if path.exists():
            return float(json.loads(path.read_text())["time"])
        # A definition of training code weighs more than any number of drawings.
        return self.training.get(filename, 0) + self.drawings.get(filename, 0) / 100

    def __call__(self, filename):
        return (-self.cost(filename), filename)

    def __repr__(self):
        return f"<{type(self).__name__}>"


def collect_garbage(gallery_conf, fname) -> None:
    """Before each script: collect garbage, then freeze what survives (``gc.freeze``).

    sphinx-gallery collects garbage before every script it times. In a worker that
    has imported torch and scikit-learn that walks some 300,000 objects, 0.15 s
    a script; frozen survivors are never walked again, so each collection here
    walks only what the previous script left, and sphinx-gallery's finds nothing.
    """
    gc.collect()
    gc.freeze()


def add_code_to_notebooks(app) -> None:
    """Give every figure's notebook the listings of its code, after the cell that draws it.

    Only notebooks that sphinx-gallery wrote again (without the listings) or whose
    figure's code changed are touched, so a build with nothing to do stays quick.
    sphinx-gallery zips the notebooks before this runs, so its archives are
    refreshed with the notebooks as they are now.
    """
    gallery = Path(app.srcdir) / names.GALLERY
    stale = set(getattr(app, "nnfig_stale_figures", ()))
    for fig_id in app.nnfig_stamps["figures"]:
        path = gallery / f"{names.stem(fig_id)}.ipynb"
        if not path.exists():
            continue
        notebook = json.loads(path.read_text())
        has_code = any("nnfig" in c.get("metadata", {}) for c in notebook["cells"])
        if has_code and fig_id not in stale:
            continue
        cells = [c for c in notebook["cells"] if "nnfig" not in c.get("metadata", {})]
        text = "The code behind this figure, from the `nnfig` package:\n\n" + "\n\n".join(
            f"`{title}`\n\n```python\n{code}\n```" for title, code in source.listings(fig_id)
        )
        listing = {"cell_type": "markdown", "metadata": {"nnfig": "source"}, "source": text}
        notebook["cells"] = [*cells, listing]
        updated = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        if updated != path.read_text():
            path.write_text(updated)
    for archive in sorted(gallery.glob("*.zip")):
        entries = repairs.zip_entries(archive)
        current = {n: (gallery / n).read_bytes() for n in entries if n.endswith(".ipynb")}
        if any(entries[n] != data for n, data in current.items()):
            repairs.fixed_zip(archive, entries | current)
