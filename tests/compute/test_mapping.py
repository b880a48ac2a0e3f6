"""What the mapping figures of the distributions chapter claim about their layers."""

import numpy as np
import pytest

from nnfig.compute import mapping, volume


def test_one_unit_layers_are_monotone_so_the_narrow_stack_never_folds():
    st = mapping.stack().narrow
    x = st.stages[0]
    for stage in st.stages[1:]:
        assert mapping.monotone(x, stage)


def test_two_unit_layers_fold_the_line():
    folds = mapping.stack().folds
    x, first, last = folds.stages[0], folds.stages[1], folds.stages[-1]
    np.testing.assert_allclose(first, np.abs(x))  # eq-fold: relu(x) + relu(-x) = |x|
    np.testing.assert_allclose(last, np.abs(np.abs(x) - 1))
    assert not mapping.monotone(x, first)
    # Mirror-image inputs land together: the fold at 0.
    np.testing.assert_allclose(first, first[::-1])
    # Two folds, four linear pieces: the slope changes sign three times.
    slopes = np.sign(np.diff(last[np.argsort(x)]))
    assert np.count_nonzero(np.diff(slopes[slopes != 0])) == 3
    # Each fold layer really is two relu units: both non-negative, never both positive.
    for h in folds.hidden:
        assert h.shape[1] == 2 and (h >= 0).all() and not ((h > 0).all(axis=1)).any()


def test_monotone_tells_folds_from_flips():
    x = np.linspace(-1, 1, 5)
    assert mapping.monotone(x, -x) and mapping.monotone(x, np.maximum(x, 0))
    assert not mapping.monotone(x, np.abs(x))


def _z(measured, expected, n):
    return np.abs(measured - expected) / np.sqrt(expected * (1 - expected) / n)


def test_relu_share_matches_one_over_two_to_the_d_only_for_independent_coordinates():
    v = volume.positive_share()
    np.testing.assert_array_equal(v.expected, 0.5**v.widths)
    assert np.all(_z(v.share, v.expected, v.n_samples) < 3)
    # Correlated coordinates: 1/(D + 1), far above 1/2^D once D grows.
    np.testing.assert_allclose(v.correlated_expected, 1 / (v.widths + 1))
    assert np.all(_z(v.correlated, v.correlated_expected, v.n_samples) < 3)
    assert v.correlated[-1] > 100 * v.share[-1]


@pytest.mark.parametrize("d", [2, 5])
def test_correlated_samples_have_the_stated_correlation(d):
    x = volume.correlated_gaussian(np.random.default_rng(1), 100_000, d)
    np.testing.assert_allclose(x.std(axis=0), 1, atol=0.01)
    c = np.corrcoef(x.T)
    off = c[~np.eye(d, dtype=bool)]
    np.testing.assert_allclose(off, volume.CORRELATION, atol=0.01)
