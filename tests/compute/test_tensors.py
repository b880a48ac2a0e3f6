"""Tensors of the tensors chapter: the batch through the small net, and the image data."""

import numpy as np
import pytest

from nnfig.compute import small_net, tensors


def test_batch_uses_the_small_net_itself():
    t = tensors.batch_tensors()
    assert t["W1"] is small_net.W1 and t["W2"] is small_net.W2  # the same arrays, not copies
    assert t["b1"] is small_net.b1 and t["b2"] is small_net.b2


def test_batch_shapes_and_values():
    t = tensors.batch_tensors()
    n = len(tensors.BATCH)
    assert n == 3
    assert {k: t[k].shape for k in ("X", "Z", "H", "Z3", "Y")} == {
        "X": (n, 2),
        "Z": (n, 2),
        "H": (n, 2),
        "Z3": (n, 1),
        "Y": (n, 1),
    }
    np.testing.assert_array_equal(t["Z"], tensors.BATCH @ small_net.W1.T + small_net.b1)
    np.testing.assert_array_equal(t["H"], np.maximum(t["Z"], 0))
    np.testing.assert_array_equal(t["Y"][:, 0], (t["Z3"][:, 0] > 0).astype(float))
    # The batch shows both classes and a unit switched off by the relu.
    assert set(t["Y"][:, 0]) == {0.0, 1.0} and (t["H"] == 0).any()


def test_photo_is_a_small_uint8_image():
    img = tensors.photo("china.jpg", 14)
    assert img.shape == (14, 14, 3) and img.dtype == np.uint8
    assert img.std() > 20, "the crop should show structure, not a flat patch of sky"


def test_photo_rejects_unknown_names():
    with pytest.raises(ValueError, match="name"):
        tensors.photo("lena.png", 8)


def test_dataset_is_real_digits_with_one_hot_labels():
    from sklearn.datasets import load_digits

    d = tensors.dataset()
    n = len(d.x)
    assert d.x.shape == (n, 8, 8, 1) and d.x.dtype == np.uint8  # N × H × W × C, channels last
    assert d.y.shape == (n, 10) and d.classes == [str(k) for k in range(10)]
    np.testing.assert_array_equal(d.y.sum(axis=1), 1)
    assert d.x.max() == d.levels == 16 and d.x.min() == 0
    # Each image is one of scikit-learn's digits, and its row of Y names that digit's class.
    digits = load_digits()
    for image, label in zip(d.x[..., 0], d.y.argmax(axis=1), strict=True):
        match = np.flatnonzero((digits.images == image).all(axis=(1, 2)))
        assert match.size and label in digits.target[match]
    assert len(set(d.y.argmax(axis=1))) == n, "the book's figure shows different digits"


def test_dataset_is_seeded():
    a, b = tensors.dataset(seed=3), tensors.dataset(seed=3)
    np.testing.assert_array_equal(a.x, b.x)
    assert not np.array_equal(a.x, tensors.dataset(seed=4).x)


def test_dataset_rejects_bad_sizes():
    with pytest.raises(ValueError, match="n_images"):
        tensors.dataset(n_images=0)
