"""The perceptron, its learning rule and its data."""

import numpy as np
import pytest

from nnfig.compute import perceptron


def test_classifier_perceptron_is_the_printed_one():
    z, y = perceptron.perceptron(np.array([[1.0, 0.0], [-1.0, 1.0], [0.0, 0.0]]), [2, 1], 0)
    np.testing.assert_array_equal(z, [2.0, -1.0, 0.0])
    np.testing.assert_array_equal(y, [1.0, 0.0, 0.0])  # z = 0 is not > 0


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7])
def test_separable_data_has_both_classes_and_is_learnable(seed):
    x, y = perceptron.separable_data(seed=seed, n=60)
    assert x.shape == (60, 2) and set(np.unique(y)) <= {0.0, 1.0}
    assert 0 < y.sum() < len(y), "both classes should be present"
    # Separable by construction: the learning rule must finish with no mistake.
    run = perceptron.learn(x, y, seed=seed)
    assert run.errors(x, y)[-1] == 0


@pytest.mark.parametrize("seed", [0, 2, 5])
def test_learning_rule_converges_and_separates(seed):
    x, y = perceptron.separable_data(seed=seed, n=40)
    run = perceptron.learn(x, y, seed=seed, lr=0.5)
    _, predicted = perceptron.perceptron(x, run.w[-1], run.b[-1])
    np.testing.assert_array_equal(predicted, y)
    errors = run.errors(x, y)
    assert errors[0] > 0, "the initial guess should have something to learn"
    assert len(run.w) == len(run.b) >= 2


def test_learning_is_deterministic():
    x, y = perceptron.separable_data(seed=3, n=30)
    a, b = perceptron.learn(x, y, seed=3), perceptron.learn(x, y, seed=3)
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.b, b.b)


def test_each_update_follows_the_rule():
    x, y = perceptron.separable_data(seed=2, n=40)
    run = perceptron.learn(x, y, seed=2, lr=0.5)
    for k in range(1, len(run.w)):
        dw, db = run.w[k] - run.w[k - 1], run.b[k] - run.b[k - 1]
        assert abs(db) == 0.5  # lr · (y − ŷ) with y − ŷ = ±1
        # dw = db · x_i for some training point x_i
        assert np.min(np.linalg.norm(x * db - dw, axis=1)) < 1e-12


def test_non_separable_data_is_reported():
    x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])  # XOR
    with pytest.raises(RuntimeError, match="did not converge"):
        perceptron.learn(x, y, seed=0, max_epochs=20)
