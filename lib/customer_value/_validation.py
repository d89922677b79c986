"""Input checks shared by the value models.

Every check raises ``ValueError`` naming the argument and the offending value, so a
student sees *which* input is wrong instead of getting a silently wrong number.
"""

from __future__ import annotations

import math
from numbers import Real
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .i18n import gettext as _

__all__ = [
    "COUNT_COLUMNS", "as_array", "as_number", "check_choice", "check_discount_rate", "check_flag", "check_fraction",
    "check_frame", "check_ids", "check_nonnegative", "check_periods", "check_positive", "check_retention",
    "check_summary", "check_whole", "ConvergenceError", "index_of", "parse_date", "parse_dates",
]


def as_number(value: Any, name: str) -> float:
    """Return ``value`` as a finite float, or raise ``ValueError`` naming ``name``."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(_("{name} must be a number, got the boolean {value!r}").format(name=name, value=value))
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if not isinstance(value, (Real, np.number)):
        raise ValueError(_("{name} must be a number, got {value!r} ({type})").format(name=name, value=value, type=type(value).__name__))
    number = float(value)
    if math.isnan(number):
        raise ValueError(_("{name} is NaN; give a number").format(name=name))
    if math.isinf(number):
        raise ValueError(_("{name} must be finite, got {number}").format(name=name, number=number))
    return number


def as_array(values: Any, name: str, *, allow_empty: bool = False) -> np.ndarray:
    """Return a 1-D float array of finite numbers (lists, arrays, Series accepted).

    Refuses booleans (True is not 1 yuan or 1 period), text (even "10"), missing and infinite
    values, naming the first offending entry by position (or by index label for a Series).
    """
    if isinstance(values, (str, bytes)):
        raise ValueError(_("{name} must be a sequence of numbers, got the string {values!r}").format(name=name, values=values))
    if isinstance(values, Mapping):
        raise ValueError(_("{name} must be a sequence of numbers, got a {type}").format(name=name, type=type(values).__name__))
    if isinstance(values, (pd.Series, pd.Index)):
        raw = values.to_numpy(dtype=object) if pd.api.types.is_bool_dtype(values.dtype) or not pd.api.types.is_numeric_dtype(values.dtype) else values.to_numpy(dtype=float, na_value=np.nan)
    elif isinstance(values, (list, tuple)):  # numpy would turn [True, 2] into [1, 2]
        try:
            raw = np.array(values, dtype=object)
        except (TypeError, ValueError) as exc:
            raise ValueError(_("{name} must be a flat sequence of numbers: {exc}").format(name=name, exc=exc)) from None
    else:
        try:
            raw = np.asarray(values)
        except (TypeError, ValueError) as exc:
            raise ValueError(_("{name} must be a flat sequence of numbers: {exc}").format(name=name, exc=exc)) from None
    if raw.ndim == 0:
        raw = raw.reshape(1)
    if raw.ndim != 1:
        raise ValueError(_("{name} must be one-dimensional, got shape {shape}").format(name=name, shape=raw.shape))
    if raw.dtype.kind == "b":
        raise ValueError(_("{name} must contain numbers, got booleans (True/False); convert them on purpose, e.g. with .astype(int)").format(name=name))
    if raw.dtype.kind not in "iuf":
        for position, value in enumerate(raw.tolist()):
            kind = _kind(value)
            if kind not in ("number", "missing"):
                raise ValueError(_("{name} must contain only numbers; {label} is {value} ({kind})").format(name=name, label=_label(values, position), value=_show(value), kind=_kind_shown(kind)))
        raw = np.array([np.nan if _kind(v) == "missing" else v for v in raw.tolist()], dtype=float)
    array = raw.astype(float)
    if array.size == 0 and not allow_empty:
        raise ValueError(_("{name} is empty; give at least one value").format(name=name))
    bad = ~np.isfinite(array)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise ValueError(_("{name} has a missing or infinite value at {label}: {value}").format(name=name, label=_label(values, position), value=array[position]))
    return array


def check_nonnegative(value: float, name: str) -> float:
    """Raise unless ``value`` ≥ 0 (money amounts, counts, people)."""
    number = as_number(value, name)
    if number < 0:
        raise ValueError(_("{name} must not be negative, got {number}").format(name=name, number=number))
    return number


def check_fraction(value: float, name: str) -> float:
    """Raise unless 0 ≤ ``value`` ≤ 1 (shares such as a margin or a conversion rate)."""
    number = as_number(value, name)
    if not 0.0 <= number <= 1.0:
        raise ValueError(_("{name} must be a fraction between 0 and 1 (0.2 = 20 %), got {number}").format(name=name, number=number))
    return number


def check_retention(value: float, name: str = "retention") -> float:
    """Raise unless 0 ≤ ``value`` < 1: a retention rate of 1 means nobody ever leaves."""
    number = as_number(value, name)
    if not 0.0 <= number < 1.0:
        raise ValueError(
            _("{name} must be a fraction in [0, 1) (0.8 = 80 % of customers stay), got {number}").format(name=name, number=number)
        )
    return number


def check_discount_rate(value: float, name: str = "discount_rate") -> float:
    """Raise unless ``value`` > −1 (a rate per period, 0.1 = 10 %)."""
    number = as_number(value, name)
    if number <= -1.0:
        raise ValueError(_("{name} must be greater than -1 (0.1 = 10 % per period), got {number}").format(name=name, number=number))
    if number > 10:
        raise ValueError(
            _("{name} is {number}, i.e. {number:.0%} per period; give rates as fractions (0.1 = 10 %)").format(name=name, number=number)
        )
    return number


def check_periods(value: Any, name: str = "periods") -> int:
    """Raise unless ``value`` is a whole number of periods ≥ 1."""
    number = as_number(value, name)
    if number < 1:
        raise ValueError(_("{name} must be at least 1, got {value!r}").format(name=name, value=value))
    if number != int(number):
        raise ValueError(_("{name} must be a whole number of periods, got {value!r}").format(name=name, value=value))
    return int(number)


def check_choice(value: str, name: str, choices: tuple[str, ...]) -> str:
    """Raise unless ``value`` is one of ``choices``."""
    if value not in choices:
        listed = ", ".join(repr(choice) for choice in choices)
        raise ValueError(_("{name} must be one of {listed}, got {value!r}").format(name=name, listed=listed, value=value))
    return value


class ConvergenceError(ValueError):
    """A model fit that the data cannot identify (too few customers, no repeat buyers, no spend
    variation) or whose parameters ran off to the bounds of the optimiser."""


def check_positive(value: Any, name: str) -> float:
    """Raise unless ``value`` > 0 (a rate, a length of time, a conversion factor)."""
    number = as_number(value, name)
    if number <= 0:
        raise ValueError(_("{name} must be positive, got {number}").format(name=name, number=number))
    return number


def check_whole(value: Any, name: str, minimum: int | None = None) -> int:
    """Raise unless ``value`` is a whole number (≥ ``minimum`` when given): bins, weeks, years."""
    number = as_number(value, name)
    if number != int(number):
        raise ValueError(_("{name} must be a whole number, got {value!r}").format(name=name, value=value))
    if minimum is not None and number < minimum:
        raise ValueError(_("{name} must be at least {minimum}, got {value!r}").format(name=name, minimum=minimum, value=value))
    return int(number)


def check_flag(value: Any, name: str) -> bool:
    """Raise unless ``value`` is True or False."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(_("{name} must be True or False, got {value!r}").format(name=name, value=value))
    return bool(value)


def _label(values: Any, position: int) -> str:
    """How to point at one entry: the index label of a Series, else the position."""
    if isinstance(values, pd.Series) and not isinstance(values.index, pd.RangeIndex):
        return _("index {label}").format(label=_show(values.index[position]))
    return _("position {position}").format(position=position)


def _show(value: Any) -> str:
    """repr of a value, numpy scalars shown as the Python value they hold."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _kind(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return "missing"
    if isinstance(value, (bool, np.bool_)):
        return "boolean"
    if isinstance(value, (Real, np.number)):
        return "number"
    if isinstance(value, (str, bytes)):
        return "text"
    return type(value).__name__


def _kind_shown(kind: str) -> str:
    """A kind of value (from ``_kind``) as the student reads it."""
    shown = {"missing": _("missing"), "boolean": _("boolean"), "number": _("number"), "text": _("text")}
    return shown.get(kind, kind)


def check_frame(df: Any, name: str, columns: tuple[str, ...] = (), hint: str = "") -> pd.DataFrame:
    """Raise unless ``df`` is a non-empty DataFrame with ``columns``; ``hint`` says where one comes from."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(_("{name} must be a pandas DataFrame{hint}, got {type}").format(name=name, hint=hint, type=type(df).__name__))
    if df.columns.duplicated().any():
        raise ValueError(_("{name} has the column {column!r} twice").format(name=name, column=df.columns[df.columns.duplicated()][0]))
    missing = [column for column in columns if column not in df.columns]
    if missing:
        raise ValueError(_("{name} has no column {missing!r}{hint}; its columns are {columns}").format(name=name, missing=missing[0], hint=hint, columns=list(df.columns)))
    if df.empty:
        raise ValueError(_("{name} is empty: there are no rows{hint}").format(name=name, hint=hint))
    return df


def check_ids(ids: pd.Series | pd.Index, name: str, *, unique: bool = False) -> None:
    """Raise for missing customer ids, ids that mix types (1 and '1' would be two customers) and,
    with ``unique=True``, a customer listed twice."""
    labels = pd.Series(ids)
    missing = labels.isna().to_numpy()
    if missing.any():
        raise ValueError(_("{name} has a missing customer id at row {row}").format(name=name, row=int(np.flatnonzero(missing)[0])))
    if labels.dtype.kind == "O":
        kinds = labels.map(_kind)
        first = kinds.drop_duplicates()
        if len(first) > 1:
            examples = ", ".join(f"{_show(labels.iloc[i])} ({_kind_shown(kinds.iloc[i])})" for i in (kinds.index.get_loc(k) for k in first.index[:2]))
            raise ValueError(
                _("{name} mixes types of customer id: {examples}; 1 and '1' would count as two customers — convert the ids to one type first (e.g. .astype(str))").format(name=name, examples=examples)
            )
    if unique:
        repeated = labels.duplicated().to_numpy()
        if repeated.any():
            raise ValueError(
                _("{name} lists customer {customer} more than once ({repeated} repeated rows); give one row per customer").format(
                    name=name, customer=_show(labels.iloc[int(np.flatnonzero(repeated)[0])]), repeated=int(repeated.sum()))
            )


#: Columns of a per-customer summary that count whole purchases.
COUNT_COLUMNS = ("frequency", "n_purchases")


def check_summary(summary: Any, columns: tuple[str, ...], name: str = "summary") -> pd.DataFrame:
    """The ``columns`` of a per-customer summary as floats, checked customer by customer.

    Refuses: not a DataFrame, a missing column, no rows, missing or mixed-type or repeated
    customer ids (the index), and values that are boolean, text, missing, infinite or negative;
    ``frequency`` and ``n_purchases`` must be whole; where present, recency ≤ T and recency = 0
    when frequency = 0 (Fader, Hardie & Lee's definitions). Errors name the customer.
    """
    hint = _(" (from customer_value.transactions.summarize)")
    check_frame(summary, name, columns, hint)
    check_ids(summary.index, _("{name}'s index").format(name=name), unique=True)
    clean = pd.DataFrame(index=summary.index)
    for column in columns:
        values = summary[column]
        if isinstance(values, pd.DataFrame):
            raise ValueError(_("{name} has more than one column named {column!r}").format(name=name, column=column))
        array = as_array(pd.Series(values.to_numpy(), index=summary.index, dtype=values.dtype), f"{name}[{column!r}]")
        negative = array < 0
        if negative.any():
            i = int(np.flatnonzero(negative)[0])
            raise ValueError(_("{name}[{column!r}] must not be negative; customer {customer} has {value}").format(name=name, column=column, customer=_show(summary.index[i]), value=array[i]))
        if column in COUNT_COLUMNS and (array != np.round(array)).any():
            i = int(np.flatnonzero(array != np.round(array))[0])
            raise ValueError(_("{name}[{column!r}] counts purchases and must be whole; customer {customer} has {value}").format(name=name, column=column, customer=_show(summary.index[i]), value=array[i]))
        clean[column] = array
    if {"frequency", "recency", "T"} <= set(columns):
        checks = (
            (clean["recency"] > clean["T"] + 1e-9, _("recency exceeds T")),
            ((clean["frequency"] == 0) & (clean["recency"] > 0), _("recency must be 0 when frequency is 0")),
        )
        for bad, message in checks:
            if bad.any():
                who = bad.idxmax()
                raise ValueError(_("{name}: {message} for customer {who} ({values})").format(name=name, message=message, who=_show(who), values=clean.loc[who].to_dict()))
    return clean


#: Day-first or month-first numeric dates such as 01/02/2020, 1.2.20 or 01-02-2020.
_DAY_MONTH = r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$"


def _at_row(row: int, rows: bool) -> str:
    """" at row 3" in a message about a column of dates (nothing for one date: parse_date)."""
    return _(" at row {row}").format(row=row) if rows else ""


def parse_dates(values: Any, name: str, date_format: str | None = None, *, _rows: bool = True) -> pd.Series:
    """Dates as a datetime64 Series (time zone dropped), or ``ValueError`` naming the row.

    * datetime values are kept; ``date_format`` (strftime codes, as in ``pd.to_datetime``)
      reads text or integers exactly;
    * integers are read as yyyymmdd (19970101 = 1 January 1997), never as nanoseconds;
    * text in ISO form (2020-01-31, 2020/01/31, with or without a time) or with a month name;
    * text like 01/02/2020 is read day-first or month-first only when some row decides the order
      (a part above 12); a column where every such date is ambiguous is refused unless
      ``date_format`` says the order. Booleans and other numbers are refused.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    series = series.reset_index(drop=True)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return series
    missing = series.isna().to_numpy()
    if missing.any():
        raise ValueError(_("{name} has a missing date{at_row}").format(name=name, at_row=_at_row(int(np.flatnonzero(missing)[0]), _rows)))
    if pd.api.types.is_bool_dtype(series.dtype):
        raise ValueError(_("{name} has booleans (True/False), not dates").format(name=name))
    if series.dtype.kind in "iu":
        kinds = pd.Series("number", index=series.index)
    elif pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
        kinds = pd.Series("text", index=series.index)
    else:
        kinds = series.map(_kind)
        odd = ~kinds.isin(["text", "number"]) & ~series.map(lambda v: isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "year"))
        if odd.any():
            i = int(np.flatnonzero(odd.to_numpy())[0])
            raise ValueError(_("{name} has a value that is not a date{at_row}: {value} ({kind})").format(
                name=name, at_row=_at_row(i, _rows), value=_show(series.iloc[i]), kind=_kind_shown(kinds.iloc[i])))
    numbers = kinds == "number"
    if numbers.any():
        as_int = pd.to_numeric(series[numbers], errors="coerce")
        fractional = as_int != np.floor(as_int)
        if fractional.any():
            i = int(fractional.idxmax())
            raise ValueError(_("{name} has the number {value}{at_row}; dates are yyyymmdd integers (19970101), text or datetimes").format(
                name=name, value=_show(series.iloc[i]), at_row=_at_row(i, _rows)))
        series = series.astype(object)
        series[numbers] = as_int.astype("int64").astype(str)
        if date_format is None and not numbers.all():
            raise ValueError(_("{name} mixes numbers and text; give one kind of date (or date_format=)").format(name=name))
        if date_format is None:
            date_format = "%Y%m%d"
    text = series.astype(str).str.strip()
    if date_format is not None:
        parsed = pd.to_datetime(text, format=date_format, errors="coerce")
        _refuse_unparsed(parsed, text, name, date_format, _rows)
        return parsed
    if not (kinds == "text").any():  # datetime objects (date, Timestamp) in an object column
        return pd.to_datetime(series)
    parts = text.str.extract(_DAY_MONTH)
    day_month = parts[0].notna()
    if day_month.any():
        first, second = parts[0][day_month].astype(int), parts[1][day_month].astype(int)
        day_first, month_first = (first > 12).any(), (second > 12).any()
        if day_first and month_first:
            raise ValueError(_("{name} has dates in both day/month and month/day order (rows {row} and {row2}); give date_format=").format(
                name=name, row=int((first > 12).idxmax()), row2=int((second > 12).idxmax())))
        if not (day_first or month_first) and (first != second).any():
            i = int((first != second).idxmax())
            raise ValueError(
                _("{name} has the date {text!r}{at_row}, which reads as day/month or month/day; give date_format='%d/%m/%Y' (day first) or '%m/%d/%Y' (month first)").format(
                    name=name, text=text[i], at_row=_at_row(i, _rows))
            )
        parsed_dm = pd.to_datetime(text[day_month], dayfirst=bool(day_first), format="mixed", errors="coerce")
    parsed = pd.to_datetime(text[~day_month], format="ISO8601", errors="coerce")
    retry = parsed.isna()
    if retry.any():
        parsed[retry] = pd.to_datetime(text[~day_month][retry], format="mixed", errors="coerce")
    if day_month.any():
        parsed = pd.concat([parsed, parsed_dm]).sort_index()
    parsed = pd.to_datetime(parsed)
    _refuse_unparsed(parsed, text, name, None, _rows)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)
    return parsed


def _refuse_unparsed(parsed: pd.Series, text: pd.Series, name: str, date_format: str | None, rows: bool) -> None:
    bad = parsed.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        if date_format is not None:
            raise ValueError(_("{name} has a value that is not a date with date_format={date_format!r}{at_row}: {value!r}").format(
                name=name, date_format=date_format, at_row=_at_row(i, rows), value=text.iloc[i]))
        raise ValueError(_("{name} has a value that is not a date{at_row}: {value!r}").format(
            name=name, at_row=_at_row(i, rows), value=text.iloc[i]))


def parse_date(value: Any, name: str, date_format: str | None = None) -> pd.Timestamp:
    """One date (a string, a datetime or a yyyymmdd integer), read as :func:`parse_dates` does."""
    if isinstance(value, (list, tuple, np.ndarray, pd.Series, Mapping)):
        raise ValueError(_("{name} must be one date, got {type}").format(name=name, type=type(value).__name__))
    return pd.Timestamp(parse_dates(pd.Series([value], dtype=object), name, date_format, _rows=False).iloc[0])


def index_of(values: Any, name: str) -> pd.Index:
    """The customer labels of ``values``: a Series' index (checked: no repeats, one id type), else 0..n−1."""
    if isinstance(values, pd.Series):
        check_ids(values.index, _("{name}'s index").format(name=name), unique=True)
        return values.index
    return pd.RangeIndex(len(np.atleast_1d(np.asarray(values, dtype=object))))
