"""Argument checks that name the offending parameter.

Every figure parameter is checked for type and range before any work is done:
a wrong type raises TypeError, a value out of range ValueError, and the message
names the parameter. Upper limits keep a figure readable and its render quick.
"""

import math
from numbers import Integral, Real

import numpy as np

#: The largest magnitude accepted for real-valued parameters (scores, weights, …).
BOUND = 1e3


def integer(name: str, value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return int(value)


def real(name: str, value, *, positive: bool = False, bound: float = BOUND) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    if abs(value) > bound:
        raise ValueError(f"{name} must be at most {bound:g} in size, got {value}")
    return float(value)


def seed(value) -> int:
    return integer("seed", value, minimum=0, maximum=2**32 - 1)


def vector(
    name: str,
    value,
    *,
    length: int | None = None,
    max_length: int = 16,
    positive: bool = False,
    bound: float = BOUND,
) -> np.ndarray:
    """A non-empty, finite 1-D sequence of real numbers."""
    if isinstance(value, str | bytes) or not hasattr(value, "__len__"):
        raise TypeError(f"{name} must be a sequence of numbers, got {type(value).__name__}")
    if any(isinstance(v, bool | str | bytes) for v in value):
        raise TypeError(f"{name} must contain only numbers")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must contain only numbers") from None
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence")
    if length is not None and arr.size != length:
        raise ValueError(f"{name} must have {length} entries, got {arr.size}")
    if arr.size > max_length:
        raise ValueError(f"{name} must have at most {max_length} entries, got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers")
    if positive and np.any(arr <= 0):
        raise ValueError(f"{name} must contain only positive numbers")
    if np.any(np.abs(arr) > bound):
        raise ValueError(f"{name} entries must be at most {bound:g} in size")
    return arr


def interval(name: str, value) -> tuple[float, float]:
    lo, hi = vector(name, value, length=2)
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got ({lo}, {hi})")
    return float(lo), float(hi)


def sizes(
    name: str,
    value,
    *,
    minimum: int = 1,
    maximum: int = 12,
    min_length: int = 1,
    max_length: int = 8,
) -> list[int]:
    """A sequence of integers (layer widths, counts), each in [minimum, maximum]."""
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a sequence of integers, got {type(value).__name__}")
    items = list(value)
    if not min_length <= len(items) <= max_length:
        raise ValueError(f"{name} must have {min_length} to {max_length} entries, got {len(items)}")
    return [
        integer(f"{name}[{i}]", v, minimum=minimum, maximum=maximum) for i, v in enumerate(items)
    ]
