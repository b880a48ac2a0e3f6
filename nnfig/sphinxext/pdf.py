"""The print edition: ``sphinx-build -b singlehtml -t print`` writes the book as one PDF.

Sphinx's single-page HTML builder puts the whole book on one page; with the
``print`` tag, when it has finished, that page is printed to ``<outdir>/<PDF_NAME>``
(Sphinx numbers figures and equations on one page only for a builder named
``singlehtml``, so the print edition is that builder, not one of its own):

1. every figure is drawn again as SVG in the light theme (vector wherever
   matplotlib draws vectors; images inside a figure stay pixels) and replaces
   the PNGs on the page;
2. ``print.js`` makes the page a book: front matter first, the figure gallery
   and the interactive explorers out (their static figures stay), solutions
   open, a table of contents; ``print.css`` lays it out for paper, each chapter
   on a new page;
3. Chromium (Debian's, through Playwright: nothing is downloaded) prints it
   twice, from a fresh page each time: the first print says on which page each
   chapter and section starts, the second prints the contents with those numbers.

Why Chromium rather than LaTeX: the book's figures, formulas (SVG, typeset when
the book is built), colours and captions are HTML already, so printing that page
needs nothing new installed and cannot drift from the web edition; LaTeX would
need TeX Live (about 340 MB) and a second rendering of every formula, directive
and figure size.
"""

import hashlib
import io
import logging as stdlib_logging
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from nnfig.sphinxext import names

logger = logging.getLogger(__name__)
# pypdf notes harmless quirks of Chromium's PDFs (an object count above the trailer's).
stdlib_logging.getLogger("pypdf").setLevel(stdlib_logging.ERROR)

PDF_NAME = "neural-nets-figure-by-figure.pdf"
VECTOR_DIR = "_images/print"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
HERE = Path(__file__).parent
#: A4 with room for a footer that holds the page number.
PAGE = {
    "format": "A4",
    "margin": {"top": "18mm", "bottom": "20mm", "left": "20mm", "right": "20mm"},
}
FOOTER = (
    '<div style="width: 100%; font: 9px sans-serif; color: #555; text-align: center;">'
    '<span class="pageNumber"></span></div>'
)


#: The tag (``sphinx-build -t print``) that makes a single-page build print itself.
TAG = "print"


def draw_vector_figures(outdir: Path) -> dict[str, str]:
    """Each figure's light, wide image as SVG; returns PNG file name → SVG path from the page.

    A figure is drawn again only if its PNG changed: the PNG is the figure's fingerprint.
    """
    from nnfig.draw.save import save
    from nnfig.registry import FIGURES

    folder = outdir / VECTOR_DIR
    folder.mkdir(parents=True, exist_ok=True)
    swaps = {}
    for fig_id, entry in FIGURES.items():
        png = names.image(fig_id)
        fingerprint = hashlib.sha256((outdir / "_images" / png).read_bytes()).hexdigest()
        svg, stamp = folder / f"{fig_id}.svg", folder / f"{fig_id}.svg.png-sha256"
        if not (svg.exists() and stamp.exists() and stamp.read_text() == fingerprint):
            save(entry(), svg, format="svg")
            stamp.write_text(fingerprint)
        swaps[png] = f"{VECTOR_DIR}/{fig_id}.svg"
    return swaps


def _print_key(outdir: Path, swaps: dict[str, str]) -> str:
    """Everything the printed PDF depends on: the page, the vector figures, this code."""
    h = hashlib.sha256()
    for path in [outdir / "index.html", *(outdir / svg for svg in sorted(swaps.values()))]:
        h.update(path.read_bytes())
    for name in ("pdf.py", "print.css", "print.js"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()


def section_pages(pdf: bytes, ids: list[str]) -> list[int]:
    """The 1-based page on which each section starts: Chromium names a destination after
    each element a link points to, and the contents link to every section."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf), strict=False)
    named = reader.named_destinations
    missing = [i for i in ids if f"/{i}" not in named]
    if missing:
        raise RuntimeError(f"the printed book has no destination for sections {missing}")
    return [reader.get_destination_page_number(named[f"/{i}"]) + 1 for i in ids]


def finished_pdf(pdf: bytes, entries: list[dict], pages: list[int], title: str) -> bytes:
    """The printed PDF with bookmarks for every section and fixed metadata (no dates:
    the same book gives the same file)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.metadata = None
    writer.add_metadata({"/Title": title, "/Author": "The nnfig authors"})
    parent = None
    for entry, page in zip(entries, pages, strict=True):
        item = writer.add_outline_item(
            entry["title"], page - 1, parent=None if entry["level"] == 1 else parent
        )
        if entry["level"] == 1:
            parent = item
    writer.page_mode = "/UseOutlines"
    writer._ID = None  # no random file identifier
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_book(html: Path, swaps: dict[str, str], title: str) -> bytes:
    """Print ``html`` as a book whose contents give each section's page."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make pdf` installs Debian's chromium package")
    options = {
        **PAGE,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "footer_template": FOOTER,
        "print_background": True,
        "tagged": True,  # for screen readers
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages: list[int] = []
            for _ in range(3):  # the numbers could push a heading to the next page: print again
                # A fresh page each time: Chromium may break a page it printed before differently.
                page = browser.new_page()
                entries = _prepare(page, html, swaps)
                page.evaluate("pages => nnfigPrint.number(pages)", pages)
                data = page.pdf(**options)
                page.close()
                found = section_pages(data, [e["id"] for e in entries])
                if found == pages:
                    return finished_pdf(data, entries, pages, title)
                pages = found
            raise RuntimeError("the page numbers in the contents do not settle")
        finally:
            browser.close()


def _prepare(page, html: Path, swaps: dict[str, str]) -> list[dict]:
    """Open the book in ``page`` and make it a print book; the contents' entries."""
    page.add_init_script("localStorage.setItem('mode', 'light');")
    page.goto(html.as_uri(), wait_until="load", timeout=60_000)
    page.emulate_media(media="print")
    page.add_style_tag(path=str(HERE / "print.css"))
    page.add_script_tag(path=str(HERE / "print.js"))
    entries = page.evaluate("swaps => nnfigPrint.prepare(swaps)", swaps)
    page.evaluate("() => nnfigPrint.imagesReady()")
    return entries


def print_edition(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.name != "singlehtml" or not app.tags.has(TAG):
        return
    outdir = Path(app.outdir)
    swaps = draw_vector_figures(outdir)
    target, stamp = outdir / PDF_NAME, outdir / f".{PDF_NAME}.sha256"
    key = _print_key(outdir, swaps)
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        logger.info(f"print edition: {target} is up to date")
        return
    target.write_bytes(print_book(outdir / "index.html", swaps, app.config.project))
    stamp.write_text(key)
    logger.info(f"print edition: {target}")


def setup(app: Sphinx) -> None:
    app.connect("build-finished", print_edition)
