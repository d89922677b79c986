"""Forecasts from fitted BTYD models: customer lifetime value and the tracking table (FHL 2005; docs/references.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import gettext as _
from .._validation import check_discount_rate, check_frame, check_positive, check_summary, check_whole, parse_date
from ..transactions import PERIODS_PER_MONTH, UNIT_DAYS, time_unit
from ._base import PurchaseModel
from .bgnbd import BetaGeoModel
from .gammagamma import GammaGammaModel

__all__ = ["customer_lifetime_value", "tracking_table"]


def _periods_per_month(summary: pd.DataFrame, models, periods_per_month) -> float:
    """Periods per month from the summary's time unit, or the one given (checked against the unit)."""
    unit = time_unit(summary)
    fitted = {model.time_unit_ for model in models if getattr(model, "time_unit_", None)}
    if unit is not None and fitted - {unit}:
        raise ValueError(
            _("the purchase model was fitted on data in unit {fitted!r} but summary is in {unit!r}; summarize both with the same freq").format(fitted=fitted.pop(), unit=unit)
        )
    unit = unit or (fitted.pop() if len(fitted) == 1 else None)
    if periods_per_month is None:
        if unit is None:
            raise ValueError(
                _("summary does not record its time unit (summarize stores it in summary.attrs['freq']); pass periods_per_month: {weeks} for weeks, {days} for days").format(weeks=PERIODS_PER_MONTH['W'], days=PERIODS_PER_MONTH['D'])
            )
        return PERIODS_PER_MONTH[unit]
    per_month = check_positive(periods_per_month, "periods_per_month")
    if unit is not None and not 28 <= per_month * UNIT_DAYS[unit] <= 31:
        raise ValueError(
            _("periods_per_month is {per_month:g}, but summary is in unit {unit!r}: that makes a month {days:g} days; use {default:g} (or leave it out)").format(
                per_month=per_month, unit=unit, days=per_month * UNIT_DAYS[unit], default=PERIODS_PER_MONTH[unit])
        )
    return per_month


def customer_lifetime_value(
    bg: BetaGeoModel,
    gg: GammaGammaModel,
    summary: pd.DataFrame,
    horizon_months: int = 12,
    discount_rate_monthly: float = 0.01,
    periods_per_month: float | None = None,
) -> pd.Series:
    """Discounted expected value of each customer's purchases over the next ``horizon_months``.

    CLV = Σ_{k=1..H} (E[Y(k·u)] − E[Y((k−1)·u)]) · E[Z] / (1 + d)^k, with u periods per month,
    E[Y] from the purchase model and E[Z] from Gamma-Gamma (Fader, Hardie & Lee 2005, iso-value
    curves). Returns money, indexed like ``summary``.

    Units: u comes from the time unit ``summarize`` records in ``summary.attrs["freq"]`` —
    4.345 weeks per month for ``freq="W"`` (the lifetimes convention behind the course's
    published figures; 365.25/12/7 = 4.348) and 365.25/12 = 30.4375 days for ``freq="D"``. A
    summary without a unit needs ``periods_per_month``; one that contradicts the unit (a month
    outside 28–31 days) is refused, as is a model fitted in another unit than the summary.
    Also refused: a summary with a customer listed twice, mixed-type ids or values that are
    boolean, missing, infinite or negative; a horizon that is not a whole number ≥ 1; a
    discount rate that is not a finite fraction above −1; unfitted models.
    """
    if not isinstance(bg, PurchaseModel):
        raise ValueError(_("bg must be a fitted BetaGeoModel or ParetoNBDModel, got {type}").format(type=type(bg).__name__))
    if not isinstance(gg, GammaGammaModel):
        raise ValueError(_("gg must be a fitted GammaGammaModel, got {type}").format(type=type(gg).__name__))
    months = check_whole(horizon_months, "horizon_months", minimum=1)
    rate = check_discount_rate(discount_rate_monthly, "discount_rate_monthly")
    clean = check_summary(summary, ("frequency", "recency", "T", "monetary_value"))
    per_month = _periods_per_month(summary, (bg,), periods_per_month)
    bg._params()
    gg._params()
    args = (clean["frequency"], clean["recency"], clean["T"])
    spend = gg.expected_spend(clean["frequency"], clean["monetary_value"])
    value = np.zeros(len(clean))
    previous = np.zeros(len(clean))
    for month in range(1, months + 1):
        cumulative = bg.predict(month * per_month, *args)
        value += (cumulative - previous) * spend / (1 + rate) ** month
        previous = cumulative
    return pd.Series(value, index=summary.index, name="clv")


def tracking_table(
    model: BetaGeoModel,
    log: pd.DataFrame,
    start,
    weeks: int,
    customer: str = "customer_id",
    date: str = "date",
    date_format: str | None = None,
) -> pd.DataFrame:
    """Cumulative repeat transactions week by week: actual (from ``log``) against the model.

    The tracking plot of Fader, Hardie & Lee (2005, figure 2): week w covers days 7(w−1) .. 7w−1
    after ``start``; a repeat transaction is a purchase day after the customer's first (several
    purchases on one day count once). The model's cumulative count at the end of week w is
    Σ_i E[X(w − t0_i)] over customers whose first purchase t0_i (in weeks) came before.
    Returns columns ``actual``, ``model`` (cumulative) and ``actual_weekly``, ``model_weekly``.
    The model's time unit is weeks unless it was fitted on a ``summarize(freq="D")`` summary,
    whose unit it records; then its horizons are given in days. Refuses a log that is not a
    DataFrame, garbage or ambiguous dates (``date_format`` reads them), a ``start`` that is not
    one date, and ``weeks`` that is not a whole number ≥ 1.
    """
    from ..transactions import validate_transactions

    if not isinstance(model, PurchaseModel):
        raise ValueError(_("model must be a fitted BetaGeoModel or ParetoNBDModel, got {type}").format(type=type(model).__name__))
    model._params()
    weeks = check_whole(weeks, "weeks", minimum=1)
    check_frame(log, "log", (customer, date))
    clean = validate_transactions(log.assign(_amount=0.0), customer, date, "_amount", date_format)
    days = clean[[customer, date]].drop_duplicates()
    origin = parse_date(start, "start", date_format)
    periods_per_week = 7.0 / UNIT_DAYS[getattr(model, "time_unit_", None) or "W"]
    offset = (days[date] - origin).dt.days.to_numpy()
    if (offset < 0).any():
        raise ValueError(_("log has purchases before start ({start})").format(start=origin.date()))
    first_day = days.groupby(customer)[date].transform("min")
    repeat = days[date] > first_day
    week_of = offset[repeat.to_numpy()] // 7 + 1
    actual_weekly = np.bincount(week_of[week_of <= weeks], minlength=weeks + 1)[1:]
    t0 = ((days.groupby(customer)[date].min() - origin).dt.days / 7.0).to_numpy()
    first_weeks, counts = np.unique(t0, return_counts=True)
    ends = np.arange(1, weeks + 1, dtype=float)
    model_cumulative = np.array(
        [np.sum(counts * model.expected_purchases(np.clip(end - first_weeks, 0, None) * periods_per_week)) for end in ends]
    )
    return pd.DataFrame(
        {
            "actual": np.cumsum(actual_weekly),
            "model": model_cumulative,
            "actual_weekly": actual_weekly,
            "model_weekly": np.diff(np.concatenate([[0.0], model_cumulative])),
        },
        index=pd.Index(np.arange(1, weeks + 1), name="week"),
    )
