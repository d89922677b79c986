"""Data sets shipped with the course (no network needed); DATA.md documents each one.

* CDNOW — real transactions of an online music store (Fader & Hardie's 1/10 sample).
* The course company — 金麦 Golden Wheat, a simulated bakery-café chain (customer_value.simulate).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .i18n import gettext as _
from ._validation import parse_date, parse_dates
from .transactions import summarize

__all__ = [
    "CDNOW_CALIBRATION_END", "CDNOW_END", "DATA_DIR", "DATE_FORMAT", "load_cdnow", "load_cdnow_summary",
    "load_company", "load_company_customers", "load_company_survey", "load_company_transactions",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
CDNOW_CALIBRATION_END = "1997-09-30"
CDNOW_END = "1998-06-30"

_SCHEMAS: dict[str, dict[str, str]] = {
    "cdnow_transactions.csv": {
        "customer_id": "int", "date": "date", "n_cds": "int", "amount": "money", "original_id": "str",
    },
    "company_customers.csv": {
        "customer_id": "int", "gender": "str", "age_band": "str", "region": "str", "region_zh": "str",
        "city": "str", "channel": "str", "join_date": "date", "channel_zh": "str",
    },
    "company_transactions.csv": {
        "transaction_id": "int", "customer_id": "int", "date": "date", "region": "str", "store_id": "str",
        "category": "str", "amount": "money", "cost": "money",
    },
    "company_survey.csv": {
        "customer_id": "int", "survey_date": "date", "csat": "int", "recommend": "int", "complaint": "str",
    },
}


#: How the shipped files write dates (ISO 8601 days).
DATE_FORMAT = "%Y-%m-%d"


def _read(name: str, path: Path | None = None, date_format: str | None = DATE_FORMAT) -> pd.DataFrame:
    """Read a shipped CSV and check its columns and types; ValueError names file and column.

    Dates are read with ``date_format`` (strftime codes); ``None`` reads them as
    :func:`customer_value.transactions.summarize` does (yyyymmdd integers, ISO text, day/month
    text only when unambiguous)."""
    schema = _SCHEMAS[name]
    path = Path(path) if path is not None else DATA_DIR / name
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValueError(_("{name}: cannot be read as a UTF-8 CSV file ({exc})").format(name=path.name, exc=exc)) from None
    missing = [column for column in schema if column not in raw.columns]
    if missing:
        raise ValueError(_("{name}: column {missing!r} is missing; the file is damaged (reinstall the package)").format(name=path.name, missing=missing[0]))
    if raw.empty:
        raise ValueError(_("{name}: the file has no rows").format(name=path.name))
    frame = pd.DataFrame(index=raw.index)
    for column, kind in schema.items():
        text = raw[column].str.strip()
        if (text == "").any():
            raise ValueError(_("{name}: column {column!r} has an empty value at row {row}").format(name=path.name, column=column, row=int((text == '').idxmax()) + 2))
        if kind == "str":
            frame[column] = text
            continue
        if kind == "date" and date_format is None:
            values = parse_dates(text, _("{name}: column {column!r}").format(name=path.name, column=column)).set_axis(text.index)
        elif kind == "date":
            values = pd.to_datetime(text, format=date_format, errors="coerce")
        else:
            values = pd.to_numeric(text, errors="coerce")
        bad = values.isna()
        if bad.any():
            row = int(bad.idxmax())
            raise ValueError(_("{name}: column {column!r} has an invalid value {value!r} at row {row}").format(name=path.name, column=column, value=text[row], row=row + 2))
        if kind == "int":
            values = values.astype("int64")
        if kind in ("int", "money") and (values < 0).any():
            row = int((values < 0).idxmax())
            raise ValueError(_("{name}: column {column!r} has a negative value {value} at row {row}").format(name=path.name, column=column, value=values[row], row=row + 2))
        frame[column] = values
    return frame


def load_cdnow(path: Path | None = None, date_format: str | None = DATE_FORMAT) -> pd.DataFrame:
    """CDNOW transactions: 6,919 purchases by 2,357 customers, 1997-01-01 to 1998-06-30.

    Source: the 1/10 sample of CDNOW customers who first bought in the first quarter of 1997,
    published by Fader & Hardie (Fader, Hardie & Lee 2005, "Counting your customers the easy
    way", Marketing Science 24(2); data at brucehardie.com), as redistributed in the
    MIT-licensed ``lifetimes`` package (Copyright (c) 2015 Cameron Davidson-Pilon); see DATA.md.
    Columns: ``customer_id`` (1..2357), ``date`` (datetime64, day), ``n_cds`` (CDs bought),
    ``amount`` (US dollars), ``original_id`` (CDNOW's id, text). Total $244,091.94.
    """
    return _read("cdnow_transactions.csv", path, date_format)


def load_cdnow_summary(calibration_end: str = CDNOW_CALIBRATION_END) -> pd.DataFrame:
    """Per-customer CDNOW summary for the BTYD models, time in weeks (days / 7).

    Calibration period: first purchase to ``calibration_end`` (39 weeks to 1997-09-30, as in
    Fader, Hardie & Lee 2005): ``frequency``, ``recency``, ``T``, ``monetary_value`` and the RFM
    metrics of :func:`customer_value.transactions.summarize` (freq="W"). Holdout, from the day
    after ``calibration_end`` to 1998-06-30: ``holdout_frequency`` (purchase days, several
    purchases on one day counting once) and ``holdout_spend`` (US dollars). Published check:
    946 of the 2,357 customers repeat-purchase in calibration. ``calibration_end`` is one date
    (text, datetime or yyyymmdd integer) inside the data; time unit "W" in ``summary.attrs``.
    """
    end = parse_date(calibration_end, "calibration_end")
    if not pd.Timestamp("1997-01-01") <= end < pd.Timestamp(CDNOW_END):
        raise ValueError(_("calibration_end must be a date from 1997-01-01 to before {end}, got {calibration_end!r}").format(end=CDNOW_END, calibration_end=calibration_end))
    log = load_cdnow()
    calibration = log[log["date"] <= end]
    summary = summarize(calibration, observation_end=end, freq="W")
    holdout = log[log["date"] > end]
    summary["holdout_frequency"] = holdout.groupby("customer_id")["date"].nunique().reindex(summary.index, fill_value=0)
    summary["holdout_spend"] = holdout.groupby("customer_id")["amount"].sum().reindex(summary.index, fill_value=0.0)
    return summary


def load_company_customers(path: Path | None = None, date_format: str | None = DATE_FORMAT) -> pd.DataFrame:
    """The course company's 3,000 customers (simulated; customer_value.simulate, seed 2024; MIT).

    Columns: ``customer_id``; ``gender`` (F/M); ``age_band`` (18-24 … 55+); ``region`` (East,
    South, North, Southwest, Central) and ``region_zh`` (华东 …); ``city`` ("上海 Shanghai" …);
    ``channel`` of acquisition (store, mini_program, delivery, referral, ads) and ``channel_zh``
    (门店, 小程序, 外卖平台, 推荐, 广告); ``join_date`` (first purchase, datetime64).
    """
    return _read("company_customers.csv", path, date_format)


def load_company_transactions(path: Path | None = None, date_format: str | None = DATE_FORMAT) -> pd.DataFrame:
    """The course company's purchases, 2023-01-01 to 2024-12-31 (simulated; see DATA.md).

    Columns: ``transaction_id``; ``customer_id``; ``date`` (datetime64); ``region`` of the store;
    ``store_id``; ``category`` (bread, cakes, coffee, drinks, gift_boxes); ``amount`` (yuan paid,
    > 0) and ``cost`` (yuan, cost of goods, below amount), so margin = amount − cost.
    """
    return _read("company_transactions.csv", path, date_format)


def load_company_survey(path: Path | None = None, date_format: str | None = DATE_FORMAT) -> pd.DataFrame:
    """The course company's satisfaction survey of 2024-06-30: 1,200 respondents (simulated; DATA.md).

    Columns: ``customer_id``; ``survey_date`` (datetime64); ``csat`` (1 very dissatisfied 非常不满意 …
    5 very satisfied 非常满意); ``recommend`` (0–10, "how likely are you to recommend Golden Wheat
    to a friend?", for NPS); ``complaint`` in the six months before: none, resolved or unresolved.
    What respondents bought after the survey is in :func:`load_company_transactions`.
    """
    survey = _read("company_survey.csv", path, date_format)
    for column, (low, high) in {"csat": (1, 5), "recommend": (0, 10)}.items():
        outside = ~survey[column].between(low, high)
        if outside.any():
            row = int(outside.idxmax())
            raise ValueError(_("company_survey.csv: column {column!r} has {value} at row {row}, outside {low}–{high}").format(column=column, value=survey[column][row], row=row + 2, low=low, high=high))
    unknown = ~survey["complaint"].isin(["none", "resolved", "unresolved"])
    if unknown.any():
        row = int(unknown.idxmax())
        raise ValueError(_("company_survey.csv: column 'complaint' has {value!r} at row {row}").format(value=survey['complaint'][row], row=row + 2))
    return survey


def load_company() -> dict[str, pd.DataFrame]:
    """Both company tables: ``{"customers": ..., "transactions": ...}``."""
    return {"customers": load_company_customers(), "transactions": load_company_transactions()}
