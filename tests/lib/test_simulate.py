"""The course company's generator: deterministic, and true to its documented model."""

import numpy as np
import pandas as pd
import pytest

from customer_value import simulate


def test_same_seed_same_data_other_seed_other_data():
    a = simulate.simulate_company(n_customers=300, seed=5)
    b = simulate.simulate_company(n_customers=300, seed=5)
    c = simulate.simulate_company(n_customers=300, seed=6)
    pd.testing.assert_frame_equal(a["transactions"], b["transactions"])
    pd.testing.assert_frame_equal(a["customers"], b["customers"])
    assert not a["transactions"]["amount"].equals(c["transactions"]["amount"])


def test_mean_spend_matches_the_gamma_gamma_expectation():
    # E[z] = p * gamma / (q - 1) (Fader, Hardie & Lee 2005, iso-value curves) = 45 yuan here.
    log = simulate.simulate_transactions(n_customers=40_000, seed=3)
    expected = simulate.TRUE_PARAMS["p"] * simulate.TRUE_PARAMS["gamma"] / (simulate.TRUE_PARAMS["q"] - 1)
    assert log["amount"].mean() == pytest.approx(expected, rel=0.03)


def test_repeat_purchases_match_the_bgnbd_expectation():
    # With everybody joining at the start, the mean number of repeat purchases in t weeks is
    # the BG/NBD E[X(t)] = (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r * 2F1(r, b; a+b-1; t/(alpha+t))].
    from scipy.special import hyp2f1

    r, alpha, a, b = (simulate.TRUE_PARAMS[k] for k in ("r", "alpha", "a", "b"))
    rng = np.random.default_rng(11)
    n, t = 60_000, 52.0
    latent = simulate._latent(rng, n, simulate.TRUE_PARAMS)
    customer, _ = simulate._purchase_weeks(rng, np.zeros(n), np.full(n, t), latent)
    repeats = np.bincount(customer, minlength=n) - 1
    expected = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    assert repeats.mean() == pytest.approx(expected, rel=0.03)


def test_large_logs_for_benchmarks():
    log = simulate.simulate_transactions(target_rows=50_000, seed=2)
    assert 40_000 < len(log) < 60_000
    assert list(log.columns) == ["customer_id", "date", "amount"]
    with pytest.raises(ValueError, match="n_customers or target_rows"):
        simulate.simulate_transactions()


def test_demographics_carry_signal_for_segmentation():
    company = simulate.simulate_company()
    repeat_days = company["transactions"].groupby("customer_id")["date"].nunique() - 1
    by_channel = company["customers"].set_index("customer_id")["channel"]
    mean_repeats = repeat_days.groupby(by_channel).mean()
    assert mean_repeats["referral"] > mean_repeats["delivery"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n_customers": 0}, "n_customers"),
        ({"n_customers": 2.5}, "n_customers"),
        ({"start": "2024-01-01", "end": "2023-01-01"}, "at least 5 weeks"),
        ({"start": "someday"}, "dates"),
        ({"params": {"r": -1.0}}, "params\\['r'\\]"),
        ({"params": {"q": 0.5}}, "exceed 1"),
        ({"params": {"beta": 1.0}}, "unknown"),
    ],
)
def test_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        simulate.simulate_company(**{"n_customers": 10, **kwargs})
