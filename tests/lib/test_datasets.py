"""Shipped data sets: published CDNOW figures, the course company, and loaders that refuse damaged files."""

import numpy as np
import pandas as pd
import pytest

import customer_value as cv
from customer_value import datasets, simulate


@pytest.fixture(scope="module")
def cdnow():
    return cv.load_cdnow()


def test_cdnow_published_size(cdnow):
    # docs/references.md (Fader & Hardie): 2,357 customers, 6,919 transactions, $244,091.94.
    assert len(cdnow) == 6919
    assert cdnow["customer_id"].nunique() == 2357
    assert cdnow["amount"].sum() == pytest.approx(244091.94, abs=0.005)
    assert cdnow["date"].min() == pd.Timestamp("1997-01-01") and cdnow["date"].max() == pd.Timestamp("1998-06-30")
    assert str(cdnow["date"].dtype).startswith("datetime64")
    assert cdnow["n_cds"].dtype == np.int64 and cdnow["amount"].dtype == np.float64


def test_cdnow_calibration_summary_matches_published_figures():
    summary = cv.load_cdnow_summary()
    assert len(summary) == 2357
    repeaters = summary[summary["frequency"] > 0]
    assert len(repeaters) == 946  # Fader, Hardie & Lee (2005)
    # Gamma-Gamma paper: average spend of the 946 repeat buyers
    assert repeaters["monetary_value"].mean() == pytest.approx(35.08, abs=0.005)
    assert repeaters["monetary_value"].median() == pytest.approx(27.50, abs=0.005)
    assert repeaters["monetary_value"].min() == pytest.approx(2.99, abs=0.005)
    assert repeaters["monetary_value"].max() == pytest.approx(299.63, abs=0.005)
    assert summary.loc[1, "T"] == pytest.approx(38.86, abs=0.005)  # first bought 1997-01-01
    # computed sums (the same as the summary table distributed with the data)
    assert summary[["frequency", "recency", "T"]].sum().round(2).tolist() == [2457, 16135.57, 77111.29]
    assert summary["holdout_frequency"].min() == 0 and summary["holdout_spend"].min() == 0


def test_company_tables(root):
    customers, transactions = cv.load_company_customers(), cv.load_company_transactions()
    assert len(customers) == 3000 and customers["customer_id"].is_unique
    assert set(transactions["customer_id"]) == set(customers["customer_id"])
    assert (transactions["amount"] > 0).all() and (transactions["cost"] >= 0).all()
    assert (transactions["cost"] < transactions["amount"]).all()
    assert transactions["date"].min() >= pd.Timestamp("2023-01-01") and transactions["date"].max() <= pd.Timestamp("2024-12-31")
    first = transactions.groupby("customer_id")["date"].min()
    assert (first == customers.set_index("customer_id")["join_date"]).all(), "join_date is the first purchase"
    assert set(customers["channel"]) == set(simulate.CHANNELS) and set(customers["age_band"]) == set(simulate.AGE_BANDS)
    assert set(transactions["category"]) == set(simulate.CATEGORIES)
    assert (root / "DATA.md").exists()


def test_shipped_csvs_are_the_generator_output():
    company = simulate.simulate_company()
    pd.testing.assert_frame_equal(company["customers"], cv.load_company_customers(), check_dtype=False)
    pd.testing.assert_frame_equal(company["transactions"], cv.load_company_transactions(), check_dtype=False)


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda t: t.replace("amount", "amt", 1), "column 'amount' is missing"),
        (lambda t: t.replace(",29.33,", ",-29.33,", 1), "column 'amount' has a negative value"),
        (lambda t: t.replace("1997-01-18", "1997-13-45", 1), "column 'date' has an invalid value"),
        (lambda t: t.replace(",29.73,", ",,", 1), "column 'amount' has an empty value"),
        (lambda t: t.split("\n")[0] + "\n", "no rows"),
    ],
)
def test_damaged_file_raises_a_clear_error(tmp_path, damage, message):
    text = (datasets.DATA_DIR / "cdnow_transactions.csv").read_text(encoding="utf-8")
    broken = tmp_path / "cdnow_transactions.csv"
    broken.write_text(damage(text), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        cv.load_cdnow(broken)


def test_unreadable_file(tmp_path):
    broken = tmp_path / "company_transactions.csv"
    broken.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match="company_transactions.csv"):
        cv.load_company_transactions(broken)
