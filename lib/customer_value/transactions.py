"""From a transaction log to one row per customer (the input of RFM and of the BTYD models)."""

from __future__ import annotations

import pandas as pd

from ._validation import check_choice

#: Period units: days, or weeks measured as days / 7 (Fader & Hardie's CDNOW convention).
UNIT_DAYS = {"D": 1.0, "W": 7.0}


def _parse_dates(values: pd.Series, column: str) -> pd.Series:
    try:
        dates = pd.to_datetime(values)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"column {column!r} has values that are not dates: {exc}") from None
    if dates.isna().any():
        row = dates.index[dates.isna()][0]
        raise ValueError(f"column {column!r} has a missing date at row {row!r}")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.dt.normalize()


def validate_transactions(
    df: pd.DataFrame, customer: str = "customer_id", date: str = "date", amount: str = "amount"
) -> pd.DataFrame:
    """A clean copy with columns ``customer``, ``date`` (day precision) and ``amount`` (float).

    Raises ``ValueError`` for a frame that is empty or lacks a column, for dates that do not
    parse, and for amounts that are missing, not numeric or negative.
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    missing = [name for name in (customer, date, amount) if name not in df.columns]
    if missing:
        raise ValueError(f"df has no column {missing[0]!r}; its columns are {list(df.columns)}")
    if df.empty:
        raise ValueError("df is empty: there are no transactions to summarise")
    if df[customer].isna().any():
        raise ValueError(f"column {customer!r} has a missing customer id at row {df.index[df[customer].isna()][0]!r}")
    amounts = pd.to_numeric(df[amount], errors="coerce")
    bad = amounts.isna() & df[amount].notna()
    if bad.any():
        row = df.index[bad][0]
        raise ValueError(f"column {amount!r} has a value that is not a number at row {row!r}: {df[amount][row]!r}")
    if amounts.isna().any():
        raise ValueError(f"column {amount!r} has a missing amount at row {df.index[amounts.isna()][0]!r}")
    if (amounts < 0).any():
        row = df.index[amounts < 0][0]
        raise ValueError(f"column {amount!r} has a negative amount at row {row!r}: {amounts[row]}")
    return pd.DataFrame(
        {customer: df[customer].to_numpy(), date: _parse_dates(df[date], date).to_numpy(), amount: amounts.astype(float).to_numpy()}
    )


def summarize(
    df: pd.DataFrame,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    observation_end=None,
    freq: str = "D",
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
    last date in the log. Raises ``ValueError`` for a missing column, unparseable dates,
    negative or missing amounts, an empty frame, or a transaction after ``observation_end``.
    """
    check_choice(freq, "freq", tuple(UNIT_DAYS))
    clean = validate_transactions(df, customer, date, amount)
    last_date = clean[date].max()
    if observation_end is None:
        end = last_date
    else:
        end = _parse_dates(pd.Series([observation_end]), "observation_end").iloc[0]
        if last_date > end:
            first_late = clean.loc[clean[date] > end].iloc[0]
            raise ValueError(
                f"observation_end is {end.date()}, but customer {first_late[customer]!r} bought on "
                f"{first_late[date].date()}; keep only transactions up to observation_end"
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
    return summary
