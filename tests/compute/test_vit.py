"""The layers of tsne-layers: what represents a layer, and the claims the chapter makes."""

import numpy as np
import torch
from sklearn.neighbors import KNeighborsClassifier

from nnfig.compute import vit


def _centred_rank(x: np.ndarray) -> int:
    s = np.linalg.svd(x - x.mean(axis=0), compute_uv=False)
    return int(np.sum(s > 1e-6 * s[0]))


def test_a_layer_is_all_its_tokens_not_their_mean():
    # Any net of this shape will do, trained or not: the property is structural.
    _, _, x_te, _ = vit.digits_split(0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = vit.build_model()
    _, reps = vit.representations(model.eval(), x_te)
    assert [r.shape[1] for r in reps] == [64] + [vit.TOKENS * vit.WIDTH] * len(vit.SHOWN)
    np.testing.assert_array_equal(reps[0], x_te.reshape(len(x_te), -1))  # the raw pixels
    embedding = reps[1]
    # The flattened tokens of the patch embedding hold far more than four numbers per image …
    assert _centred_rank(embedding) > 4 * 4
    assert _centred_rank(embedding) == _centred_rank(reps[0])  # "keep the whole image"
    # … while their mean over the tokens is affine in the image's mean 2×2 patch: rank 4.
    pooled = embedding.reshape(len(x_te), vit.TOKENS, vit.WIDTH).mean(axis=1)
    assert _centred_rank(pooled) == vit.PATCH**2


def test_the_pixel_baseline_is_measured_on_the_pixels():
    res = vit.layers_tsne()
    x_tr, y_tr, x_te, y_te = vit.digits_split(0)
    flat = KNeighborsClassifier(vit.K_NEIGHBOURS).fit(x_tr.reshape(len(x_tr), -1), y_tr)
    assert res.knn_accuracy[0] == flat.score(x_te.reshape(len(x_te), -1), y_te)
    assert res.knn_accuracy[0] >= 0.95
    assert res.sizes[0] == 64
    assert res.tsne.shape == (1 + len(vit.SHOWN), vit.TEST_SIZE, 2)
    assert res.n_train + len(res.labels) == 1797  # scikit-learn's digits, all used


def test_the_chapter_story_holds_in_the_numbers():
    res = vit.layers_tsne()
    knn, means = res.knn_accuracy, res.centroid_accuracy
    # Pixel neighbours already beat the trained net, and no layer improves on them.
    assert knn[0] > res.test_accuracy >= 0.9
    assert knn[1:].max() <= knn[0]
    assert knn[1:].min() >= knn[0] - 0.05  # "about as good through the whole net"
    assert knn[1] >= knn[0] - 0.02  # the embedding: "close to the pixels"
    # What changes: the digits gather around their class means.
    assert means[-1] >= means[0] + 0.05


def test_a_layer_summarised_by_its_mean_token_looks_mixed():
    # The mean token of the embedding is an affine image of the mean 2×2 patch:
    # neighbours in those four numbers are of the right digit for few images.
    x_tr, y_tr, x_te, y_te = vit.digits_split(0)

    def mean_patch(x):
        return vit.patches(torch.tensor(x)).mean(dim=1).numpy()

    knn = KNeighborsClassifier(vit.K_NEIGHBOURS).fit(mean_patch(x_tr), y_tr)
    assert knn.score(mean_patch(x_te), y_te) < 0.5


def test_centroid_accuracy_is_the_nearest_class_mean():
    train = np.array([[0.0], [2.0], [10.0], [12.0]])
    labels = np.array([3, 3, 7, 7])  # class means 1 and 11
    test = np.array([[5.0], [7.0]])  # nearer 1, nearer 11
    assert vit.centroid_accuracy(train, labels, test, np.array([3, 7])) == 1.0
    assert vit.centroid_accuracy(train, labels, test, np.array([7, 3])) == 0.0


def test_tsne_maps_are_seeded():
    x = np.random.default_rng(0).normal(size=(120, 8))
    first = vit.tsne_maps([x, 2 * x], seed=3)
    second = vit.tsne_maps([x, 2 * x], seed=3)
    assert first.shape == (2, 120, 2)
    np.testing.assert_array_equal(first, second)
