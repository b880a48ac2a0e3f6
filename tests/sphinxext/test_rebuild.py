"""Rebuilds re-run exactly the figures whose code changed (on a copy of the project).

The copy has its own ``nnfig`` (first on PYTHONPATH), so the tests can edit
the package, rebuild, and see which figures sphinx-gallery ran again.
"""

import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from nnfig import FIGURES
from nnfig.sphinxext import names
from tests.util import ROOT, plain_env

pytestmark = pytest.mark.build


class Project:
    def __init__(self, root):
        self.root = root
        self.gallery = root / "book" / "gallery"

    def reread_pages(self) -> set[str]:
        """Chapter pages the last build read again (sphinx prints 'reading sources... name')."""
        return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", self.output))

    def build(self) -> str:
        env = plain_env(PYTHONPATH=str(self.root))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-W",
                "--keep-going",
                "-b",
                "html",
                "-d",
                "book/_build/doctrees",
                "book",
                "book/_build/html",
            ],
            cwd=self.root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert result.returncode == 0, result.stdout[-4000:]
        return result.stdout

    def runs(self) -> dict[str, int]:
        """When each figure last ran: its sphinx-gallery checksum is rewritten on every run."""
        return {
            fig_id: (self.gallery / f"{names.script(fig_id)}.md5").stat().st_mtime_ns
            for fig_id in FIGURES
        }

    def image(self, fig_id: str) -> bytes:
        return (self.gallery / "images" / names.image(fig_id)).read_bytes()

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text()
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1))

    def rebuild_and_rerun(self) -> set[str]:
        before = self.runs()
        self.output = self.build()
        after = self.runs()
        return {fig_id for fig_id in FIGURES if after[fig_id] != before[fig_id]}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    ignore = shutil.ignore_patterns("_build", "gallery", "jupyter_execute", "__pycache__")
    for part in ("book", "figures", "nnfig"):
        shutil.copytree(ROOT / part, root / part, ignore=ignore)
    (root / "node_modules").symlink_to(ROOT / "node_modules")  # MathJax, for the math
    p = Project(root)
    p.build()
    return p


def test_noop_rebuild_runs_no_figure_and_writes_no_page(project):
    # The first rebuild after a clean one: its configuration must hash the same.
    assert project.rebuild_and_rerun() == set()
    assert "targets for 0 source files that are out of date" in project.output
    assert "build_info mismatch" not in project.output


def test_editing_prose_runs_no_figure(project):
    project.edit("book/perceptrons.md", "Neural nets borrow", "Artificial neural nets borrow")
    assert project.rebuild_and_rerun() == set()
    assert project.reread_pages() == {"perceptrons"}  # not the gallery index
    # Its cells' outputs come from the cache: neither nnfig.sphinxext.pages nor myst-nb ran them.
    assert "ran the cells" not in project.output and "Executed notebook" not in project.output


def test_renaming_a_chapter_rereads_the_pages_that_list_it(project):
    project.edit("book/perceptrons.md", "# Perceptrons", "# The perceptron")
    assert project.rebuild_and_rerun() == set()
    # The gallery index and the API reference group the figures under chapter titles.
    assert project.reread_pages() == {"perceptrons", "gallery/index", "api"}
    index = (project.root / "book/_build/html/gallery/index.html").read_text()
    assert "1. The perceptron" in index


def test_editing_an_unused_module_runs_no_figure(project):
    project.edit("nnfig/cli.py", "EXIT_USAGE = 2", "EXIT_USAGE = 2  # as documented")
    assert project.rebuild_and_rerun() == set()


def test_editing_a_drawing_helper_reruns_exactly_its_figures(project):
    users = {"deep-net-stack"}  # the figures that call draw_blocks
    before = {fig_id: project.image(fig_id) for fig_id in FIGURES}
    project.edit(
        "nnfig/draw/diagrams.py", "lw=1.3,\n            zorder=2,", "lw=2.6,\n            zorder=2,"
    )
    assert project.rebuild_and_rerun() == users
    changed = {fig_id for fig_id in FIGURES if project.image(fig_id) != before[fig_id]}
    assert changed == users
    # Same sizes, same alt text: the chapter is not read again; its gallery page, which
    # shows the same files, brought the new pixels to the site.
    assert project.reread_pages() == {"gallery/plot_deep_net_stack", "gallery/index"}
    site = project.root / "book/_build/html/_images"
    for name in names.variants(names.image("deep-net-stack")).values():
        assert (site / name).read_bytes() == (project.gallery / "images" / name).read_bytes()


def test_resizing_a_figure_rereads_its_chapter(project):
    project.edit(
        "nnfig/chapters/mlp.py",
        "fig, ax = plt.subplots(figsize=(5.2, 3.0)",
        "fig, ax = plt.subplots(figsize=(5.2, 3.2)",
    )
    assert project.rebuild_and_rerun() == {"nonlinear-data"}
    assert "mlp" in project.reread_pages()  # its image's height is on the page
    height = Image.open(project.gallery / "images" / names.image("nonlinear-data")).size[1]
    page = (project.root / "book/_build/html/mlp.html").read_text()
    image = re.search(rf'<img [^>]*src="_images/{names.image("nonlinear-data")}"[^>]*>', page)
    assert f'height="{height}"' in image[0]


def test_editing_shared_code_reruns_every_user(project):
    # linear_tex prints equations: the classifier's title and the small net's panels use it.
    project.edit("nnfig/compute/tex.py", 'f"{abs(w):g}{name}"', 'f"{abs(w):g}\\\\,{name}"')
    assert project.rebuild_and_rerun() == {"perceptron-classifier", "two-layer-net-values"}


def test_editing_a_computation_reruns_its_figures_and_pages(project):
    # softmax feeds one figure and the numbers glued into the layers chapter.
    project.edit(
        "nnfig/compute/layers.py",
        "z = z - z.max(axis=-1, keepdims=True)",
        "z = z - z.max(axis=-1, keepdims=True) + 0.0",
    )
    assert project.rebuild_and_rerun() == {"softmax-temperature"}
    pages = project.reread_pages()
    assert "layers" in pages
    assert not pages & {"perceptrons", "mlp", "tensors", "index"}
    # The page's cells are unchanged, but the code they call changed: they ran again,
    # before the page was read (nnfig.sphinxext.pages), and only that page's.
    assert re.findall(r"nnfig: ran the cells of (\S+)", project.output) == ["layers"]
    assert "layers.md: Using cached notebook" in project.output


def test_editing_the_explorer_code_rewrites_its_data(project):
    shipped = project.root / "book" / "_build" / "html" / "_static" / "explorer"
    before = {path.name: path.read_bytes() for path in shipped.glob("*.js")}
    assert set(before) == {"remap-checkpoints.js", "remap-circles.js"}
    project.edit(
        "nnfig/compute/explorer.py", "OUTLINE_TOLERANCE = 0.001", "OUTLINE_TOLERANCE = 0.002"
    )
    # The explorers' figures run again (their scraper writes the data); no other figure does.
    assert project.rebuild_and_rerun() == {"remap-checkpoints", "remap-circles"}
    after = {path.name: path.read_bytes() for path in shipped.glob("*.js")}
    assert all(after[name] != data for name, data in before.items())


def test_editing_an_html_repair_runs_no_figure(project):
    project.edit(
        "nnfig/sphinxext/repairs.py",
        'SIDEBAR_TOGGLE_LABEL = "Show or hide',
        'SIDEBAR_TOGGLE_LABEL = "Show or hide (edited)',
    )
    assert project.rebuild_and_rerun() == set()
    # No figure ran, but every page was written again with the edited repair.
    page = project.root / "book" / "_build" / "html" / "mlp.html"
    assert "Show or hide (edited)" in page.read_text()


def test_editing_the_saving_code_reruns_every_figure(project):
    project.edit(
        "nnfig/draw/save.py",
        "for scale, target in targets.items():",
        "for scale, target in sorted(targets.items()):",
    )
    assert project.rebuild_and_rerun() == set(FIGURES)


def test_a_changed_library_version_reruns_every_figure(project):
    # A distribution's metadata earlier on the path is what importlib.metadata reports.
    fake = project.root / "pillow-99.0.dist-info"
    fake.mkdir()
    (fake / "METADATA").write_text("Metadata-Version: 2.1\nName: pillow\nVersion: 99.0\n")
    try:
        assert project.rebuild_and_rerun() == set(FIGURES)
    finally:
        shutil.rmtree(fake)
