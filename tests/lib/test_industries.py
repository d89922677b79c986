"""The capstone's five industries: documented profiles, deterministic data true to its parameters."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import customer_value as cv
from customer_value import industries, simulate

SEED_INDUSTRIES = ("服装家纺", "休闲食品", "观光旅游", "健身美容", "教育培训")  # course material 003, 技能训练2-1


def test_the_five_industries_of_the_seed():
    assert tuple(p.zh for p in industries.INDUSTRIES.values()) == SEED_INDUSTRIES
    assert list(industries.INDUSTRIES) == ["apparel", "snacks", "tourism", "fitness", "education"]
    assert len({p.seed for p in industries.INDUSTRIES.values()}) == 5
    assert len({p.company_en for p in industries.INDUSTRIES.values()}) == 5


@pytest.mark.parametrize("code", list(industries.INDUSTRIES))
def test_each_profile_is_complete_and_consistent(code):
    profile = industries.INDUSTRIES[code]
    assert set(profile.params) == set(simulate.TRUE_PARAMS)
    assert all(value > 0 for value in profile.params.values()) and profile.params["q"] > 1
    assert profile.params["a"] != 1  # E[X(t)] of the BG/NBD divides by a - 1
    assert sum(share for _, share, _ in profile.categories.values()) == pytest.approx(1)
    assert all(0 < cost < 1 and "\u4e00" <= zh[0] <= "\u9fff" for zh, _, cost in profile.categories.values())
    assert sum(share for _, share, _ in profile.channels.values()) == pytest.approx(1)
    assert all(-1 <= tilt <= 1 for _, _, tilt in profile.channels.values())
    assert "referral" in profile.channels and profile.channels["referral"][2] > 0  # referred customers stay longer
    assert sum(profile.age_shares) == pytest.approx(1) and len(profile.age_shares) == len(simulate.AGE_BANDS)
    assert 0 < profile.female_share < 1 and 0 <= profile.other_region_share < 0.5
    assert len(profile.assumptions) >= 3 and profile.description
    with pytest.raises(TypeError):
        profile.params["r"] = 1.0  # profiles are read-only


def test_profiles_differ_as_documented():
    table = industries.industry_table()
    assert table["purchases_per_year"].idxmin() == "tourism"  # rare trips
    assert table["dropout_per_repeat"].idxmax() == "tourism"  # many one-off customers
    assert table["purchases_per_year"].idxmax() == "snacks"  # frequent, small baskets
    assert table["mean_spend"].idxmin() == "snacks"
    assert table.loc["fitness", "purchases_per_year"] == pytest.approx(13.0, abs=0.5)  # about monthly
    assert table.loc["tourism", "cost_share"] > 0.7  # an agency keeps little of the price
    # the formulas of the properties: p*gamma/(q-1), r/alpha, a/(a+b)
    tourism = industries.INDUSTRIES["tourism"]
    assert tourism.mean_spend == pytest.approx(3 * 2500 / 3)
    assert tourism.mean_purchase_rate == pytest.approx(0.5 / 25)
    assert tourism.mean_dropout == pytest.approx(1.1 / 3.3)


@pytest.mark.parametrize("name", ["tourism", "观光旅游", "Sightseeing tourism", "  sightseeing TOURISM ", "TOURISM"])
def test_industry_by_code_chinese_or_english_name(name):
    assert industries.get_industry(name) is industries.INDUSTRIES["tourism"]


@pytest.mark.parametrize("bad", ["bakery", "", "旅游", None, 3, ["tourism"]])
def test_unknown_industry_is_a_value_error(bad):
    with pytest.raises(ValueError, match="industry"):
        industries.get_industry(bad)
    with pytest.raises(ValueError, match="industry"):
        industries.load_industry(bad)
    with pytest.raises(ValueError, match="industry"):
        industries.simulate_industry(bad)


@pytest.mark.parametrize(
    "kwargs, message",
    [({"n_customers": 0}, "n_customers"), ({"n_customers": 2.5}, "n_customers"), ({"seed": -1}, "seed"), ({"seed": "a"}, "seed")],
)
def test_bad_arguments_are_value_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        industries.simulate_industry("snacks", **kwargs)


def test_load_industry_is_deterministic_and_returns_copies():
    first = industries.load_industry("fitness")
    first["transactions"]["amount"] = 0.0
    second = industries.load_industry("健身美容")
    fresh = industries.simulate_industry("fitness", seed=None)
    pd.testing.assert_frame_equal(second["transactions"], fresh["transactions"])
    pd.testing.assert_frame_equal(second["customers"], fresh["customers"])
    other = industries.simulate_industry("fitness", seed=1)
    assert not other["transactions"]["amount"].head(100).equals(fresh["transactions"]["amount"].head(100))


# Fingerprints of the default data sets. The assignment's self-checks depend on these exact data:
# if numpy ever changes its random streams, this test fails first (then ship the data as CSV files).
FINGERPRINTS = {
    "apparel": (7910, 2329922.68),
    "snacks": (30619, 753572.24),
    "tourism": (3370, 8837227.01),
    "fitness": (19190, 3822753.56),
    "education": (4949, 14836321.90),
}


@pytest.mark.parametrize("code", list(industries.INDUSTRIES))
def test_default_data_fingerprint(code):
    data = industries.load_industry(code)
    assert len(data["customers"]) == industries.DEFAULT_CUSTOMERS
    log = data["transactions"]
    assert (len(log), round(float(log["amount"].sum()), 2)) == pytest.approx(FINGERPRINTS[code], abs=0.005)


def _check_tables(data, profile, n_customers):
    customers, log = data["customers"], data["transactions"]
    company_customers = cv.datasets.load_company_customers()
    company_log = cv.datasets.load_company_transactions()
    assert list(customers.columns) == list(company_customers.columns)
    assert list(log.columns) == list(company_log.columns)
    assert dict(log.dtypes) == dict(company_log.dtypes)
    assert customers["customer_id"].tolist() == list(range(1, n_customers + 1))
    assert set(log["customer_id"]) == set(customers["customer_id"])  # everyone bought at least once
    assert log["transaction_id"].tolist() == list(range(1, len(log) + 1))
    assert (log["amount"] > 0).all() and (log["cost"] > 0).all() and (log["cost"] < log["amount"]).all()
    assert log["date"].between(simulate.START, simulate.END).all()
    first = log.groupby("customer_id")["date"].min()
    assert (first.reindex(customers["customer_id"]).to_numpy() == customers["join_date"].to_numpy()).all()
    assert set(log["category"]) <= set(profile.categories)
    assert set(customers["channel"]) <= set(profile.channels)
    assert (customers["channel_zh"] == customers["channel"].map(lambda c: profile.channels[c][0])).all()
    assert set(customers["age_band"]) <= set(simulate.AGE_BANDS)
    assert set(log["region"]) <= set(simulate.REGIONS) and set(customers["region"]) <= set(simulate.REGIONS)


@pytest.mark.parametrize("code", list(industries.INDUSTRIES))
def test_default_data_has_the_course_company_schema(code):
    _check_tables(industries.load_industry(code), industries.INDUSTRIES[code], industries.DEFAULT_CUSTOMERS)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(list(industries.INDUSTRIES)), st.integers(1, 300), st.integers(0, 2**32 - 1))
def test_any_seed_gives_valid_tables(code, n_customers, seed):
    _check_tables(industries.simulate_industry(code, n_customers, seed), industries.INDUSTRIES[code], n_customers)


def _within_sampling_error(values, expected, z=4.0):
    """The mean of independent per-customer ``values`` is within z standard errors of ``expected``."""
    values = np.asarray(values, dtype=float)
    standard_error = values.std(ddof=1) / np.sqrt(len(values))
    return abs(values.mean() - expected) <= z * standard_error, (values.mean(), expected, standard_error)


@pytest.mark.parametrize("code", list(industries.INDUSTRIES))
def test_mean_spend_matches_the_documented_gamma_gamma(code):
    # One purchase per customer (the first), so the values are independent: E[z] = p*gamma/(q-1).
    profile = industries.INDUSTRIES[code]
    log = industries.simulate_industry(code, n_customers=4000, seed=11)["transactions"]
    first_purchase = log.drop_duplicates("customer_id")["amount"]  # transactions are in date order per customer
    ok, detail = _within_sampling_error(first_purchase, profile.mean_spend)
    assert ok, detail


@pytest.mark.parametrize("code", list(industries.INDUSTRIES))
def test_repeat_purchases_match_the_documented_bgnbd(code):
    # Customer i, observed for T_i weeks after joining, makes E[X(T_i)] repeat purchases on average
    # (FHL 2005, eq. 7); the difference of the counts from it averages 0 within sampling error.
    profile = industries.INDUSTRIES[code]
    data = industries.simulate_industry(code, n_customers=4000, seed=12)
    end = pd.Timestamp(simulate.END) + pd.Timedelta(days=1)
    weeks = (end - data["customers"].set_index("customer_id")["join_date"]).dt.days / 7
    repeats = data["transactions"].groupby("customer_id").size().reindex(weeks.index) - 1
    model = cv.BetaGeoModel()
    model.params_ = {k: profile.params[k] for k in ("r", "alpha", "a", "b")}
    ok, detail = _within_sampling_error(repeats - model.expected_purchases(weeks.to_numpy()), 0.0)
    assert ok, detail
    assert repeats.mean() == pytest.approx(model.expected_purchases(weeks.to_numpy()).mean(), rel=0.15)


def test_bgnbd_fit_recovers_the_purchase_parameters():
    profile = industries.INDUSTRIES["snacks"]
    log = industries.load_industry("snacks")["transactions"]
    summary = cv.summarize(log, observation_end=simulate.END, freq="W")
    fitted = cv.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"]).params_
    assert fitted["r"] / fitted["alpha"] == pytest.approx(profile.mean_purchase_rate, rel=0.15)
    assert fitted["a"] / (fitted["a"] + fitted["b"]) == pytest.approx(profile.mean_dropout, rel=0.25)


def test_channels_carry_the_documented_loyalty_signal():
    data = industries.load_industry("apparel")
    repeats = data["transactions"].groupby("customer_id")["date"].nunique() - 1
    mean_repeats = repeats.groupby(data["customers"].set_index("customer_id")["channel"]).mean()
    assert mean_repeats["referral"] > mean_repeats["live_stream"]
