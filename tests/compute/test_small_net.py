"""The small nonlinear classifier: its data, its weights, and the equations printed from them."""

import re

import numpy as np
import pytest
import torch
from scipy.optimize import linprog

from nnfig.compute import small_net


def linear_coefficients(expr: str) -> dict[str, float]:
    """'2x_1 - x_2' → {'x_1': 2, 'x_2': -1}; an independent reading of printed equations."""
    coeffs = {}
    for sign, number, name in re.findall(r"([+-]?)\s*(\d+(?:\.\d+)?)?\s*([a-z]_\d)", expr):
        value = float(number) if number else 1.0
        coeffs[name] = -value if sign == "-" else value
    return coeffs


def is_linearly_separable(x, y) -> bool:
    """Is there (w, b) with (2y − 1)(w·x + b) ≥ 1 for all points? An exact LP check."""
    s = 2 * y - 1
    a_ub = -s[:, None] * np.hstack([x, np.ones((len(x), 1))])
    result = linprog(np.zeros(3), A_ub=a_ub, b_ub=-np.ones(len(x)), bounds=[(None, None)] * 3)
    return result.status == 0


@pytest.fixture(scope="module")
def book_data():
    data = small_net.labelled()  # the data nonlinear-data draws
    return data.x, data.y


def test_net_classifies_the_book_data_perfectly(book_data):
    x, y = book_data
    np.testing.assert_array_equal(small_net.forward(x).y, y)
    assert y.sum() == len(y) // 2


def test_no_line_separates_the_book_data(book_data):
    assert not is_linearly_separable(*book_data)


def test_lp_check_can_say_yes():
    x = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [1.0, 2.0]])
    assert is_linearly_separable(x, np.array([0.0, 0.0, 1.0, 1.0]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_other_seeds_also_give_perfectly_classified_data(seed):
    x, y = small_net.nonlinear_data(seed=seed, n=50)
    np.testing.assert_array_equal(small_net.forward(x).y, y)


def test_forward_matches_torch():
    x = np.random.default_rng(0).uniform(-2, 2, size=(100, 2))
    net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor(small_net.W1))
        net[0].bias.copy_(torch.tensor(small_net.b1))
        net[2].weight.copy_(torch.tensor(small_net.W2))
        net[2].bias.copy_(torch.tensor(small_net.b2))
        z3 = net(torch.tensor(x, dtype=torch.float32)).numpy()[:, 0]
    out = small_net.forward(x)
    np.testing.assert_allclose(out.z3, z3, atol=1e-5)
    np.testing.assert_array_equal(out.y, (z3 > 0).astype(float))


def test_printed_equations_are_the_weights():
    eq = small_net.equations_tex()
    for name, row in (("z1", small_net.W1[0]), ("z2", small_net.W1[1])):
        rhs = eq[name].split("=")[1]
        coeffs = linear_coefficients(rhs)
        np.testing.assert_array_equal([coeffs.get("x_1", 0), coeffs.get("x_2", 0)], row)
    coeffs = linear_coefficients(eq["z3"].split("=")[1])
    np.testing.assert_array_equal([coeffs["h_1"], coeffs["h_2"]], small_net.W2[0])


def test_weights_resolve_the_seed_erratum():
    # The chapter's equations z1 = x1 − x2, z2 = 2x1 + x2 need exactly this W1.
    np.testing.assert_array_equal(small_net.W1, [[1, -1], [2, 1]])
    assert small_net.equations_tex()["z1"] == "z_1 = x_1 - x_2"
    assert small_net.equations_tex()["z2"] == "z_2 = 2x_1 + x_2"


def test_class_zero_lies_on_both_sides_of_the_wedge(book_data):
    # Below the wedge's apex (x2 < 0), class 0 must show up left and right of it, plenty of it.
    x, y = book_data
    below = (y == 0) & (x[:, 1] < 0)
    assert (below & (x[:, 0] < 0)).sum() >= 8
    assert (below & (x[:, 0] > 0)).sum() >= 8


def test_data_stays_inside_the_drawn_box(book_data):
    x, _ = book_data
    for k, (lo, hi) in enumerate(small_net.BOX):
        assert np.all((x[:, k] >= lo) & (x[:, k] <= hi))


def test_distance_to_wedge():
    inside_edge = np.array([[-1.0, -1.0], [2.0, -1.0], [0.0, 0.0]])
    np.testing.assert_allclose(small_net.distance_to_wedge(inside_edge), 0.0, atol=1e-12)
    np.testing.assert_allclose(small_net.distance_to_wedge(np.array([[0.0, 1.0]])), 1.0)
    # (−1, 0) is 1/√2 from the edge along (−1, −1).
    np.testing.assert_allclose(small_net.distance_to_wedge(np.array([[-1.0, 0.0]])), 0.5**0.5)


def test_both_units_off_where_the_chapter_says():
    data = small_net.labelled()
    out = small_net.forward(data.x)
    off = (out.h == 0).all(axis=1)
    assert data.both_off == off.sum() > 0
    np.testing.assert_array_equal(out.z3[off], 0.0)
    assert np.all(data.y[off] == 0)  # the threshold's strict inequality gets them right
    # A wedge opening to the left: every such point has x1 < 0, above and below the apex,
    assert np.all(data.x[off, 0] < 0)
    assert (data.x[off, 1] > 0).any() and (data.x[off, 1] < 0).any()
    # and it holds every circle left of the class-1 wedge below the apex.
    left = (data.y == 0) & (data.x[:, 0] < 0) & (data.x[:, 1] < 0)
    assert left.any() and off[left].all()


def test_z3_is_piecewise_linear_not_a_plane():
    v = small_net.values()
    grid = v.out.x
    design = np.column_stack([grid, np.ones(len(grid))])

    def plane_residual(mask):
        coef, *_ = np.linalg.lstsq(design[mask], v.out.z3[mask], rcond=None)
        return np.abs(design[mask] @ coef - v.out.z3[mask]).max()

    assert plane_residual(np.ones(len(grid), bool)) > 0.5  # no single plane fits
    patterns = {tuple(p) for p in (v.out.h > 0).astype(int)}
    assert patterns == {(0, 0), (0, 1), (1, 0), (1, 1)}
    for pattern in patterns:  # one plane per on/off pattern of the hidden units
        mask = ((v.out.h > 0).astype(int) == pattern).all(axis=1)
        assert plane_residual(mask) < 1e-9


def test_training_activations_fast_parameters_slow():
    t = small_net.train()
    assert len(t.outputs) == t.passes * t.n_points
    assert t.theta.shape == (len(t.outputs) + 1, 9)
    step_act = np.abs(np.diff(t.outputs))
    step_par = np.abs(np.diff(t.theta, axis=0)).max(axis=1)
    assert np.median(step_act) > 20 * np.median(step_par)
    # Yet over the run the parameters move far from where they started,
    assert np.abs(t.theta[-1] - t.theta[0]).max() > 1.0
    # and the learned net classifies the data it was shown.
    assert t.accuracy >= 0.9


def test_training_rejects_bad_arguments():
    with pytest.raises(ValueError, match="passes"):
        small_net.train(passes=0)
    with pytest.raises(ValueError, match="learning_rate"):
        small_net.train(learning_rate=-0.1)
