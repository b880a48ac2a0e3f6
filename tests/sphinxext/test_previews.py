"""Each page's previews: the targets its links point at, seen from that page."""

from nnfig.sphinxext.previews import page_previews

FIGURE = '<img src="_images/a.png" srcset="_images/a.png 1x, _images/a_2x.png 2x"/>'
EQUATION = '<div class="math"><svg><use xlink:href="#MJX-X"></use></svg></div>'
RECORDS = {
    "mlp": {
        "targets": {"fig-a": FIGURE, "equation-e": EQUATION},
        "links": ["#fig-a", "#missing", "references.html#id1"],
        "glyphs": {"MJX-X": '<path id="MJX-X" d="M0"/>'},
    },
    "tensors": {"targets": {}, "links": ["mlp.html#equation-e"], "glyphs": {}},
    "gallery/plot_a": {"targets": {}, "links": ["../mlp.html#fig-a"], "glyphs": {}},
    "references": {"targets": {"id1": "<p>Cybenko</p>"}, "links": [], "glyphs": {}},
}


def test_a_page_previews_the_targets_its_links_point_at():
    previews, glyphs = page_previews(RECORDS, "mlp")
    assert previews == {"#fig-a": FIGURE, "references.html#id1": "<p>Cybenko</p>"}
    assert glyphs == ""  # its own formulas' glyphs are on the page already


def test_formulas_from_another_page_bring_their_glyphs():
    previews, glyphs = page_previews(RECORDS, "tensors")
    assert previews == {"mlp.html#equation-e": EQUATION}
    assert '<path id="MJX-X" d="M0"/>' in glyphs and 'style="display: none"' in glyphs


def test_image_urls_are_rebased_to_the_linking_page():
    previews, _ = page_previews(RECORDS, "gallery/plot_a")
    html = previews["../mlp.html#fig-a"]
    assert 'src="../_images/a.png"' in html
    assert 'srcset="../_images/a.png 1x, ../_images/a_2x.png 2x"' in html
