"""The worked examples of the layers chapter: what its figures draw and its text claims."""

import numpy as np
import pytest

from nnfig.compute import catalogue


def test_batchnorm_middle_stage_is_the_standard_score_of_each_input():
    b = catalogue.batchnorm()
    mu, sigma = b.x.mean(axis=0), b.x.std(axis=0)  # over the batch, dividing by N
    np.testing.assert_allclose(b.standard, (b.x - mu) / sigma)
    np.testing.assert_allclose(b.standard.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(b.standard.std(axis=0), 1.0)
    np.testing.assert_allclose(b.out, b.gamma * b.standard + b.beta)


def test_batchnorm_output_has_mean_beta_and_spread_abs_gamma():
    b = catalogue.batchnorm(gamma=(-2.0, 0.5, 3.0), beta=(1.0, -1.0, 0.0))
    np.testing.assert_allclose(b.out.mean(axis=0), b.beta, atol=1e-12)
    np.testing.assert_allclose(b.out.std(axis=0), np.abs(b.gamma))


def test_batchnorm_with_gamma_sigma_and_beta_mu_is_the_identity_on_its_batch():
    x = catalogue.batchnorm().x
    b = catalogue.batchnorm(gamma=x.std(axis=0), beta=x.mean(axis=0))
    np.testing.assert_allclose(b.out, b.x)


def test_softmax_at_the_highest_temperatures_is_flatter_but_not_uniform():
    # The chapter says the top class is "still well above" 1/K at the highest bar
    # temperature and only reaches it in the limit: the data must bear that out.
    sm = catalogue.softmax()
    k, top = sm.scores.size, int(np.argmax(sm.scores))
    at_high = sm.probabilities[int(np.argmax(sm.temperatures))]
    assert at_high[top] - 1 / k > 0.05
    assert np.all(np.diff(at_high[np.argsort(-sm.scores)]) < 0), "classes stay ordered by score"
    assert np.all(np.diff(sm.swept[:, top]) < 0), "the top class loses share as τ grows"
    assert np.all(sm.swept[:, top] > 1 / k)


@pytest.mark.parametrize("tau", [0.25, 1.0, 4.0])
def test_softmax_gives_the_larger_of_two_scores_the_share_e_over_e_plus_one(tau):
    # The margin's check: scores 1 and 0 at τ = 1 get e/(e+1) and 1/(e+1).
    sm = catalogue.softmax(scores=(1.0, 0.0), temperatures=(tau,))
    e = np.exp(1 / tau)
    np.testing.assert_allclose(sm.probabilities[0], [e / (e + 1), 1 / (e + 1)])
