"""Input checks shared by the value models.

Every check raises ``ValueError`` naming the argument and the offending value, so a
student sees *which* input is wrong instead of getting a silently wrong number.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

import numpy as np


def as_number(value: Any, name: str) -> float:
    """Return ``value`` as a finite float, or raise ``ValueError`` naming ``name``."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a number, got the boolean {value!r}")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not isinstance(value, (Real, np.number)):
        raise ValueError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} is NaN; give a number")
    if math.isinf(number):
        raise ValueError(f"{name} must be finite, got {number}")
    return number


def as_array(values: Any, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return a 1-D float array of finite values (lists, arrays, Series accepted)."""
    if isinstance(values, (str, bytes)):
        raise ValueError(f"{name} must be a sequence of numbers, got the string {values!r}")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must contain only numbers: {exc}") from None
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty; give at least one value")
    bad = ~np.isfinite(array)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name} has a missing or infinite value at position {position}: {array[position]}")
    return array


def check_nonnegative(value: float, name: str) -> float:
    """Raise unless ``value`` ≥ 0 (money amounts, counts, people)."""
    number = as_number(value, name)
    if number < 0:
        raise ValueError(f"{name} must not be negative, got {number}")
    return number


def check_fraction(value: float, name: str) -> float:
    """Raise unless 0 ≤ ``value`` ≤ 1 (shares such as a margin or a conversion rate)."""
    number = as_number(value, name)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} must be a fraction between 0 and 1 (0.2 = 20 %), got {number}")
    return number


def check_retention(value: float, name: str = "retention") -> float:
    """Raise unless 0 ≤ ``value`` < 1: a retention rate of 1 means nobody ever leaves."""
    number = as_number(value, name)
    if not 0.0 <= number < 1.0:
        raise ValueError(
            f"{name} must be a fraction in [0, 1) (0.8 = 80 % of customers stay), got {number}"
        )
    return number


def check_discount_rate(value: float, name: str = "discount_rate") -> float:
    """Raise unless ``value`` > −1 (a rate per period, 0.1 = 10 %)."""
    number = as_number(value, name)
    if number <= -1.0:
        raise ValueError(f"{name} must be greater than -1 (0.1 = 10 % per period), got {number}")
    if number > 10:
        raise ValueError(
            f"{name} is {number}, i.e. {number:.0%} per period; give rates as fractions (0.1 = 10 %)"
        )
    return number


def check_periods(value: Any, name: str = "periods") -> int:
    """Raise unless ``value`` is a whole number of periods ≥ 1."""
    number = as_number(value, name)
    if number < 1:
        raise ValueError(f"{name} must be at least 1, got {value!r}")
    if number != int(number):
        raise ValueError(f"{name} must be a whole number of periods, got {value!r}")
    return int(number)


def check_choice(value: str, name: str, choices: tuple[str, ...]) -> str:
    """Raise unless ``value`` is one of ``choices``."""
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value
