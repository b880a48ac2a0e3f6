"""Repairs of what upstream tools write into the HTML site, each with the reason for it.

None of this touches a figure: editing a repair re-runs no figure script.
"""

import re
import zipfile
from pathlib import Path

from sphinx.application import Sphinx

#: Substitutions in every page body.
BODY_REPAIRS = [
    # docutils marks bibliography entries role="doc-biblioentry", which DPUB-ARIA 1.1
    # deprecated (w3c/dpub-aria#22) and axe reports (dequelabs/axe-core#3280); inside
    # role="list" an entry is a listitem.
    (re.compile(r'role="doc-biblioentry"'), 'role="listitem"'),
]
#: pydata-sphinx-theme's sidebar expand toggles (<summary> elements added in
#: pydata/pydata-sphinx-theme#1582) carry only an icon: axe reports them unnamed.
SIDEBAR_TOGGLE_LABEL = "Show or hide the pages of this section"
#: The time stamped into every entry of a rewritten zip archive (the earliest zip allows).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def repair_html(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        for pattern, replacement in BODY_REPAIRS:
            context["body"] = pattern.sub(replacement, context["body"])
    toctree = context.get("generate_toctree_html")
    if toctree is not None:

        def named_toctree(*args, **kwargs):
            tree = toctree(*args, **kwargs)  # parsed HTML (BeautifulSoup), or "" if empty
            for summary in tree.select("summary") if hasattr(tree, "select") else ():
                if not summary.get_text(strip=True):
                    summary["aria-label"] = SIDEBAR_TOGGLE_LABEL
            return tree

        context["generate_toctree_html"] = named_toctree


def zip_entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def fixed_zip(path: Path, entries: dict[str, bytes] | None = None) -> None:
    """Write a zip archive (by default, its own entries) with fixed entry times and order.

    sphinx-gallery's ``utils.zip_files`` stores each file's modification time, so
    two builds of the same sources would give different archives (its timings were
    made optional for reproducible builds in sphinx-gallery/sphinx-gallery#1385;
    the archives were not).
    """
    entries = sorted((entries if entries is not None else zip_entries(path)).items())
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            new.writestr(info, data)
    tmp.replace(path)


def fix_downloads(app: Sphinx, exc) -> None:
    """Give the site's zip downloads fixed timestamps."""
    if exc is None and app.builder.format == "html":
        for path in sorted(Path(app.outdir, "_downloads").rglob("*.zip")):
            fixed_zip(path)


def singlehtml_handlers(app: Sphinx) -> None:
    """Give the single-page builder (the print edition) every HTML node handler.

    Sphinx looks up a custom node's handlers by builder name first and falls back to
    the format ("html") only when that name has none at all (SphinxComponentRegistry.
    create_translator). sphinx-exercise registers handlers for "singlehtml", which
    would leave the book's figures, sphinx-design's dropdowns and every other node
    registered for "html" without a handler there.
    """
    handlers = app.registry.translation_handlers
    for node, visitors in handlers.get("html", {}).items():
        handlers.setdefault("singlehtml", {}).setdefault(node, visitors)
