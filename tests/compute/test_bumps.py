"""Relu bumps and the approximation they build."""

import itertools

import numpy as np
import pytest

from nnfig.compute import bumps


def test_bump_is_four_relus_with_a_plateau():
    x = np.linspace(-3, 3, 601)
    b = bumps.bump(x, -1.0, 1.0, ramp=0.5)
    np.testing.assert_allclose(b[np.abs(x) <= 0.75], 1.0)
    np.testing.assert_allclose(b[np.abs(x) >= 1.25], 0.0)
    assert np.all((b >= 0) & (b <= 1))


def test_bumps_sum_to_one_over_the_domain():
    x = np.linspace(*bumps.DOMAIN, 1001)
    centres = np.linspace(*bumps.DOMAIN, 7)
    step = centres[1] - centres[0]
    total = sum(bumps.bump(x, c - step / 2, c + step / 2, ramp=step) for c in centres)
    np.testing.assert_allclose(total, 1.0, atol=1e-12)


@pytest.mark.parametrize("n", [2, 5, 13])
def test_approximation_is_exact_at_the_centres(n):
    centres = np.linspace(*bumps.DOMAIN, n)
    np.testing.assert_allclose(bumps.approximate(centres, n), bumps.target(centres), atol=1e-12)


def test_error_shrinks_as_bumps_grow():
    counts = [3, 6, 12, 24, 48]
    errors = [bumps.max_error(n) for n in counts]
    assert all(a > b for a, b in itertools.pairwise(errors))
    assert errors[-1] < 0.02


def test_too_few_bumps_is_an_error():
    with pytest.raises(ValueError, match="n_bumps"):
        bumps.approximate(np.zeros(3), 1)


@pytest.mark.parametrize("n", [3, 6, 12])
def test_tents_are_triangles_that_sum_to_the_approximation(n):
    x = np.linspace(*bumps.DOMAIN, 1201)
    tents = bumps.tents(x, n)
    assert len(tents) == n
    np.testing.assert_allclose(sum(tents), bumps.approximate(x, n))
    centres = np.linspace(*bumps.DOMAIN, n)
    for c, tent in zip(centres, tents, strict=True):
        weight = bumps.target(c)
        # Peak at the centre only (no plateau), zero a grid step away on both sides.
        assert np.abs(tent).max() <= abs(weight) + 1e-12
        step = centres[1] - centres[0]
        # Within 2 % of the top only within 2 % of a step of the centre (plus one sample).
        peak = np.abs(tent) >= 0.98 * abs(weight)
        assert peak.any() and np.abs(x[peak] - c).max() <= 0.02 * step + (x[1] - x[0])
        np.testing.assert_allclose(tent[np.abs(x - c) >= step], 0.0, atol=1e-12)


def test_example_bump_has_a_plateau():
    a = bumps.approximations()
    top = a.bump_x[np.isclose(a.bump, 1.0)]
    left, right, ramp = bumps.EXAMPLE_BUMP
    np.testing.assert_allclose(
        [top.min(), top.max()], [left + ramp / 2, right - ramp / 2], atol=0.02
    )
