"""From a transaction log to one row per customer (the input of RFM and of the BTYD models)."""

from __future__ import annotations

import pandas as pd

import numpy as np

from .i18n import gettext as _
from ._validation import as_array, check_choice, check_frame, check_ids, parse_date, parse_dates

__all__ = [
    "PERIODS_PER_MONTH", "UNIT_DAYS", "summarize", "time_unit", "validate_transactions",
]

#: Period units: days, or weeks measured as days / 7 (Fader & Hardie's CDNOW convention).
UNIT_DAYS = {"D": 1.0, "W": 7.0}


#: Periods per month for each unit: 365.25 / 12 = 30.4375 days; for weeks the 4.345 of the
#: lifetimes documentation and the course's published CDNOW figures (365.25 / 12 / 7 = 4.348).
PERIODS_PER_MONTH = {"D": 365.25 / 12, "W": 4.345}


def time_unit(data) -> str | None:
    """The time unit ("D" or "W") a summary (or a column of one) records in ``attrs["freq"]``, if any."""
    unit = getattr(data, "attrs", {}).get("freq")
    return unit if unit in UNIT_DAYS else None


def validate_transactions(
    df: pd.DataFrame,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    date_format: str | None = None,
) -> pd.DataFrame:
    """A clean copy with columns ``customer``, ``date`` (day precision) and ``amount`` (float).

    Raises ``ValueError`` for a frame that is empty or lacks a column, for customer ids that are
    missing or mix types (1 and '1'), for dates that do not parse or are ambiguous (see
    :func:`customer_value._validation.parse_dates`), and for amounts that are missing, boolean,
    text, infinite or negative; the message names the row.
    """
    check_frame(df, "df", (customer, date, amount))
    check_ids(df[customer], _("column {column!r}").format(column=customer))
    amounts = as_array(pd.Series(df[amount].to_numpy(), dtype=df[amount].dtype), _("column {column!r}").format(column=amount))
    if (amounts < 0).any():
        row = int(np.flatnonzero(amounts < 0)[0])
        raise ValueError(_("column {amount!r} has a negative amount at row {row}: {value}").format(amount=amount, row=row, value=amounts[row]))
    dates = parse_dates(df[date], _("column {column!r}").format(column=date), date_format)
    return pd.DataFrame({customer: df[customer].to_numpy(), date: dates.dt.normalize().to_numpy(), amount: amounts})


def summarize(
    df: pd.DataFrame,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    observation_end=None,
    freq: str = "D",
    date_format: str | None = None,
) -> pd.DataFrame:
    """One row per customer (indexed by customer id) from a transaction log.

    Conventions of Fader, Hardie & Lee (2005, "Counting your customers the easy way") for the
    BTYD models: purchases are aggregated by calendar day (several purchases on one day count
    as one transaction, as in their CDNOW data), and

    * ``frequency``: number of *repeat* purchase days (distinct purchase days − 1);
    * ``recency``: time from the first to the last purchase;
    * ``T``: time from the first purchase to ``observation_end``;
    * ``monetary_value``: mean spend per repeat purchase day (the first day is left out, as
      the Gamma-Gamma model needs); 0 for customers without a repeat purchase.

    Time is in days (``freq="D"``) or in weeks computed as days / 7, fractional (``freq="W"``).
    The raw RFM metrics (Hughes 1994; course material 004) are added in whole units:

    * ``days_since_last``: days from the last purchase to ``observation_end``;
    * ``n_purchases``: number of transactions (rows) in the log;
    * ``total_spend``: sum of the amounts (money);

    plus ``first_purchase`` and ``last_purchase`` dates. ``observation_end`` defaults to the
    last date in the log. The result records its time unit in ``summary.attrs["freq"]``, which
    :func:`customer_value.btyd.customer_lifetime_value` reads to convert months to periods.

    Dates: datetime columns, ISO text (2024-01-31), or integers read as yyyymmdd (19970101);
    text like 01/02/2024 only when the rows show which part is the day, otherwise pass
    ``date_format`` (strftime codes as in ``pd.to_datetime``, e.g. "%d/%m/%Y"). Raises
    ``ValueError`` for a missing column, unparseable or ambiguous dates, negative, missing,
    boolean or infinite amounts, customer ids that mix types, an empty frame, or a
    transaction after ``observation_end``.
    """
    check_choice(freq, "freq", tuple(UNIT_DAYS))
    clean = validate_transactions(df, customer, date, amount, date_format)
    last_date = clean[date].max()
    if observation_end is None:
        end = last_date
    else:
        end = parse_date(observation_end, "observation_end", date_format).normalize()
        if last_date > end:
            first_late = clean.loc[clean[date] > end].iloc[0]
            raise ValueError(
                _("observation_end is {end}, but customer {customer!r} bought on {date}; keep only transactions up to observation_end").format(
                    end=end.date(), customer=first_late[customer], date=first_late[date].date())
            )
    unit = UNIT_DAYS[freq]

    daily = clean.groupby([customer, date], sort=True)[amount].sum().reset_index()
    grouped = daily.groupby(customer, sort=True)
    first = grouped[date].min()
    last = grouped[date].max()
    days_bought = grouped[date].count()
    spend_by_day = grouped[amount].sum()
    first_day_spend = daily.drop_duplicates(customer, keep="first").set_index(customer)[amount]

    frequency = days_bought - 1
    repeat_spend = spend_by_day - first_day_spend
    monetary = (repeat_spend / frequency.where(frequency > 0)).fillna(0.0)
    rows = clean.groupby(customer, sort=True)

    summary = pd.DataFrame(
        {
            "frequency": frequency.astype(int),
            "recency": (last - first).dt.days / unit,
            "T": (end - first).dt.days / unit,
            "monetary_value": monetary,
            "days_since_last": (end - last).dt.days.astype(int),
            "n_purchases": rows[amount].count().astype(int),
            "total_spend": rows[amount].sum(),
            "first_purchase": first,
            "last_purchase": last,
        }
    )
    summary.index.name = customer
    summary.attrs["freq"] = freq
    return summary
