"""What a figure's digest covers: its own code, the scraper's, the libraries — not HTML code."""

from nnfig import FIGURES, deps
from nnfig.registry import CHAPTERS

SCRAPER = "nnfig.sphinxext.gallery.scraper"


def units(fig_id: str) -> set[deps.Unit]:
    return deps.units_of([*deps.figure_roots(FIGURES[fig_id]), SCRAPER])


def test_a_figure_depends_on_its_drawing_and_compute_code():
    found = units("remap-circles")
    assert ("nnfig.chapters.distributions", "remap_circles") in found
    assert ("nnfig.compute.classifier", "train") in found  # imported inside a function
    assert ("nnfig.draw.mappings", "draw_planes") in found
    assert ("nnfig.compute.vit", "compute") in units("tsne-layers")


def test_constants_read_through_an_attribute_count():
    assert ("nnfig.compute.mapping", "LAYERS_1D") in units("mapping-1d-layers")  # .items()
    assert ("nnfig.compute.runs", "CLOUDS") in units("classifier-data")  # CLOUDS.seed


def test_registry_style_and_saving_are_reached_not_listed():
    found = units("activations")
    for unit in [
        ("nnfig.registry", "figure"),  # the decorator on the drawing function
        ("nnfig.registry", "Drawing"),  # which draws inside the theme's style
        ("nnfig.draw.style", "rc"),
        ("nnfig.draw.save", "save_scales"),  # called by the scraper
        ("nnfig.sphinxext.names", "image"),
    ]:
        assert unit in found, unit


def test_html_only_code_is_not_part_of_any_figure():
    every = set().union(*(units(fig_id) for fig_id in FIGURES))
    assert not {u for u in every if u[0] in ("nnfig.sphinxext.repairs", "nnfig.sphinxext.source")}
    assert ("nnfig.sphinxext.images", "visit_themed_image") not in every


def test_the_explorer_counts_as_part_of_its_figure():
    found = units("remap-checkpoints")
    assert ("nnfig.chapters.distributions", "remap_checkpoints_explorer") in found
    assert ("nnfig.compute.runs", "clouds_trajectory") in found
    assert ("nnfig.compute.explorer", "pack") in found
    assert ("nnfig.compute.explorer", "script") in found  # called by the scraper


def test_digests_cover_library_versions():
    assert b"matplotlib==" in deps.library_versions() and b"torch==" in deps.library_versions()
    digests = deps.figure_digests(deps.declared_figures(CHAPTERS), [SCRAPER])
    assert len(set(digests.values())) == len(FIGURES)


def test_figures_read_from_source_are_the_registered_ones():
    declared = deps.declared_figures(CHAPTERS)
    assert list(declared) == list(FIGURES)
    for fig_id, entry in FIGURES.items():
        assert sorted(declared[fig_id]) == sorted(deps.figure_roots(entry)), fig_id


def test_data_read_from_source_is_each_figures_compute_function():
    declared = deps.declared_data(CHAPTERS)
    assert list(declared) == list(FIGURES)
    for fig_id, entry in FIGURES.items():
        assert declared[fig_id] == (deps.unit_of(entry.data) if entry.data else None), fig_id


def test_drawings_read_from_source_are_the_registered_ones_with_their_layouts():
    drawings = deps.declared_drawings(CHAPTERS)
    assert list(drawings) == list(FIGURES)
    for fig_id, entry in FIGURES.items():
        assert drawings[fig_id] == deps.unit_of(entry.draw), fig_id
        assert deps.takes(drawings[fig_id], "layout") == ("narrow" in entry.layouts), fig_id
    assert not deps.takes(drawings["activations"], "lay")


def page(code: str) -> str:
    return f"# A page\n\n```{{code-cell}} python\n:tags: [remove-cell]\n\n{code}\n```\n"


def test_a_page_depends_on_the_module_attributes_it_reads():
    figures = deps.declared_figures(CHAPTERS)
    found = deps.page_units(
        page("from nnfig.compute import exercises\nline = exercises.boundary()"), figures
    )
    assert ("nnfig.compute.exercises", "boundary") in found
    assert ("nnfig.compute.exercises", "cross_entropy_split") not in found
    assert ("nnfig.compute.layers", "softmax") not in found  # only other exercises use it
    # A module passed on as a whole may be used whole.
    passed = deps.page_units(page("from nnfig.compute import exercises\nprint(exercises)"), figures)
    assert ("nnfig.compute.exercises", "cross_entropy_split") in passed


def test_a_page_depends_on_the_code_of_the_figures_whose_data_it_reads():
    figures = deps.declared_figures(CHAPTERS)
    for code in ('figure_data("relu-volume")', 'FIGURES["relu-volume"].data()'):
        found = deps.page_units(
            page(f"from nnfig import FIGURES, figure_data\nx = {code}"), figures
        )
        assert ("nnfig.compute.volume", "positive_share") in found, code
        assert ("nnfig.compute.runs", "circles_regions") not in found, code
