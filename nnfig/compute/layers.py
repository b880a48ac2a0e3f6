"""The layers of the catalogue chapter as plain numpy functions.

Conventions: a batch is an array whose first axis indexes datapoints and whose
last axis indexes units (channels); pointwise layers accept any shape.
"""

import numpy as np


def linear(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """x_out = W x_in + b for every row of ``x`` (shape N × C_in → N × C_out)."""
    return np.asarray(x, dtype=float) @ np.asarray(W, dtype=float).T + np.asarray(b, dtype=float)


def threshold(x: np.ndarray) -> np.ndarray:
    """1 where x > 0, else 0 (the perceptron's activation; g(0) = 0)."""
    return (np.asarray(x) > 0).astype(float)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^(−x)), computed without overflow for large |x|."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def tanh(x: np.ndarray) -> np.ndarray:
    """Hyperbolic tangent; equal to 2·sigmoid(2x) − 1 (the tests check it)."""
    return np.tanh(np.asarray(x, dtype=float))


def relu(x: np.ndarray) -> np.ndarray:
    """max(x, 0), element by element."""
    return np.maximum(np.asarray(x, dtype=float), 0.0)


def batchnorm(
    x: np.ndarray,
    gamma: np.ndarray | float = 1.0,
    beta: np.ndarray | float = 0.0,
    eps: float = 1e-5,
) -> np.ndarray:
    """Standardize every unit over the batch (axis 0), then scale by γ and shift by β.

    The variance is the biased one (divide by N), as in training-mode batch norm.
    """
    x = np.asarray(x, dtype=float)
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def l2_normalize(x: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    """x / ‖x‖₂ along the last axis: every vector lands on the unit sphere."""
    x = np.asarray(x, dtype=float)
    norm = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.maximum(norm, eps)


def softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """exp(x_i / τ) / Σ_k exp(x_k / τ) along the last axis.

    A larger score gets a larger probability; τ → 0 approaches a one-hot
    argmax and τ → ∞ the uniform distribution.
    """
    if not temperature > 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    z = np.asarray(x, dtype=float) / temperature
    z = z - z.max(axis=-1, keepdims=True)  # same result, no overflow
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def image_output(x: np.ndarray) -> np.ndarray:
    """255·sigmoid(x): real-valued activations to the pixel range (0, 255)."""
    return 255.0 * sigmoid(x)


def to_pixels(x: np.ndarray) -> np.ndarray:
    """Round the output of :func:`image_output` to 8-bit pixel values."""
    return np.clip(np.rint(image_output(x)), 0, 255).astype(np.uint8)
