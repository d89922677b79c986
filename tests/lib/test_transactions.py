"""customer_value.transactions.summarize: conventions of Fader, Hardie & Lee (2005) and RFM metrics."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import customer_value as cv

LOG = pd.DataFrame(
    {
        "customer_id": ["a", "a", "a", "a", "b", "c", "c"],
        "date": ["2024-01-01", "2024-01-01", "2024-01-08", "2024-01-22", "2024-01-15", "2024-01-03", "2024-01-31"],
        "amount": [10.0, 5.0, 20.0, 40.0, 7.0, 12.0, 0.0],
    }
)


def test_worked_example_in_days():
    s = cv.transactions.summarize(LOG, observation_end="2024-01-31")
    assert list(s.index) == ["a", "b", "c"]
    a = s.loc["a"]
    # a bought on 3 distinct days (two purchases on Jan 1 count once): 2 repeat purchases
    assert a["frequency"] == 2 and a["recency"] == 21 and a["T"] == 30
    assert a["monetary_value"] == pytest.approx((20 + 40) / 2)  # repeat days only
    assert a["n_purchases"] == 4 and a["total_spend"] == 75 and a["days_since_last"] == 9
    b = s.loc["b"]
    assert b["frequency"] == 0 and b["recency"] == 0 and b["T"] == 16 and b["monetary_value"] == 0
    c = s.loc["c"]
    assert c["frequency"] == 1 and c["days_since_last"] == 0 and c["monetary_value"] == 0.0


def test_weeks_are_days_over_seven():
    days = cv.transactions.summarize(LOG, observation_end="2024-01-31")
    weeks = cv.transactions.summarize(LOG, observation_end="2024-01-31", freq="W")
    np.testing.assert_allclose(weeks["T"], days["T"] / 7)
    np.testing.assert_allclose(weeks["recency"], days["recency"] / 7)
    assert (weeks["frequency"] == days["frequency"]).all()


def test_observation_end_defaults_to_the_last_date():
    s = cv.transactions.summarize(LOG)
    assert s.loc["b", "T"] == 16


def test_custom_column_names_and_timestamps():
    log = LOG.rename(columns={"customer_id": "cust", "date": "when", "amount": "yuan"})
    log["when"] = pd.to_datetime(log["when"]) + pd.Timedelta(hours=15)
    s = cv.transactions.summarize(log, customer="cust", date="when", amount="yuan", observation_end="2024-01-31")
    assert s.index.name == "cust" and s.loc["a", "frequency"] == 2


@pytest.mark.parametrize(
    "change, kwargs, message",
    [
        (lambda d: d.drop(columns="amount"), {}, "no column 'amount'"),
        (lambda d: d.iloc[0:0], {}, "empty"),
        (lambda d: d.assign(amount=[10, -5, 1, 1, 1, 1, 1]), {}, "negative amount"),
        (lambda d: d.assign(amount=[10, np.nan, 1, 1, 1, 1, 1]), {}, "missing or infinite"),
        (lambda d: d.assign(amount=["10", "x", 1, 1, 1, 1, 1]), {}, "only numbers"),
        (lambda d: d.assign(date=["2024-01-01", "not a date", *LOG["date"][2:]]), {}, "not a date"),
        (lambda d: d.assign(date=[None, *LOG["date"][1:]]), {}, "missing date"),
        (lambda d: d.assign(customer_id=[None, *LOG["customer_id"][1:]]), {}, "missing customer id"),
        (lambda d: d, {"observation_end": "2024-01-20"}, "observation_end"),
        (lambda d: d, {"freq": "M"}, "freq"),
    ],
)
def test_bad_input(change, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cv.transactions.summarize(change(LOG.copy()), **kwargs)


def test_not_a_frame():
    with pytest.raises(ValueError, match="DataFrame"):
        cv.transactions.summarize([1, 2, 3])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 60), st.floats(0, 500, allow_nan=False)),
        min_size=1,
        max_size=60,
    )
)
def test_invariants(rows):
    log = pd.DataFrame(rows, columns=["customer_id", "day", "amount"])
    log["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(log["day"], unit="D")
    s = cv.transactions.summarize(log, observation_end="2024-03-31")
    assert (s["recency"] <= s["T"]).all()
    assert (s["frequency"] >= 0).all() and (s["frequency"] < s["n_purchases"] + 1).all()
    assert ((s["frequency"] == 0) <= (s["recency"] == 0)).all()
    assert s["total_spend"].sum() == pytest.approx(log["amount"].sum())
    assert (s["days_since_last"] + s["recency"] == s["T"]).all()
    assert set(s.index) == set(log["customer_id"])
