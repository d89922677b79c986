"""Closed-form customer lifetime value (CLV, 客户终身价值).

Money is in the data's currency (yuan in the course's examples), rates are fractions per
period (0.1 = 10 %), and periods are whole periods (weeks, years …) of the caller's choice.
"""

from __future__ import annotations

from typing import Literal, Union

import numpy as np
import pandas as pd

from .i18n import gettext as _
from ._validation import (
    as_array,
    as_number,
    check_choice,
    check_discount_rate,
    check_fraction,
    check_nonnegative,
    check_periods,
    check_retention,
)

__all__ = [
    "FIRST_MARGIN_FORMS", "break_even_acquisition_cost", "discount_factors", "discounted_clv",
    "FirstMargin", "margin_multiple", "retention_clv", "retention_value_gain", "simple_clv", "word_of_mouth",
]

ArrayLike = Union[float, int, list, tuple, np.ndarray, pd.Series]
FirstMargin = Literal["after_retention", "immediately", "end_of_first_period"]
FIRST_MARGIN_FORMS: tuple[str, ...] = ("after_retention", "immediately", "end_of_first_period")


def simple_clv(
    avg_purchase: float, purchases_per_period: float, periods: int, margin: float = 1.0
) -> float:
    """Undiscounted ("narrow", 狭义) lifetime value, in money.

    CLV = avg_purchase × purchases_per_period × periods × margin

    The sum of what the customer spends (or, with ``margin`` < 1, earns the firm) while the
    relationship lasts, with no discounting. Source: course material 001 (狭义客户终身价值:
    关系存续期间所产生的现金流价值总和) and the KFC exercise of 实训1 技能训练1-2 (course material 000; docs/references.md):
    ``simple_clv(50, 52, 10) == 26000`` yuan (50 yuan a week, 52 weeks a year, 10 years).

    avg_purchase: money per purchase (≥ 0); purchases_per_period: purchases per period (≥ 0);
    periods: whole periods (≥ 1); margin: share of spend that is profit, 0–1 (1 = count sales).
    """
    spend = check_nonnegative(avg_purchase, "avg_purchase")
    frequency = check_nonnegative(purchases_per_period, "purchases_per_period")
    n_periods = check_periods(periods)
    share = check_fraction(margin, "margin")
    return float(spend * frequency * n_periods * share)


def discount_factors(discount_rate: float, periods: int, timing: str = "end") -> np.ndarray:
    """Factors 1/(1 + d)^t for each of ``periods`` periods (t = 1..n, or 0..n−1 with "begin")."""
    rate = check_discount_rate(discount_rate)
    n_periods = check_periods(periods)
    check_choice(timing, "timing", ("end", "begin"))
    exponents = np.arange(n_periods) + (1 if timing == "end" else 0)
    return (1.0 + rate) ** -exponents.astype(float)


def discounted_clv(cash_flows: ArrayLike, discount_rate: float, timing: str = "end") -> float:
    """Present value of per-period cash flows ("broad", 广义 CLV), in money.

    CLV = Σ_t CF_t / (1 + d)^t,  t = 1..n for ``timing="end"`` (each flow arrives at the end
    of its period), t = 0..n−1 for ``timing="begin"`` (the first flow is not discounted).

    Source: course material 001 (广义客户终身价值: 所有价值折现的总和); Berger & Nasr (1998),
    "Customer lifetime value: marketing models and applications", J. Interactive Marketing
    12(1). Cash flows are profits per period and may be negative (a loss-making year); they
    must be finite. discount_rate: per period, as a fraction (> −1).
    """
    flows = as_array(cash_flows, "cash_flows")
    factors = discount_factors(discount_rate, len(flows), timing)
    return float(np.dot(flows, factors))


def _broadcast_check(values: ArrayLike, name: str, check) -> tuple[np.ndarray, bool]:
    """Validate a scalar or array elementwise; return (array, was_scalar)."""
    if np.ndim(values) == 0:
        return np.asarray(check(values, name), dtype=float), True
    array = as_array(values, name)
    for item in array:
        check(item, name)
    return array, False


def margin_multiple(retention: ArrayLike, discount_rate: ArrayLike) -> float | np.ndarray:
    """The margin multiple r / (1 + i − r): lifetime value in units of one period's margin.

    Source: Gupta & Lehmann (2003), "Customers as assets", J. Interactive Marketing 17(1),
    table 2 (e.g. r = 80 %, i = 12 % → 2.50; r = 90 %, i = 10 % → 4.50). Accepts scalars or
    arrays: two sequences give the whole table (rows = retention rates, columns = discount
    rates); a scalar with a sequence gives one row or column; two scalars give a float.
    retention: fraction in [0, 1); discount_rate: fraction per period (> −1, and > r − 1).
    """
    r, r_scalar = _broadcast_check(retention, "retention", check_retention)
    i, i_scalar = _broadcast_check(discount_rate, "discount_rate", check_discount_rate)
    if not (r_scalar or i_scalar):
        r = r.reshape(-1, 1)
    r, i = np.broadcast_arrays(r, i)
    _check_converges(r, i)
    result = r / (1.0 + i - r)
    return float(result) if r_scalar and i_scalar else result


def _check_converges(retention: np.ndarray, discount_rate: np.ndarray) -> None:
    bad = retention >= 1.0 + discount_rate
    if np.any(bad):
        where = np.argwhere(np.atleast_1d(bad))[0]
        r = np.atleast_1d(retention)[tuple(where)]
        d = np.atleast_1d(discount_rate)[tuple(where)]
        raise ValueError(
            _("retention ({r}) must be below 1 + discount_rate ({limit}); otherwise the infinite-horizon value does not converge").format(r=r, limit=1 + d)
        )


def retention_clv(
    margin: float,
    retention: float,
    discount_rate: float,
    periods: int | None = None,
    acquisition_cost: float = 0.0,
    first_margin: FirstMargin = "after_retention",
) -> float:
    """Lifetime value of a customer with a constant margin and retention rate, in money.

    Three forms are published; they differ only in when the first margin arrives
    (Fader & Hardie 2012, "Reconciling and clarifying CLV formulas", note 024):

    * ``first_margin="after_retention"`` (default; Gupta & Lehmann 2003; Kotler & Keller):
      margins at the end of each period, only if the customer was retained first,
      Σ_{t=1..n} m·r^t/(1+d)^t → m·r/(1+d−r) as n → ∞.
    * ``"immediately"`` (Blattberg, Kim & Neslin 2008): a margin today, undiscounted, then one
      a period while retained, Σ_{t=0..n−1} m·r^t/(1+d)^t → m·(1+d)/(1+d−r).
    * ``"end_of_first_period"`` (Ofek 2002): the first margin is certain but arrives at the end
      of period 1, Σ_{t=1..n} m·r^(t−1)/(1+d)^t → m/(1+d−r).

    For m = 100, r = 0.8, d = 0.12 they give 250, 350 and 312.50. ``periods=None`` is the
    infinite horizon; otherwise ``periods`` margins are summed. ``acquisition_cost`` (money,
    paid today) is subtracted. margin: money per period (≥ 0); retention in [0, 1);
    discount_rate per period (> −1, and 1 + d > r for the infinite horizon).
    """
    m = check_nonnegative(margin, "margin")
    r = check_retention(retention)
    d = check_discount_rate(discount_rate)
    cost = check_nonnegative(acquisition_cost, "acquisition_cost")
    check_choice(first_margin, "first_margin", FIRST_MARGIN_FORMS)
    if periods is None:
        _check_converges(np.asarray(r), np.asarray(d))
        numerator = {"after_retention": r, "immediately": 1.0 + d, "end_of_first_period": 1.0}
        return float(m * numerator[first_margin] / (1.0 + d - r) - cost)
    n = check_periods(periods)
    t = np.arange(n, dtype=float)
    if first_margin == "after_retention":
        terms = (r / (1.0 + d)) ** (t + 1)
    elif first_margin == "immediately":
        terms = (r / (1.0 + d)) ** t
    else:
        terms = (r / (1.0 + d)) ** t / (1.0 + d)
    return float(m * terms.sum() - cost)


def word_of_mouth(
    value_per_customer: float,
    told_if_satisfied: float = 5,
    told_if_dissatisfied: float = 10,
    conversion: float = 0.2,
    dissatisfied_customer_leaves: bool = True,
) -> pd.DataFrame:
    """The KFC dynamic analysis (表1-6 肯德基客户价值动态分析): what one customer's word of mouth is worth.

    Source: 实训1 技能训练1-2 (course material 000; docs/references.md): a satisfied customer tells 5 people, a dissatisfied
    one tells 10, and 20 % of the listeners become (or stop being) loyal customers.
    Per scenario (index ``satisfied`` / ``dissatisfied``):

    * ``people_told`` = people the customer tells;
    * ``customers_changed`` = people_told × conversion (+ won, − lost);
    * ``word_of_mouth_value`` = customers_changed × value_per_customer;
    * ``own_value`` = the customer's own lifetime value: + for a satisfied customer who stays;
      for a dissatisfied one −value_per_customer if ``dissatisfied_customer_leaves`` (the
      default: the unhappy customer stops buying, too) else 0 (the seed only says the customer
      complains; some readings keep the customer);
    * ``total_impact`` = own_value + word_of_mouth_value.

    With the KFC figures (26,000 yuan each): satisfied +1 customer, +26,000 → total +52,000;
    dissatisfied −2 customers, −52,000 → total −78,000 (−52,000 if the customer stays).
    value_per_customer: money (≥ 0); told_*: people (≥ 0); conversion: fraction 0–1.
    """
    value = check_nonnegative(value_per_customer, "value_per_customer")
    told_happy = check_nonnegative(told_if_satisfied, "told_if_satisfied")
    told_unhappy = check_nonnegative(told_if_dissatisfied, "told_if_dissatisfied")
    rate = check_fraction(conversion, "conversion")
    if not isinstance(dissatisfied_customer_leaves, (bool, np.bool_)):
        raise ValueError(
            _("dissatisfied_customer_leaves must be True or False, got {dissatisfied_customer_leaves!r}").format(dissatisfied_customer_leaves=dissatisfied_customer_leaves)
        )
    people = np.array([told_happy, told_unhappy])
    changed = np.array([1.0, -1.0]) * people * rate
    own = np.array([value, -value if dissatisfied_customer_leaves else 0.0])
    table = pd.DataFrame(
        {
            "scenario_zh": ["满意", "不满意"],
            "people_told": people,
            "conversion": rate,
            "customers_changed": changed,
            "word_of_mouth_value": changed * value,
            "own_value": own,
        },
        index=pd.Index(["satisfied", "dissatisfied"], name="scenario"),
    )
    table["total_impact"] = table["own_value"] + table["word_of_mouth_value"]
    return table


def break_even_acquisition_cost(
    margin: float,
    retention: float,
    discount_rate: float,
    periods: int | None = None,
    first_margin: FirstMargin = "after_retention",
) -> float:
    """The most a firm can spend to acquire a customer before the customer loses money.

    The acquisition cost at which ``retention_clv`` is exactly 0, i.e. the lifetime value
    before acquisition cost (same arguments and sources as :func:`retention_clv`), in money.
    """
    return retention_clv(margin, retention, discount_rate, periods, 0.0, first_margin)



def retention_value_gain(
    profit_by_year: ArrayLike,
    retention: float,
    discount_rate: float,
    improvement: float = 0.05,
) -> pd.Series:
    """How much more a new customer is worth when retention improves by ``improvement``.

    Reichheld & Sasser (1990), "Zero Defections: Quality Comes to Services", HBR 68(5): cutting
    defections by 5 percentage points raised profits by 25–85 % in the industries they studied,
    because profit per customer grows with tenure (more purchases, lower service cost,
    referrals, price premium). Here the value of a new customer is
    V(r) = Σ_{t=1..N} profit_t · r^(t−1) / (1 + d)^(t−1)  (year 1 certain and not discounted,
    as in the Dwyer table), N = len(profit_by_year), and the gain is V(r + improvement) / V(r) − 1.

    Returns a Series: ``value_before``, ``value_after`` (money), ``gain`` (fraction, 0.25 = +25 %),
    ``lifetime_before`` and ``lifetime_after`` (expected years as a customer within the N years).
    profit_by_year: money per year of tenure (≥ 0, not all 0); retention and
    retention + improvement in [0, 1); discount_rate per year.
    """
    profits = as_array(profit_by_year, "profit_by_year")
    if (profits < 0).any() or profits.sum() == 0:
        raise ValueError(_("profit_by_year must be ≥ 0 and not all 0, got {profits}").format(profits=profits.tolist()))
    r = check_retention(retention)
    d = check_discount_rate(discount_rate)
    step = as_number(improvement, "improvement")
    better = check_retention(r + step, "retention + improvement")
    t = np.arange(len(profits), dtype=float)

    def value(rate: float) -> float:
        return float(np.sum(profits * (rate / (1.0 + d)) ** t))

    before, after = value(r), value(better)
    return pd.Series(
        {
            "value_before": before,
            "value_after": after,
            "gain": after / before - 1.0,
            "lifetime_before": float(np.sum(r**t)),
            "lifetime_after": float(np.sum(better**t)),
        }
    )
