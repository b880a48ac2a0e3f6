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


def _folded(x, y):
    """Rows (2y − 1)·(x, 1): a unit u has margin γ when every row · u ≥ γ."""
    return (2 * y - 1)[:, None] * np.column_stack([x, np.ones(len(x))])


@pytest.mark.parametrize("seed", [0, 2, 5, 11])
def test_widest_margin_is_attained_and_no_direction_beats_it(seed):
    x, y = perceptron.separable_data(seed=seed, n=40)
    a = _folded(x, y)
    gamma, u = perceptron.widest_margin(a)
    assert np.linalg.norm(u) == pytest.approx(1)
    assert (a @ u).min() == pytest.approx(gamma)  # u attains γ
    # No other unit vector does better: γ is the widest margin, not just a margin.
    d = np.random.default_rng(seed).normal(size=(50_000, 3))
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    best_sampled = (a @ d.T).min(axis=0).max()
    assert best_sampled <= gamma + 1e-12
    assert best_sampled > gamma - 0.02  # and the sampled directions come close to it


def _updates_from_zero(x, y, seed, lr):
    """The rule of the theorem: started from w̃ = 0, count its updates."""
    rng, w = np.random.default_rng(seed), np.zeros(3)
    folded, updates = np.column_stack([x, np.ones(len(x))]), 0
    while True:
        mistakes = 0
        for i in rng.permutation(len(x)):
            error = y[i] - float(folded[i] @ w > 0)
            if error:
                w, updates, mistakes = w + lr * error * folded[i], updates + 1, mistakes + 1
        if mistakes == 0:
            return updates


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 5, 8, 13])
@pytest.mark.parametrize("lr", [0.1, 0.5, 2.0])
def test_runs_stay_within_novikoffs_bound(seed, lr):
    data = perceptron.learning(seed=seed, n_points=40, lr=lr)
    bound = data.convergence
    assert len(data.run.w) - 1 <= bound.bound_from_start
    assert _updates_from_zero(data.x, data.y, seed, lr) <= bound.bound
    folded = np.column_stack([data.x, np.ones(len(data.x))])
    assert bound.radius == pytest.approx(np.linalg.norm(folded, axis=1).max())


def test_a_zero_start_makes_both_bounds_agree():
    x, y = perceptron.separable_data(seed=4, n=30)
    run = perceptron.learn(x, y, seed=4)
    zero = perceptron.Training(np.zeros((1, 2)), np.zeros(1), 0, np.zeros(0, dtype=int))
    bound = perceptron.convergence(x, y, zero, 0.5)
    assert bound.bound_from_start == pytest.approx(bound.bound)
    assert perceptron.convergence(x, y, run, 0.5).radius == bound.radius


def test_each_update_is_triggered_by_a_misclassified_point():
    data = perceptron.learning()
    run, x, y = data.run, data.x, data.y
    assert len(run.trigger) == len(run.w) - 1
    for k, i in enumerate(run.trigger):
        _, predicted = perceptron.perceptron(x[i], run.w[k], run.b[k])
        assert predicted != y[i], f"update {k + 1}: point {i} was already right"
        step = data.lr * (y[i] - predicted)
        np.testing.assert_allclose(run.w[k + 1] - run.w[k], step * x[i])
        assert run.b[k + 1] - run.b[k] == pytest.approx(step)


def test_the_books_run_shows_what_its_caption_says():
    errors = perceptron.learning().errors
    assert errors[-1] == 0  # it reaches zero
    assert np.any(np.diff(errors) > 0), "the caption says the count need not fall at every step"
