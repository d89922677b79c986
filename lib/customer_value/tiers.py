"""Concentration of value across customers: Pareto (80/20) table, ABC classes, Lorenz curve, Gini."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _content
from .i18n import gettext as _
from ._validation import as_array, as_number, check_fraction, index_of

__all__ = [
    "PYRAMID_TIERS", "VALUE_CLASSES", "VALUE_QUADRANTS", "abc_classes", "customer_pyramid", "gini", "lorenz_curve",
    "pareto_table", "top_share", "value_matrix", "value_quadrants",
]


def _values(values) -> tuple[np.ndarray, pd.Index]:
    array = as_array(values, "values")
    index = index_of(values, "values")
    if (array < 0).any():
        position = int(np.flatnonzero(array < 0)[0])
        raise ValueError(_("values must not be negative; value {label!r} is {value}").format(label=index[position], value=array[position]))
    if array.sum() == 0:
        raise ValueError(_("values are all 0: there is no value to share out"))
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
        raise ValueError(_("a_share ({a}) must not exceed b_share ({b})").format(a=a, b=b))
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
    array, _index = _values(values)
    count = max(1, int(round(fraction * len(array))))
    return float(np.sort(array)[::-1][:count].sum() / array.sum())


def lorenz_curve(values) -> pd.DataFrame:
    """Points of the Lorenz curve: ``customer_share`` (poorest first) and ``value_share``.

    Starts at (0, 0) and ends at (1, 1); the further it sags below the diagonal, the more
    concentrated value is (Lorenz 1905).
    """
    array, _index = _values(values)
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
    array, _index = _values(values)
    ascending = np.sort(array)
    n = len(ascending)
    i = np.arange(1, n + 1)
    return max(0.0, float(np.sum((2 * i - n - 1) * ascending) / (n * ascending.sum())))  # no -1e-17 noise


def abc_classes(values, a_share: float = 0.80, b_share: float = 0.95) -> pd.Series:
    """ABC class of each customer, in the order given (for the seed's "30 typical customers").

    Course material 003 (技能训练2-7: classify typical customers into A, B, C by value) with the
    classes of :func:`pareto_table`: sort by value, A while the cumulative share of *value*
    is ≤ ``a_share`` (80 %), B while ≤ ``b_share`` (95 %), C the rest. The cut is on the
    cumulative value share, not on the count of customers. ``values`` (≥ 0) may be a total
    spend, a profit or a comprehensive score; a Series keeps its index.
    """
    table = pareto_table(values, a_share, b_share)
    index = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(table))
    return table["abc_class"].reindex(index).rename("abc_class")


_SEGMENTS = _content.load("segments")

#: Tiers of the customer pyramid (Zeithaml, Rust & Lemon 2001), most profitable first.
#: English ``who`` and ``strategy`` (their Chinese is content data: ``who_zh``, ``strategy_zh`` in segments.json).
PYRAMID_TIERS: dict[str, dict[str, str]] = {
    code: {key: t[key] for key in ("zh", "who", "strategy")} for code, t in _SEGMENTS["pyramid_tiers"].items()
}


def customer_pyramid(
    profits, platinum_share: float = 0.05, gold_share: float = 0.15, lead_below: float = 0.0
) -> pd.Series:
    """Customer pyramid tier (platinum, gold, iron, lead) of each customer, in the order given.

    Zeithaml, Rust & Lemon (2001), "The customer pyramid: creating and serving profitable
    customers", *California Management Review* 43(4): customers ranked by profitability into
    platinum, gold, iron and lead. The paper fixes no percentages, so we choose (parameters):
    platinum = the most profitable ``platinum_share`` of customers (5 %), gold = the next
    ``gold_share`` (15 %, so the top two tiers are the top 20 % of the 80/20 rule), lead = every
    customer whose profit is below ``lead_below`` (0: they cost money, the paper's definition),
    iron = the rest. A customer with a loss is lead even if ranked high. ``profits`` is money
    per customer (may be negative); the number in a share is round(share × n).
    """
    platinum_fraction = check_fraction(platinum_share, "platinum_share")
    gold_fraction = check_fraction(gold_share, "gold_share")
    if platinum_fraction + gold_fraction > 1:
        raise ValueError(_("platinum_share + gold_share is {value:g}, more than 1").format(value=platinum_fraction + gold_fraction))
    array = as_array(profits, "profits")
    index = index_of(profits, "profits")
    threshold = as_number(lead_below, "lead_below")
    n = len(array)
    rank = np.empty(n, dtype=int)
    rank[np.argsort(-array, kind="stable")] = np.arange(n)
    n_platinum = int(round(platinum_fraction * n))
    n_gold = int(round((platinum_fraction + gold_fraction) * n))
    tier = np.where(rank < n_platinum, "platinum", np.where(rank < n_gold, "gold", "iron")).astype(object)
    tier[array < threshold] = "lead"
    return pd.Series(tier, index=index, name="pyramid_tier")


#: The six classes of the current × future value matrix (course material 003, 客户的分级与管理,
#: 图2-2), each with (current value, future value), the seed's meaning and strategy.
VALUE_CLASSES: dict[str, dict[str, str]] = {code: dict(c) for code, c in _SEGMENTS["value_classes"].items()}


def value_matrix(
    current_value,
    future_value,
    current_threshold: float | None = None,
    future_thresholds: tuple[float, float] | None = None,
) -> pd.Series:
    """Class A–F of each customer by current value (high/low) × future value (high/medium/low).

    Course material 003 (任务四 二、客户的分级与管理, 图2-2 "根据客户的目前价值和未来价值进行
    分类"). The seed describes the six classes but its figure is lost, so the cells are our
    reading of the descriptions (see :data:`VALUE_CLASSES`):

    ============  ===========  =============  ==========
    current \\ future  high       medium          low
    ============  ===========  =============  ==========
    high          A 首要客户   C 核心客户     D 生命周期将尽
    low           B 有潜力     E 低级客户     F 无吸引力
    ============  ===========  =============  ==========

    Why: A is "the first customers, keep at all costs" (high on both); F "unattractive,
    withdraw" (low on both); B "considerable potential" must be high-future; D "near the end of
    its life cycle" can only be a customer worth something now with little future; C "core
    customers, increase investment gradually" ranks above E "low-grade, scale back", so C takes
    the high-current medium-future cell and E the low-current one.

    Thresholds (parameters): current value is high when ≥ ``current_threshold`` (default: the
    mean, as in the usual current × potential value matrix); future value is high when ≥
    ``future_thresholds[1]``, medium when ≥ ``future_thresholds[0]``, low otherwise (default: the
    1/3 and 2/3 quantiles, so each future level holds about a third of the customers). Values
    are money or scores (any sign), one per customer; a Series keeps its index.
    """
    current = as_array(current_value, "current_value")
    future = as_array(future_value, "future_value")
    current_index = index_of(current_value, "current_value") if isinstance(current_value, pd.Series) else None
    if isinstance(future_value, pd.Series):
        index_of(future_value, "future_value")
    if len(current) != len(future):
        raise ValueError(_("current_value has {n_current} values but future_value has {n_future}").format(n_current=len(current), n_future=len(future)))
    if isinstance(future_value, pd.Series) and current_index is not None and not future_value.index.equals(current_index):
        raise ValueError(_("current_value and future_value must have the same index (the same customers in the same order)"))
    index = current_index if current_index is not None else (
        future_value.index if isinstance(future_value, pd.Series) else pd.RangeIndex(len(current))
    )
    cut = float(np.mean(current)) if current_threshold is None else as_number(current_threshold, "current_threshold")
    if future_thresholds is None:
        low_cut, high_cut = (float(q) for q in np.quantile(future, [1 / 3, 2 / 3]))
    else:
        if len(future_thresholds) != 2:
            raise ValueError(_("future_thresholds must be (medium_from, high_from), got {future_thresholds!r}").format(future_thresholds=future_thresholds))
        low_cut = as_number(future_thresholds[0], "future_thresholds[0]")
        high_cut = as_number(future_thresholds[1], "future_thresholds[1]")
        if low_cut > high_cut:
            raise ValueError(_("future_thresholds must be increasing (medium_from ≤ high_from), got {future_thresholds!r}").format(future_thresholds=future_thresholds))
    high_now = current >= cut
    level = np.where(future >= high_cut, "high", np.where(future >= low_cut, "medium", "low"))
    lookup = {(v["current"], v["future"]): k for k, v in VALUE_CLASSES.items()}
    classes = [lookup[("high" if h else "low", f)] for h, f in zip(high_now, level)]
    return pd.Series(classes, index=index, name="value_class")


#: The four cells of the current × potential value quadrant (a common Chinese textbook matrix).
VALUE_QUADRANTS: dict[tuple[str, str], str] = {
    (q["current"], q["potential"]): f"{q['zh']} {q['en']}" for q in _SEGMENTS["value_quadrants"]
}


def value_quadrants(current_value, potential_value) -> pd.Series:
    """Current × potential value quadrant of each customer, each split at its mean.

    The two-by-two customer value matrix of Chinese CRM textbooks (current value 当前价值 ×
    potential value 潜在价值, high when ≥ the mean). Worked example (docs/references.md, tested):
    current 78, 87, 69, 74 (mean 77), potential 80, 55, 62, 75 (mean 68) → 价值客户,
    次价值客户, 低价值客户, 潜在价值客户.
    """
    current = as_array(current_value, "current_value")
    potential = as_array(potential_value, "potential_value")
    if len(current) != len(potential):
        raise ValueError(_("current_value has {n_current} values but potential_value has {n_potential}").format(n_current=len(current), n_potential=len(potential)))
    index = index_of(current_value, "current_value")
    now = np.where(current >= current.mean(), "high", "low")
    later = np.where(potential >= potential.mean(), "high", "low")
    return pd.Series([VALUE_QUADRANTS[(a, b)] for a, b in zip(now, later)], index=index, name="value_quadrant")
