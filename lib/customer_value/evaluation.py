"""Evaluating value: what an offer delivers to the customer, and what a customer is worth to the firm.

* Customer delivered value (顾客让渡价值, Kotler): the customer's side.
* Key-indicator method (关键指标法, profit contribution rate 利润贡献率) and comprehensive
  evaluation method (综合评价法: existing 既有, potential 潜在, influence 影响, learning 学习 value)
  of a customer's commercial value (客户商业价值, course material 001): the firm's side.
* Analytic hierarchy process (AHP, 层次分析法, Saaty 1980) to set the weights of the
  comprehensive evaluation from pairwise comparisons.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import _content
from .i18n import gettext as _
from ._validation import as_array, as_number, check_frame, check_nonnegative

__all__ = [
    "ACCEPTABLE_CONSISTENCY_RATIO", "COMPONENT_LABELS", "COST_COMPONENTS", "RANDOM_INDEX", "VALUE_COMPONENTS",
    "ahp_weights", "compare_offers", "delivered_value", "profit_contribution", "value_cost_ratio", "weighted_score",
]

#: Kotler's components of total customer value and total customer cost (Kotler & Keller,
#: *Marketing Management*, ch. "Creating customer value"; Kotler 1991).
VALUE_COMPONENTS: tuple[str, ...] = ("product", "service", "personnel", "image")
COST_COMPONENTS: tuple[str, ...] = ("monetary", "time", "energy", "psychic")
#: Bilingual labels of the components. Chinese textbooks (the 顾客让渡价值 translation of Kotler)
#: use 产品/服务/人员/形象价值 and 货币/时间/体力/精神成本: energy ↔ 体力 (精力), psychic ↔ 精神 (心理).
COMPONENT_LABELS: dict[str, str] = {
    code: f"{c['en']} {c['zh']}" for code, c in _content.load("segments")["value_components"].items()
}

#: Saaty's random consistency index RI for n = 1..10 (Saaty 1980, *The Analytic Hierarchy
#: Process*; docs/references.md: 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49
#: for n = 3..10). n = 1, 2 are always consistent.
RANDOM_INDEX: dict[int, float] = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
#: Saaty's threshold: a consistency ratio below 0.10 is acceptable.
ACCEPTABLE_CONSISTENCY_RATIO = 0.10


def _total(value: Any, name: str, components: tuple[str, ...]) -> float:
    """A non-negative number, or the sum of a mapping of named non-negative components."""
    if isinstance(value, (Mapping, pd.Series)):
        items = dict(value)
        if not items:
            raise ValueError(_("{name} has no components; expected some of {expected}").format(name=name, expected=', '.join(components)))
        unknown = [key for key in items if key not in components]
        if unknown:
            raise ValueError(_("{name} has unknown component(s) {unknown}; expected some of {expected}").format(name=name, unknown=unknown, expected=', '.join(components)))
        return sum(check_nonnegative(amount, f"{name}[{key!r}]") for key, amount in items.items())
    return check_nonnegative(value, name)


def delivered_value(total_customer_value: Any, total_customer_cost: Any) -> float:
    """Customer delivered value (顾客让渡价值) = total customer value − total customer cost.

    Kotler (Kotler & Keller, *Marketing Management*, "customer delivered value"): the total
    customer value is the sum of product, service, personnel and image value; the total
    customer cost the sum of monetary, time, energy and psychic cost. Each argument is a number
    or a mapping of those components (money or points on one common scale, ≥ 0). The customer
    is expected to choose the offer with the highest delivered value. Example (tested):
    value {product 60, service 20, personnel 10, image 10} − cost {monetary 50, time 10,
    energy 5, psychic 5} = 100 − 70 = 30.
    """
    value = _total(total_customer_value, "total_customer_value", VALUE_COMPONENTS)
    cost = _total(total_customer_cost, "total_customer_cost", COST_COMPONENTS)
    return value - cost


def value_cost_ratio(total_customer_value: Any, total_customer_cost: Any) -> float:
    """The ratio form of delivered value: total customer value / total customer cost.

    Kotler's ratio form; above 1 the offer gives the customer more than it costs. Same
    arguments as :func:`delivered_value`; the cost must be positive. Example: 100 / 70 = 1.43.
    """
    value = _total(total_customer_value, "total_customer_value", VALUE_COMPONENTS)
    cost = _total(total_customer_cost, "total_customer_cost", COST_COMPONENTS)
    if cost == 0:
        raise ValueError(_("total_customer_cost is 0: the value/cost ratio is undefined"))
    return value / cost


def compare_offers(offers: pd.DataFrame) -> pd.DataFrame:
    """Delivered value of competing offers, one row per offer.

    ``offers`` has one row per offer and one column per component (any of
    :data:`VALUE_COMPONENTS` and :data:`COST_COMPONENTS`, at least one of each, ≥ 0). Returns
    ``total_value``, ``total_cost``, ``delivered_value`` and ``value_cost_ratio`` per offer
    (Kotler's two forms), best delivered value first.
    """
    check_frame(offers, "offers", hint=_(" (one row per offer, one column per component)"))
    unknown = [c for c in offers.columns if c not in VALUE_COMPONENTS + COST_COMPONENTS]
    if unknown:
        raise ValueError(_("offers has unknown column(s) {unknown}; use {allowed}").format(unknown=unknown, allowed=VALUE_COMPONENTS + COST_COMPONENTS))
    value_columns = [c for c in offers.columns if c in VALUE_COMPONENTS]
    cost_columns = [c for c in offers.columns if c in COST_COMPONENTS]
    if not value_columns or not cost_columns:
        raise ValueError(_("offers needs at least one value column and one cost column"))
    rows = {}
    for offer, row in offers.iterrows():
        value = _total(row[value_columns], _("offer {offer!r} value").format(offer=offer), VALUE_COMPONENTS)
        cost = _total(row[cost_columns], _("offer {offer!r} cost").format(offer=offer), COST_COMPONENTS)
        rows[offer] = {
            "total_value": value,
            "total_cost": cost,
            "delivered_value": value - cost,
            "value_cost_ratio": value / cost if cost > 0 else np.inf,
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = offers.index.name
    return table.sort_values("delivered_value", ascending=False, kind="stable")


def profit_contribution(profits) -> pd.DataFrame:
    """Key-indicator method (关键指标法): each customer's profit contribution rate (利润贡献率).

    Course material 001 (客户商业价值计算: 关键指标法, 利润贡献率): contribution rate =
    customer's profit / total profit of all customers. ``profits`` (money per customer; may be
    negative for customers who cost more than they bring, a Series indexed by customer id keeps
    the ids). Returns, most profitable first: ``profit``, ``contribution_rate`` (fraction),
    ``cumulative_rate`` and ``rank``. Raises if the total profit is not positive (the rate
    would change sign or be undefined). Example (tested): profits 50, 30, 20 → 0.5, 0.3, 0.2.
    """
    index = profits.index if isinstance(profits, pd.Series) else pd.RangeIndex(len(np.atleast_1d(profits)))
    array = as_array(profits, "profits")
    total = array.sum()
    if total <= 0:
        raise ValueError(_("profits add up to {total:g}; a contribution rate needs a positive total profit").format(total=total))
    order = np.argsort(-array, kind="stable")
    rate = array[order] / total
    table = pd.DataFrame(
        {"profit": array[order], "contribution_rate": rate, "cumulative_rate": np.cumsum(rate)},
        index=index[order],
    )
    table["rank"] = np.arange(1, len(array) + 1)
    return table


def _weights(weights, names: list[str] | None) -> pd.Series | np.ndarray:
    if isinstance(weights, Mapping):
        weights = pd.Series(weights, dtype=float)
    labels = weights.index if isinstance(weights, pd.Series) else None
    array = as_array(weights, "weights")
    if (array < 0).any():
        position = int(np.flatnonzero(array < 0)[0])
        label = labels[position] if labels is not None else position
        raise ValueError(_("weights must not be negative; weight {label!r} is {weight}").format(label=label, weight=array[position]))
    if not np.isclose(array.sum(), 1.0, atol=1e-6):
        raise ValueError(
            _("weights add up to {total:.6g}, not 1: divide each weight by their sum (e.g. 40, 30, 20, 10 → 0.4, 0.3, 0.2, 0.1)").format(total=array.sum())
        )
    if labels is not None:
        series = pd.Series(array, index=labels)
        if names is not None:
            missing = [n for n in series.index if n not in names]
            if missing:
                raise ValueError(_("weights name criteria {missing} that are not columns of scores {names}").format(missing=missing, names=names))
            extra = [n for n in names if n not in series.index]
            if extra:
                raise ValueError(_("scores has column(s) {extra} with no weight").format(extra=extra))
        return series
    return array


def weighted_score(scores, weights, scale: tuple[float, float] = (0.0, 100.0)) -> pd.Series | float:
    """Comprehensive evaluation method (综合评价法): Σ weight × score per customer.

    Course material 001 (客户商业价值: 既有价值 existing, 潜在价值 potential, 影响价值 influence,
    学习价值 learning value); a weighted-sum (simple additive weighting) score, the usual form of
    the multi-criteria evaluation in Chinese CRM textbooks. ``scores``: a DataFrame with one row
    per customer and one column per criterion (or one customer's scores as a sequence);
    ``weights``: one per criterion, ≥ 0, adding up to 1 (a mapping or Series is matched to the
    columns by name, a plain sequence by position). Every score must lie on ``scale``
    (inclusive; default 0–100). Returns a Series indexed like ``scores`` (or a float for one
    customer), on the same scale. Example (tested): scores 80, 60, 70, 50 with weights 0.4, 0.3,
    0.2, 0.1 → 69.
    """
    low, high = (as_number(scale[0], "scale[0]"), as_number(scale[1], "scale[1]"))
    if low >= high:
        raise ValueError(_("scale must be (low, high) with low < high, got {scale}").format(scale=scale))
    if isinstance(scores, pd.DataFrame):
        if scores.empty:
            raise ValueError(_("scores is empty; give at least one customer and one criterion"))
        names = [str(c) for c in scores.columns]
        table = scores.copy()
        table.columns = names
        w = _weights(weights, names)
        if isinstance(w, pd.Series):
            w = w.reindex(names).to_numpy()
        elif len(w) != len(names):
            raise ValueError(_("weights has {n_weights} values but scores has {n_columns} columns {names}").format(n_weights=len(w), n_columns=len(names), names=names))
        for column in names:
            values = as_array(table[column], f"scores[{column!r}]")
            outside = (values < low) | (values > high)
            if outside.any():
                position = int(np.flatnonzero(outside)[0])
                raise ValueError(
                    _("scores[{column!r}] of customer {customer!r} is {score:g}, outside the scale {low:g}–{high:g}").format(
                        column=column, customer=table.index[position], score=values[position], low=low, high=high)
                )
        return pd.Series(table.to_numpy(dtype=float) @ w, index=table.index, name="weighted_score")
    values = as_array(scores, "scores")
    w = _weights(weights, None)
    w = w.to_numpy() if isinstance(w, pd.Series) else w
    if len(w) != len(values):
        raise ValueError(_("weights has {n_weights} values but scores has {n_scores}").format(n_weights=len(w), n_scores=len(values)))
    outside = (values < low) | (values > high)
    if outside.any():
        position = int(np.flatnonzero(outside)[0])
        raise ValueError(_("scores[{position}] is {score:g}, outside the scale {low:g}–{high:g}").format(position=position, score=values[position], low=low, high=high))
    return float(values @ w)


def ahp_weights(pairwise) -> tuple[pd.Series | np.ndarray, float]:
    """Weights from a pairwise comparison matrix by AHP, and Saaty's consistency ratio.

    Saaty (1980), *The Analytic Hierarchy Process*: entry a_ij says how many times more
    important criterion i is than j (1–9 scale), with a_ji = 1/a_ij. The weights are the
    principal (Perron) eigenvector normalised to sum 1; λ_max its eigenvalue; consistency index
    CI = (λ_max − n)/(n − 1); consistency ratio CR = CI / RI(n) with Saaty's random index
    (:data:`RANDOM_INDEX`). CR < 0.10 is acceptable; a perfectly consistent matrix
    (a_ij = w_i / w_j) gives CR = 0 and returns w exactly. A DataFrame keeps its labels
    (weights as a Series). Worked example (tested): [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]] →
    weights 0.637, 0.258, 0.105, λ_max 3.039, CR 0.033.
    """
    labels = None
    if isinstance(pairwise, pd.DataFrame):
        labels = pairwise.index
        if list(pairwise.index) != list(pairwise.columns):
            raise ValueError(_("pairwise must have the same labels, in the same order, on rows and columns"))
        pairwise = pairwise.to_numpy()
    try:
        raw = np.asarray(pairwise, dtype=object)
    except (TypeError, ValueError) as exc:
        raise ValueError(_("pairwise must be a square matrix of numbers: {exc}").format(exc=exc)) from None
    if raw.ndim != 2:
        raise ValueError(_("pairwise must be a square matrix, got shape {shape}").format(shape=raw.shape))
    matrix = as_array(raw.ravel(), "pairwise (entries row by row)", allow_empty=True).reshape(raw.shape)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] == 0:
        raise ValueError(_("pairwise must be a square matrix, got shape {shape}").format(shape=matrix.shape))
    n = matrix.shape[0]
    if n > max(RANDOM_INDEX):
        raise ValueError(_("pairwise compares {n} criteria; Saaty's random index is tabulated up to {largest}").format(n=n, largest=max(RANDOM_INDEX)))
    if not np.isfinite(matrix).all():
        raise ValueError(_("pairwise has a missing or infinite entry"))
    if (matrix <= 0).any():
        i, j = np.argwhere(matrix <= 0)[0]
        raise ValueError(_("pairwise entries must be positive; entry ({i}, {j}) is {value:g}").format(i=i, j=j, value=matrix[i, j]))
    if not np.allclose(np.diag(matrix), 1.0):
        raise ValueError(_("pairwise must have 1 on the diagonal (each criterion is as important as itself)"))
    product = matrix * matrix.T
    if not np.allclose(product, 1.0, rtol=1e-3):
        i, j = np.argwhere(~np.isclose(product, 1.0, rtol=1e-3))[0]
        raise ValueError(
            _("pairwise is not reciprocal: entry ({i}, {j}) is {value:g} but ({j}, {i}) is {reverse:g}, expected {expected:g}").format(
                i=i, j=j, value=matrix[i, j], reverse=matrix[j, i], expected=1 / matrix[i, j])
        )
    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    ratio = 0.0 if RANDOM_INDEX[n] == 0 else max(0.0, (lambda_max - n) / (n - 1)) / RANDOM_INDEX[n]
    if ratio < 1e-12:
        ratio = 0.0
    if labels is not None:
        return pd.Series(weights, index=labels, name="weight"), ratio
    return weights, ratio
