"""The bundled data read without scikit-learn is scikit-learn's own."""

import numpy as np
import pytest
from sklearn.datasets import load_digits, load_sample_image

from nnfig.compute import bundled


def test_digits_are_load_digits():
    images, labels = bundled.digits()
    expected = load_digits()
    np.testing.assert_array_equal(images, expected.images)
    np.testing.assert_array_equal(labels, expected.target)
    assert images.dtype == expected.images.dtype and labels.dtype == expected.target.dtype


@pytest.mark.parametrize("name", ["china.jpg", "flower.jpg"])
def test_sample_image_is_load_sample_image(name):
    image = bundled.sample_image(name)
    np.testing.assert_array_equal(image, load_sample_image(name))
    assert image.dtype == np.uint8 and image.shape[2] == 3
