"""Sphinx configuration of the book."""

import os

from nnfig.sphinxext import names

project = "Neural nets, figure by figure"
author = "The nnfig authors"
copyright = "2026, the nnfig authors"

extensions = [
    # First: computes the trained figures' data from the build's first second, in a
    # process of its own, when the store below does not exist yet (a cold build).
    "nnfig.sphinxext.ahead",
    "myst_nb",
    # Runs the chapters' cells while the gallery draws: after myst-nb reads its
    # configuration, before sphinx-gallery runs the scripts (the same event).
    "nnfig.sphinxext.pages",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_exercise",  # numbered exercises: "Exercise 2.1", referenceable by label
    "sphinx.ext.autodoc",
    "numpydoc",
    "nnfig.sphinxext",
]

exclude_patterns = [
    "_build",
    "jupyter_execute",
    "gallery/*.ipynb",  # sphinx-gallery's notebooks are downloads, not pages
    "**/.ipynb_checkpoints",
]

# Numbered figures and equations, referenced with {numref} and {eq}.
numfig = True
numfig_secnum_depth = 1  # "Figure 2.3", "(2.3)": numbered within each chapter
math_numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}


# Colour macros shared with the figures: \param{W} for parameters, \act{x} for
# activations. Their colours follow the theme: nnfig.sphinxext.images writes the
# CSS from nnfig.draw.style. MathJax typesets every formula when the book is
# built (nnfig.sphinxext.math): pages carry SVG and MathML, no math script.
html_math_renderer = "nnfig"
nnfig_tex_macros = {
    "param": [r"{\class{nnfig-param}{#1}}", 1],
    "act": [r"{\class{nnfig-act}{#1}}", 1],
}

# MyST and myst-nb
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "attrs_inline"]
myst_heading_anchors = 3
nb_execution_mode = "cache"  # nnfig.sphinxext drops a page's cache entry when its code changes
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_render_markdown_format = "myst"
nb_merge_streams = True

# Bibliography
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"

# Figure gallery: one script per registered figure, run at build time.
sphinx_gallery_conf = {
    "examples_dirs": "../figures",
    "gallery_dirs": names.GALLERY,
    "filename_pattern": r"/plot_",
    "image_scrapers": ("nnfig.sphinxext.gallery.scraper",),  # every theme and scale
    "copyfile_regex": r"index\.rst",  # figures/index.rst: the gallery index, grouped by chapter
    "within_subsection_order": "nnfig.sphinxext.gallery.LongestFirst",
    "capture_repr": (),
    "remove_config_comments": True,
    "write_computation_times": False,
    "show_signature": False,
    "min_reported_time": 1e9,  # timings differ run to run; keep pages stable
    "thumbnail_size": (320, 240),
    # Two workers when four or more figures run (nnfig.sphinxext.stale.choose_workers).
    "parallel": False,
    # No reset of matplotlib before each script (rcdefaults, three modules reloaded: a
    # second of a cold build): the figure functions leave rcParams as they found them,
    # which tests/chapters/test_figures.py checks for every figure.
    "reset_modules": ("nnfig.sphinxext.gallery.collect_garbage",),
    # Animations are saved by the scraper (one player per theme), not by sphinx-gallery.
    "matplotlib_animations": False,
}

# The gallery's workers draw with Agg whatever the author's environment: sphinx-gallery
# does not select a backend before each script here (reset_modules above).
os.environ.setdefault("MPLBACKEND", "Agg")

# Expensive results (the transformer of tsne-layers) are cached inside the build
# directory, keyed by their code and seed; figure scripts and page kernels share it.
os.environ.setdefault(
    "NNFIG_CACHE", os.path.join(os.path.dirname(__file__), "_build", ".nnfig-cache")
)

# API reference (api.md): autodoc reads the docstrings, numpydoc renders their sections.
autodoc_member_order = "bysource"
# numpydoc loads autosummary, whose stub generation (unused here) would import every
# documented module, and so matplotlib, at the start of every build.
autosummary_generate = False
add_module_names = False  # each section names its module once
# Signatures stay on one line that wraps: Sphinx's one-parameter-a-line form is a <dl>
# of <dd> without <dt>, which screen readers and axe reject (definition-list).
html_domain_indices = False  # no module index page: the API page lists every module
numpydoc_show_class_members = False  # members are listed explicitly in api.md
numpydoc_class_members_toctree = False
# The build fails if a documented function has a parameter its docstring does not
# describe (PR01), describes one it does not have (PR02), or returns a value it
# does not describe (RT01).
numpydoc_validation_checks = {"PR01", "PR02", "RT01"}

# HTML
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
templates_path = ["_templates"]  # static/webpack-macros.html: the theme without fontawesome.js
html_favicon = "_static/favicon.svg"
html_css_files = ["nnfig.css"]
html_copy_source = False
html_use_index = False  # the book has no index entries: no empty index page to write
html_context = {"default_mode": "light"}
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
}

# Threads left alive by BLAS/OpenMP can hang Sphinx's forked workers.
os.environ.setdefault("OMP_NUM_THREADS", "1")

nitpicky = True
# Types of other packages in signatures: their inventories would need the network
# (intersphinx), and the book builds offline.
nitpick_ignore_regex = [
    (r"py:(class|obj|data)", r"(numpy|matplotlib|torch|PIL|pathlib|typing|collections\.abc)\..*"),
]
