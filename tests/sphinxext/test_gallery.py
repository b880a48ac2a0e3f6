"""The gallery's scraper and the names of every figure's images."""

import json

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
    narrow = names.image("relu-volume", "dark", 2, "narrow")
    assert narrow == "sphx_glr_plot_relu_volume_001_narrow_dark_2x.png"
    assert names.variants("/g/sphx_glr_plot_x_001.png", layout="narrow") == {
        ("light", 1): "/g/sphx_glr_plot_x_001_narrow.png",
        ("light", 2): "/g/sphx_glr_plot_x_001_narrow_2x.png",
        ("dark", 1): "/g/sphx_glr_plot_x_001_narrow_dark.png",
        ("dark", 2): "/g/sphx_glr_plot_x_001_narrow_dark_2x.png",
    }
    with pytest.raises(ValueError, match="tall"):
        names.image("relu-volume", layout="tall")


@pytest.mark.parametrize("fig_id", ["relu-volume", "activations"])
def test_scraper_saves_the_narrow_arrangement_of_exactly_the_marked_figures(fig_id, tmp_path):
    from PIL import Image

    from nnfig.draw.style import DPI, NARROW_WIDTH

    images = tmp_path / "gallery" / "images"
    images.mkdir(parents=True)
    light = images / names.image(fig_id)
    block_vars = {
        "src_file": f"/x/{names.script(fig_id)}",
        "example_globals": {},
        "image_path_iterator": iter([str(light)]),
    }
    gallery_conf = {"src_dir": str(tmp_path), "thumbnail_size": (100, 80)}
    FIGURES[fig_id]()
    rst = scraper(None, block_vars, gallery_conf)
    assert f":figure: {fig_id}" in rst
    saved = {p.name for p in images.glob("*.png")}
    narrow = {names.image(fig_id, t, s, "narrow") for t in THEMES for s in (1, 2)}
    wide = {names.image(fig_id, t, s) for t in THEMES for s in (1, 2)}
    marked = "narrow" in FIGURES[fig_id].layouts
    assert saved == wide | (narrow if marked else set())
    for name in narrow & saved:  # a phone's column wide, and twice that at 2x
        width = Image.open(images / name).size[0]
        assert width == round(NARROW_WIDTH * DPI * (2 if "_2x" in name else 1))
    # What a chapter shows of the figure besides its pixels: every image's size, the alt text.
    shown = tmp_path / names.shown(fig_id).lstrip("/")
    record = json.loads(shown.read_text())
    assert record["alt"] == FIGURES[fig_id].alt
    assert record["sizes"] == {name: list(Image.open(images / name).size) for name in saved}
    before = shown.stat().st_mtime_ns
    FIGURES[fig_id]()
    block_vars["image_path_iterator"] = iter([str(light)])
    scraper(None, block_vars, gallery_conf)  # drawn again, same sizes: not rewritten
    assert shown.stat().st_mtime_ns == before


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
    # Among figures that train nothing, those drawn in a narrow arrangement too (four
    # drawings, not two) go first: the quickest scripts are the last to start.
    untrained = [s for s in sorted(scripts, key=order) if not order.training.get(s)]
    narrow = [names.script(i) for i, e in FIGURES.items() if "narrow" in e.layouts]
    wide = [s for s in untrained if s not in narrow]
    assert max(untrained.index(s) for s in narrow if s in untrained) < untrained.index(wide[0])
    # After a build: the times sphinx-gallery measured.
    gallery = tmp_path / "book" / names.GALLERY
    gallery.mkdir(parents=True)
    (gallery / "plot_activations.cost.json").write_text(json.dumps({"time": 99.0, "memory": 0}))
    assert sorted(scripts, key=order)[0] == "plot_activations.py"
