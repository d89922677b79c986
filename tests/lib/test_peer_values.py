"""Fits against published and peer values: CDNOW replicated ten times (replication leaves the maximum
likelihood estimates unchanged and multiplies the log-likelihood by 10), and, when the lifetimes
package is installed, lifetimes' own example transactions and the full CDNOW master file."""

import os
import warnings

import numpy as np
import pandas as pd
import pytest

import customer_value as cv
from customer_value import btyd

# Fader, Hardie & Lee (2005) BG/NBD; Fader, Hardie & Lee (2005, iso-value curves) Gamma-Gamma
from published import PUBLISHED_BG, PUBLISHED_BG_LL  # noqa: E402
PUBLISHED_GG = {"p": 6.25, "q": 3.74, "v": 15.44}
# lifetimes 0.11.3 BetaGeoFitter on its datasets (run by hand; see the module docstring)
LIFETIMES_EXAMPLE_BG = {"r": 0.16385090187, "alpha": 1.86428077023, "a": 1.85034309541, "b": 3.18105879612}
LIFETIMES_MASTER_BG = {"r": 0.251624011, "alpha": 4.788945170, "a": 0.723433036, "b": 2.161086981}


@pytest.fixture(scope="module")
def replicated_log():
    log = cv.load_cdnow()
    copies = [log.assign(customer_id=log["customer_id"] + k * 10_000) for k in range(10)]
    return pd.concat(copies, ignore_index=True)


def test_ten_times_cdnow_gives_the_published_parameters(replicated_log):
    calibration = replicated_log[replicated_log["date"] <= "1997-09-30"]
    summary = cv.summarize(calibration, observation_end="1997-09-30", freq="W")
    assert len(summary) == 23_570 and summary.attrs["freq"] == "W"
    bg = btyd.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    for name, value in PUBLISHED_BG.items():
        assert bg.params_[name] == pytest.approx(value, rel=5e-4), name
    assert bg.log_likelihood_ == pytest.approx(10 * PUBLISHED_BG_LL, abs=0.1)
    gg = btyd.GammaGammaModel().fit(summary["frequency"], summary["monetary_value"])
    for name, value in PUBLISHED_GG.items():
        assert gg.params_[name] == pytest.approx(value, abs=0.01), name
    single = cv.load_cdnow_summary()
    clv = btyd.customer_lifetime_value(bg, gg, summary)
    assert clv.loc[single.index].to_numpy() == pytest.approx(clv.loc[single.index + 90_000].to_numpy(), rel=1e-12)


def _lifetimes_file(name: str) -> str:
    lifetimes = pytest.importorskip("lifetimes")
    return os.path.join(os.path.dirname(lifetimes.__file__), "datasets", name)


def test_lifetimes_example_transactions():
    log = pd.read_csv(_lifetimes_file("example_transactions.csv"))
    summary = cv.summarize(log.assign(amount=1.0), customer="id", date="date", observation_end="2014-12-31")
    bg = btyd.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    for name, value in LIFETIMES_EXAMPLE_BG.items():
        assert bg.params_[name] == pytest.approx(value, rel=1e-6), name


def test_full_cdnow_master_with_integer_dates_and_zero_repeat_spend():
    log = pd.read_csv(_lifetimes_file("CDNOW_master.txt"), sep=r"\s+", header=0, names=["customer_id", "date", "n_cds", "amount"])
    assert log["date"].dtype.kind == "i"  # 19970101: read as yyyymmdd
    summary = cv.summarize(log[log["date"] <= 19970930], observation_end=19970930, freq="W")
    assert len(summary) == 23_570 and summary["T"].max() == pytest.approx(39.0, abs=0.2)
    assert summary.loc[10244, "frequency"] == 1 and summary.loc[10244, "monetary_value"] == 0
    bg = btyd.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    for name, value in LIFETIMES_MASTER_BG.items():
        assert bg.params_[name] == pytest.approx(value, rel=1e-5), name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gg = btyd.GammaGammaModel().fit(summary["frequency"], summary["monetary_value"])
    assert any("index 10244" in str(w.message) for w in caught)
    clv = btyd.customer_lifetime_value(bg, gg, summary)
    assert np.isfinite(clv).all() and (clv >= 0).all() and clv.loc[10244] > 0
