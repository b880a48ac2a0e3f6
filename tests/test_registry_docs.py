"""Alt text is an explicit field of every figure, and every public function is documented."""

import inspect

import pytest
from numpydoc.docscrape import FunctionDoc

from nnfig import FIGURES
from nnfig.registry import LAYOUT_PARAMETER, compose_doc, figure

IDS = list(FIGURES)


@pytest.mark.parametrize("alt", [None, "", "   \n "])
def test_a_figure_without_alt_text_is_refused_naming_alt(alt):
    kwargs = {} if alt is None else {"alt": alt}
    with pytest.raises(ValueError, match=r"\balt\b"):
        figure("no-alt", title="No alt text", **kwargs)


def test_alt_text_is_the_field_not_the_docstring():
    for fig_id, entry in FIGURES.items():
        assert entry.alt.strip(), f"{fig_id} has no alt text"
        assert entry.alt == " ".join(entry.alt.split()), f"{fig_id}: alt text is one line"
        # The docstring's summary is the description; the alt text says more.
        assert entry.description and entry.alt.startswith(entry.description), fig_id


def _params(doc: FunctionDoc) -> dict[str, str]:
    return {p.name: " ".join(p.desc).strip() for p in doc["Parameters"]}


@pytest.mark.parametrize("fig_id", IDS)
def test_figure_function_docstring_documents_every_parameter_and_the_figure(fig_id):
    func = FIGURES[fig_id].func
    doc = FunctionDoc(func)
    params = _params(doc)
    assert list(params) == list(inspect.signature(func).parameters), fig_id
    assert all(params.values()), f"{fig_id}: a parameter without a description: {params}"
    assert doc["Summary"] and " ".join(doc["Summary"]) == FIGURES[fig_id].description
    (returned,) = doc["Returns"]
    assert returned.type == "matplotlib.figure.Figure"


@pytest.mark.parametrize("fig_id", [i for i in IDS if FIGURES[i].data])
def test_compute_function_documents_its_own_parameters(fig_id):
    """The figure's parameters are described once, by the computation that takes them."""
    data = FIGURES[fig_id].data
    doc = FunctionDoc(data)
    assert list(_params(doc)) == list(inspect.signature(data).parameters), data.__name__
    assert doc["Returns"], f"{data.__module__}.{data.__name__} documents no return value"
    shared = _params(FunctionDoc(FIGURES[fig_id].func))
    assert {k: v for k, v in shared.items() if k != "layout"} == _params(doc)


def test_layout_is_described_once_in_the_registry():
    described = " ".join(line.strip() for line in LAYOUT_PARAMETER.splitlines()[1:])
    arranged = [i for i in IDS if "narrow" in FIGURES[i].layouts]
    assert arranged
    for fig_id in arranged:
        assert _params(FunctionDoc(FIGURES[fig_id].func))["layout"] == described


def test_compose_doc_takes_the_drawing_summary_and_the_computation_parameters():
    def compute(*, seed: int = 0):
        """Values.

        Parameters
        ----------
        seed : int, optional
            The seed.

        Returns
        -------
        dict
            Not the figure.
        """

    def draw(values, *, layout: str = "wide"):
        """What the figure shows.

        Notes
        -----
        Drawn from ``compute``.
        """

    doc = compose_doc(draw, compute, arranged=True)
    parsed = FunctionDoc(lambda: None, doc=doc)
    assert parsed["Summary"] == ["What the figure shows."]
    assert [p.name for p in parsed["Parameters"]] == ["seed", "layout"]
    assert [r.type for r in parsed["Returns"]] == ["matplotlib.figure.Figure"]
    assert parsed["Notes"] == ["Drawn from ``compute``."]
    without_data = FunctionDoc(lambda: None, doc=compose_doc(draw, None, arranged=False))
    assert without_data["Parameters"] == []
