"""The gallery's scraper and the names of every figure's images."""

import pytest

from nnfig import FIGURES
from nnfig.draw.style import THEMES
from nnfig.sphinxext import names
from nnfig.sphinxext.gallery import scraper
from nnfig.sphinxext.images import palette_css


def test_image_variants_follow_one_naming_scheme():
    files = names.variants("/gallery/images/sphx_glr_plot_x_001.png")
    assert files == {
        ("light", 1): "/gallery/images/sphx_glr_plot_x_001.png",
        ("light", 2): "/gallery/images/sphx_glr_plot_x_001_2x.png",
        ("dark", 1): "/gallery/images/sphx_glr_plot_x_001_dark.png",
        ("dark", 2): "/gallery/images/sphx_glr_plot_x_001_dark_2x.png",
    }
    thumbs = names.variants("/g/thumb/sphx_glr_plot_x_thumb.png", thumbnail=True)
    assert thumbs == {
        ("light", 1): "/g/thumb/sphx_glr_plot_x_thumb.png",
        ("dark", 1): "/g/thumb/sphx_glr_plot_x_thumb_dark.png",
    }


def test_palette_css_colours_the_math_macros_per_theme():
    css = palette_css()
    for p in THEMES.values():
        assert p.parameter in css and p.activation in css
    assert 'html[data-theme="dark"]' in css and ".nnfig-param" in css


def test_gallery_scraper_refuses_figures_it_cannot_redraw_in_dark():
    import matplotlib.pyplot as plt

    FIGURES["relu-volume"]()
    plt.figure()  # drawn by hand, not by a figure function
    with pytest.raises(RuntimeError, match=r"plot_relu_volume\.py"):
        scraper(None, {"src_file": "/x/plot_relu_volume.py", "example_globals": {}}, {})
    assert plt.get_fignums() == []


def test_image_names_follow_sphinx_gallery_and_add_theme_and_scale():
    assert names.script("relu-volume") == "plot_relu_volume.py"
    assert names.image("relu-volume") == "sphx_glr_plot_relu_volume_001.png"
    assert names.image("relu-volume", "dark", 2) == "sphx_glr_plot_relu_volume_001_dark_2x.png"
    assert names.thumbnail("relu-volume", "dark") == "sphx_glr_plot_relu_volume_thumb_dark.png"
    with pytest.raises(ValueError, match="sepia"):
        names.image("relu-volume", "sepia")


def test_the_scraper_writes_the_explorer_data_once(tmp_path):
    from nnfig.compute.explorer import script
    from nnfig.sphinxext.gallery import _save_explorer

    _save_explorer("remap-circles", tmp_path)
    path = tmp_path / names.explorer_data("remap-circles").lstrip("/")
    text = path.read_text()
    assert text == script("remap-circles", FIGURES["remap-circles"].explorer())
    assert text.startswith("// The explorer of figure remap-circles")
    assert 'nnfigExplorer.register("remap-circles",{' in text
    before = path.stat().st_mtime_ns
    _save_explorer("remap-circles", tmp_path)  # unchanged: not rewritten, pages not rebuilt
    assert path.stat().st_mtime_ns == before


def test_longest_scripts_run_first(tmp_path):
    import json

    from nnfig.sphinxext.gallery import LongestFirst

    (tmp_path / "figures").mkdir()
    order = LongestFirst(str(tmp_path / "figures"))
    scripts = [names.script(fig_id) for fig_id in FIGURES]
    # Before any build: the transformer, which trains the most, then the other nets.
    first = sorted(scripts, key=order)[:3]
    assert first[0] == "plot_tsne_layers.py"
    assert set(first[1:]) == {"plot_remap_checkpoints.py", "plot_remap_circles.py"}
    # After a build: the times sphinx-gallery measured.
    gallery = tmp_path / "book" / names.GALLERY
    gallery.mkdir(parents=True)
    (gallery / "plot_activations.cost.json").write_text(json.dumps({"time": 99.0, "memory": 0}))
    assert sorted(scripts, key=order)[0] == "plot_activations.py"
