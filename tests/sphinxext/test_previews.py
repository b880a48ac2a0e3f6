"""Each page's previews: the targets its links point at, seen from that page."""

from nnfig.sphinxext.previews import page_previews, page_record

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


BODY = """
<span id="fig-alias"></span>
<figure class="nnfig-figure align-default" id="fig-a">
<span class="nnfig-image"><img alt="A." src="_images/a.png"/></span>
<figcaption><p><span class="caption-number">Figure 1 </span>A caption.
<a class="headerlink" href="#fig-a">#</a></p></figcaption>
</figure>
<div class="pasted-math math notranslate" id="equation-e">
<span class="eqno">(1.1)<a class="headerlink" href="#equation-e">#</a></span>
<svg><use xlink:href="#MJX-X"></use></svg></div>
<div role="list" class="citation-list">
<div class="citation" id="id1" role="listitem"><span class="label">[1]</span>
<p>Cybenko, 1989.</p></div>
</div>
<p>See <a class="reference internal" href="#fig-a"><span>Figure 1</span></a>,
<a class="sphx-glr-backref-module-nnfig reference internal"
 href="api.html#nnfig.f?a=1&amp;b=2">f</a>,
<a class="reference internal" href="mlp.html">a page</a>,
<a class="reference external" href="https://example.org/#x">elsewhere</a>.</p>
<svg aria-hidden="true" class="nnfig-math-glyphs"><defs><path id="MJX-X" d="M0"></path></defs></svg>
"""


def test_a_page_record_holds_its_targets_links_and_glyphs():
    record = page_record(BODY)
    targets = record["targets"]
    assert set(targets) == {"fig-a", "fig-alias", "equation-e", "id1"}
    assert targets["fig-alias"] == targets["fig-a"]
    assert targets["fig-a"].startswith('<img alt=""') and "A caption." in targets["fig-a"]
    assert "headerlink" not in targets["fig-a"] + targets["equation-e"]
    assert targets["id1"] == '<div class="nnfig-preview-citation"><p>Cybenko, 1989.</p></div>'
    # Internal links to a place only, their URLs unescaped as a browser reads them.
    assert record["links"] == ["#fig-a", "api.html#nnfig.f?a=1&b=2"]
    assert record["glyphs"] == {"MJX-X": '<path d="M0" id="MJX-X"></path>'}
