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
