"""Concentration of value across customers: Pareto (80/20) table, ABC classes, Lorenz curve, Gini."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validation import as_array, check_fraction


def _values(values) -> tuple[np.ndarray, pd.Index]:
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(np.atleast_1d(values)))
    array = as_array(values, "values")
    if (array < 0).any():
        position = int(np.flatnonzero(array < 0)[0])
        raise ValueError(f"values must not be negative; value {index[position]!r} is {array[position]}")
    if array.sum() == 0:
        raise ValueError("values are all 0: there is no value to share out")
    return array, index


def pareto_table(values, a_share: float = 0.80, b_share: float = 0.95) -> pd.DataFrame:
    """Customers sorted by value, with their share, cumulative share and ABC class.

    The 80/20 (Pareto) rule and ABC analysis (course material 002, 二八法则): customers are
    sorted from most to least valuable; ``cumulative_share`` is the share of all value brought
    by this customer and every more valuable one; ``customer_share`` is the share of customers
    so far. Class A: cumulative share ≤ ``a_share`` (80 %), B: ≤ ``b_share`` (95 %), C: the
    rest. ``values`` (money, ≥ 0) may be a Series indexed by customer id.
    """
    a = check_fraction(a_share, "a_share")
    b = check_fraction(b_share, "b_share")
    if a > b:
        raise ValueError(f"a_share ({a}) must not exceed b_share ({b})")
    array, index = _values(values)
    order = np.argsort(-array, kind="stable")
    sorted_values = array[order]
    share = sorted_values / sorted_values.sum()
    cumulative = np.cumsum(share)
    table = pd.DataFrame(
        {
            "value": sorted_values,
            "share": share,
            "cumulative_share": cumulative,
            "customer_share": np.arange(1, len(array) + 1) / len(array),
            "abc_class": np.where(cumulative <= a + 1e-12, "A", np.where(cumulative <= b + 1e-12, "B", "C")),
        },
        index=index[order],
    )
    table.insert(0, "rank", np.arange(1, len(array) + 1))
    return table


def top_share(values, top: float = 0.20) -> float:
    """Share of all value brought by the most valuable ``top`` share of customers (0.2 = 20 %).

    The number of top customers is round(top × n), at least 1. The 80/20 rule says ≈ 0.8.
    """
    fraction = check_fraction(top, "top")
    array, _ = _values(values)
    count = max(1, int(round(fraction * len(array))))
    return float(np.sort(array)[::-1][:count].sum() / array.sum())


def lorenz_curve(values) -> pd.DataFrame:
    """Points of the Lorenz curve: ``customer_share`` (poorest first) and ``value_share``.

    Starts at (0, 0) and ends at (1, 1); the further it sags below the diagonal, the more
    concentrated value is (Lorenz 1905).
    """
    array, _ = _values(values)
    ascending = np.sort(array)
    return pd.DataFrame(
        {
            "customer_share": np.arange(len(array) + 1) / len(array),
            "value_share": np.concatenate([[0.0], np.cumsum(ascending) / ascending.sum()]),
        }
    )


def gini(values) -> float:
    """Gini coefficient of value across customers: 0 = all equal, → 1 = one customer has all.

    G = Σ_i (2i − n − 1)·x_(i) / (n·Σx), values sorted ascending, i = 1..n (the mean-difference
    form; Gini 1912). Equals 1 − 2 × the area under the Lorenz curve (trapezoids).
    """
    array, _ = _values(values)
    ascending = np.sort(array)
    n = len(ascending)
    i = np.arange(1, n + 1)
    return max(0.0, float(np.sum((2 * i - n - 1) * ascending) / (n * ascending.sum())))  # no -1e-17 noise
