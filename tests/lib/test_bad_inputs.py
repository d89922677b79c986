"""Bad and edge inputs across the public API: each is refused with a ValueError that names the
argument (never a silently wrong number, never an error from inside pandas or numpy)."""

import time
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import customer_value as cv
from customer_value import btyd

LOG = pd.DataFrame(
    {
        "customer_id": [1, 1, 2, 3, 3, 3],
        "date": ["2024-01-01", "2024-01-09", "2024-01-05", "2024-01-02", "2024-01-20", "2024-01-30"],
        "amount": [10.0, 20.0, 7.0, 12.0, 8.0, 30.0],
    }
)
from published import PUBLISHED_BG  # noqa: E402


@pytest.fixture(scope="module")
def cdnow(cdnow_summary):
    return cdnow_summary


@pytest.fixture(scope="module")
def models(cdnow):
    bg = btyd.BetaGeoModel().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    gg = btyd.GammaGammaModel().fit(cdnow["frequency"], cdnow["monetary_value"])
    return bg, gg


def _summary():
    return cv.summarize(LOG, observation_end="2024-01-31")


def _scores():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cv.rfm_scores(_summary(), bins=5)


def _with(frame, **changes):
    frame = frame.copy()
    for column, values in changes.items():
        frame[column] = values
    return frame


# --- summarize and the transaction log ------------------------------------------------------

SUMMARIZE_CASES = [
    (lambda: _with(LOG, amount=[True, False, True, True, True, True]), {}, "boolean"),
    (lambda: _with(LOG, amount=[10.0, np.inf, 1, 1, 1, 1]), {}, "infinite"),
    (lambda: _with(LOG, amount=["10", "20", "1", "1", "1", "1"]), {}, "only numbers"),
    (lambda: _with(LOG, customer_id=pd.Series([1, "1", 2, 3, 3, 3], dtype=object)), {}, "mixes types"),
    (lambda: _with(LOG, date=["01/02/2020", "03/04/2020", "05/06/2020", "07/08/2020", "09/10/2020", "11/12/2020"]), {}, "day/month"),
    (lambda: _with(LOG, date=[True] * 6), {}, "not a date|boolean"),
    (lambda: _with(LOG, date=[19970101, 19971301, 19970101, 19970101, 19970101, 19970101]), {}, "not a date"),
    (lambda: _with(LOG, date=[1.5] * 6), {}, "yyyymmdd"),
    (lambda: _with(LOG, date=["garbage"] * 6), {}, "not a date"),
    (lambda: {"customer_id": [1], "date": ["2024-01-01"], "amount": [1.0]}, {}, "DataFrame"),
    (lambda: LOG, {"observation_end": "not a date"}, "observation_end"),
    (lambda: LOG, {"observation_end": True}, "observation_end"),
    (lambda: LOG, {"observation_end": ["2024-01-31"]}, "one date"),
    (lambda: LOG, {"freq": True}, "freq"),
]


@pytest.mark.parametrize("make, kwargs, message", SUMMARIZE_CASES)
def test_summarize_refuses(make, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cv.summarize(make(), **kwargs)


def test_integer_dates_are_yyyymmdd():
    log = _with(LOG, date=[20240101, 20240109, 20240105, 20240102, 20240120, 20240130])
    summary = cv.summarize(log, observation_end=20240131)
    expected = cv.summarize(LOG, observation_end="2024-01-31")
    pd.testing.assert_frame_equal(summary, expected)
    assert summary.loc[1, "T"] == 30 and summary.loc[3, "recency"] == 28  # not 0 for everyone


def test_day_first_dates_need_a_format_or_a_deciding_row():
    days = ["01/02/2020", "03/02/2020", "02/02/2020", "01/02/2020", "05/02/2020", "09/02/2020"]
    summary = cv.summarize(_with(LOG, date=days), date_format="%d/%m/%Y")
    assert summary.loc[1, "recency"] == 2  # 1 and 3 February, not 2 January and 2 March
    decided = cv.summarize(_with(LOG, date=[*days[:5], "13/02/2020"]))  # 13 can only be a day
    assert decided.loc[3, "recency"] == 12
    with pytest.raises(ValueError, match="both day/month and month/day"):
        cv.summarize(_with(LOG, date=[*days[:4], "02/13/2020", "13/02/2020"]))


def test_iso_text_and_datetimes_agree():
    stamped = _with(LOG, date=pd.to_datetime(LOG["date"]).dt.tz_localize("Asia/Shanghai"))
    pd.testing.assert_frame_equal(cv.summarize(stamped), cv.summarize(LOG))


# --- the time unit travels with the summary -----------------------------------------------------


def test_summary_records_its_unit_and_keeps_it_through_usual_operations(cdnow):
    assert cv.summarize(LOG).attrs["freq"] == "D"
    weekly = cv.summarize(LOG, freq="W")
    assert weekly.attrs["freq"] == "W" and cdnow.attrs["freq"] == "W"
    for derived in (cdnow.head(10), cdnow[cdnow["frequency"] > 0], cdnow.copy(), cdnow.sort_values("T"), cdnow.assign(x=1)):
        assert cv.transactions.time_unit(derived) == "W"
        assert cv.transactions.time_unit(derived["frequency"]) == "W"


def test_clv_uses_the_summary_unit():
    log = cv.load_cdnow()
    log = log[log["date"] <= "1997-09-30"]
    clvs = {}
    for freq in ("D", "W"):
        summary = cv.summarize(log, observation_end="1997-09-30", freq=freq)
        bg = btyd.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
        gg = btyd.GammaGammaModel().fit(summary["frequency"], summary["monetary_value"])
        assert bg.time_unit_ == freq
        clvs[freq] = btyd.customer_lifetime_value(bg, gg, summary, 12, 0.01)
    # the same customers in days and in weeks: equal up to 4.345 weeks vs 30.4375 days a month
    np.testing.assert_allclose(clvs["D"], clvs["W"], rtol=2e-3)
    assert clvs["D"].sum() > 0.99 * clvs["W"].sum()  # was 5.6 times too low with 4.345 "days" a month


def test_clv_refuses_unit_mismatches(models, cdnow):
    bg, gg = models
    head = cdnow.head(20)
    with pytest.raises(ValueError, match="periods_per_month"):
        btyd.customer_lifetime_value(bg, gg, head, periods_per_month=30.4375)  # days for a weekly summary
    unknown = head.join(pd.DataFrame({"extra": 1}, index=head.index))  # join drops attrs
    assert cv.transactions.time_unit(unknown) is None
    plain = btyd.BetaGeoModel()
    plain.params_ = dict(PUBLISHED_BG)
    with pytest.raises(ValueError, match="does not record its time unit"):
        btyd.customer_lifetime_value(plain, gg, unknown)
    explicit = btyd.customer_lifetime_value(plain, gg, unknown, periods_per_month=4.345)
    np.testing.assert_allclose(explicit, btyd.customer_lifetime_value(plain, gg, head), rtol=1e-12)
    daily = _summary()
    with pytest.raises(ValueError, match="fitted on data in unit 'W'"):
        btyd.customer_lifetime_value(bg, gg, daily)


# --- customer_lifetime_value ------------------------------------------------------------------

def _clv_call(summary=None, **kwargs):
    def call(bg, gg, cdnow):
        return btyd.customer_lifetime_value(bg, gg, cdnow.head(30) if summary is None else summary(cdnow), **kwargs)
    return call


CLV_CASES = [
    (_clv_call(horizon_months=True), "horizon_months"),
    (_clv_call(horizon_months=None), "horizon_months"),
    (_clv_call(horizon_months=2.5), "horizon_months"),
    (_clv_call(discount_rate_monthly=np.nan), "discount_rate_monthly"),
    (_clv_call(discount_rate_monthly=np.inf), "discount_rate_monthly"),
    (_clv_call(discount_rate_monthly=True), "discount_rate_monthly"),
    (_clv_call(periods_per_month=0), "periods_per_month"),
    (_clv_call(periods_per_month="4.345"), "periods_per_month"),
    (_clv_call(periods_per_month=np.nan), "periods_per_month"),
    (_clv_call(summary=lambda s: s.head(3).to_dict()), "DataFrame"),
    (_clv_call(summary=lambda s: pd.concat([s.head(3), s.head(1)])), "more than once"),
    (_clv_call(summary=lambda s: s.head(3).assign(frequency=[1.5, 0, 0])), "whole"),
    (_clv_call(summary=lambda s: s.head(3).assign(monetary_value=[np.inf, 0, 0])), "infinite"),
    (_clv_call(summary=lambda s: s.head(3).assign(frequency=[True, False, False])), "boolean"),
    (_clv_call(summary=lambda s: s.head(3).drop(columns="T")), "no column 'T'"),
    (lambda bg, gg, s: btyd.customer_lifetime_value(gg, gg, s.head(3)), "bg must be"),
    (lambda bg, gg, s: btyd.customer_lifetime_value(bg, btyd.GammaGammaModel(), s.head(3)), "not fitted"),
]


@pytest.mark.parametrize("call, message", CLV_CASES)
def test_customer_lifetime_value_refuses(call, message, models, cdnow):
    bg, gg = models
    with pytest.raises(ValueError, match=message):
        call(bg, gg, cdnow)


def test_zero_repeat_spend_is_valued_by_the_documented_rule(models, cdnow):
    bg, gg = models
    summary = cdnow.head(5).copy()
    summary.loc[summary.index[0], ["frequency", "recency", "monetary_value"]] = [2, 10.0, 0.0]
    clv = btyd.customer_lifetime_value(bg, gg, summary)
    assert np.isfinite(clv).all() and clv.iloc[0] > 0
    p, q, v = gg.params_["p"], gg.params_["q"], gg.params_["v"]
    w = p * 2 / (p * 2 + q - 1)
    assert gg.expected_spend([2], [0.0])[0] == pytest.approx((1 - w) * p * v / (q - 1))
    with pytest.warns(UserWarning, match="1 customer"):
        refit = btyd.GammaGammaModel().fit([2, *cdnow["frequency"]], [0.0, *cdnow["monetary_value"]])
    assert refit.params_["p"] == pytest.approx(gg.params_["p"], rel=1e-6)  # the zero-spend customer is left out


# --- BTYD models ------------------------------------------------------------------------------

def _fitted_bg():
    model = btyd.BetaGeoModel()
    model.params_ = dict(PUBLISHED_BG)
    return model


MODEL_CASES = [
    (lambda: _fitted_bg().predict(True, 1, 5, 10), "boolean"),
    (lambda: _fitted_bg().predict([1, 2], 1, 5, 10), "one number"),
    (lambda: _fitted_bg().predict(None, 1, 5, 10), "t must be a number"),
    (lambda: _fitted_bg().predict(np.nan, 1, 5, 10), "NaN"),
    (lambda: _fitted_bg().predict("52", 1, 5, 10), "t must be a number"),
    (lambda: _fitted_bg().expected_purchases(True), "boolean"),
    (lambda: _fitted_bg().expected_purchases([1, np.inf]), "infinite"),
    (lambda: _fitted_bg().expected_purchases(None), "missing"),
    (lambda: _fitted_bg().p_alive([True], [1], [5]), "boolean"),
    (lambda: btyd.BetaGeoModel().fit([1.5, 1], [1, 1], [5, 5]), "whole number"),
    (lambda: btyd.BetaGeoModel().fit(["1", "2"], [1, 1], [5, 5]), "only numbers"),
    (lambda: btyd.ParetoNBDModel().fit([1, 0], [1, 0], [-1, 5]), "T must not be negative"),
    (lambda: btyd.GammaGammaModel().fit([1.5, 2, 3], [10, 20, 30]), "whole number"),
    (lambda: btyd.GammaGammaModel().fit([True, 2, 3], [10, 20, 30]), "boolean"),
    (lambda: btyd.GammaGammaModel().fit([1, 2, 3], [10, np.inf, 30]), "infinite"),
    (lambda: btyd.tracking_table(_fitted_bg(), LOG, "garbage", 4), "start"),
    (lambda: btyd.tracking_table(_fitted_bg(), LOG, "2024-01-01", True), "weeks"),
    (lambda: btyd.tracking_table(_fitted_bg(), LOG, "2024-01-01", 2.5), "weeks"),
    (lambda: btyd.tracking_table(_fitted_bg(), _with(LOG, date=["x"] * 6), "2024-01-01", 4), "not a date"),
    (lambda: btyd.tracking_table(_fitted_bg(), LOG.to_dict(), "2024-01-01", 4), "DataFrame"),
    (lambda: btyd.tracking_table(btyd.BetaGeoModel(), LOG, "2024-01-01", 4), "not fitted"),
]


@pytest.mark.parametrize("call, message", MODEL_CASES)
def test_models_refuse(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("model", [btyd.BetaGeoModel, btyd.ParetoNBDModel])
def test_t_zero_customers_are_accepted_and_contribute_likelihood_one(model, cdnow):
    x, t_x, big_t = (cdnow[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    base = model().fit(x, t_x, big_t)
    params = tuple(base.params_.values())
    assert model.individual_log_likelihood(params, [0], [0], [0])[0] == pytest.approx(0.0, abs=1e-12)
    zeros = np.zeros(200)
    with_new = model().fit(np.concatenate([x, zeros]), np.concatenate([t_x, zeros]), np.concatenate([big_t, zeros]))
    assert with_new.log_likelihood_ == pytest.approx(base.log_likelihood_, abs=1e-6)
    # The parameters agree to the optimizer's precision: L-BFGS-B (Pareto/NBD) stops when the likelihood
    # improves by less than scipy's default ftol (2.2e-9 relative), and on this flat likelihood two fits whose
    # sums differ only in rounding then differ by about 1e-4 in beta (1.1e-4 seen on one CPU, < 1e-5 on another).
    for name, value in base.params_.items():
        assert with_new.params_[name] == pytest.approx(value, rel=1e-3), name
    assert base.p_alive([0], [0], [0])[0] == pytest.approx(1.0)


def test_summarize_t_zero_customer_can_be_fitted():
    log = pd.concat([cv.load_cdnow(), pd.DataFrame({"customer_id": [99999], "date": [pd.Timestamp("1997-09-30")], "amount": [5.0]})])
    summary = cv.summarize(log[log["date"] <= "1997-09-30"], observation_end="1997-09-30", freq="W")
    assert summary.loc[99999, "T"] == 0
    bg = btyd.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    assert bg.params_["r"] == pytest.approx(PUBLISHED_BG["r"], rel=1e-3)


DEGENERATE = [
    ("one customer", lambda: btyd.BetaGeoModel().fit([3], [10], [20]), "1 customer"),
    ("no repeaters", lambda: btyd.BetaGeoModel().fit([0] * 50, [0] * 50, np.linspace(5, 30, 50)), "none of the 50"),
    ("pareto no repeaters", lambda: btyd.ParetoNBDModel().fit([0] * 50, [0] * 50, np.linspace(5, 30, 50)), "none of the 50"),
    ("two customers", lambda: btyd.BetaGeoModel().fit([3, 0], [10, 0], [20, 20]), "cannot identify"),
    ("pareto two customers", lambda: btyd.ParetoNBDModel().fit([3, 0], [10, 0], [20, 20]), "cannot identify"),
    ("identical histories", lambda: btyd.BetaGeoModel().fit([2] * 50, [10] * 50, [20] * 50), "cannot identify"),
    ("identical spends", lambda: btyd.GammaGammaModel().fit(np.arange(200) % 5 + 1, [20.0] * 200), "spends the same"),
    ("nearly identical spends", lambda: btyd.GammaGammaModel().fit(
        np.arange(200) % 5 + 1, 20.0 + np.random.default_rng(1).normal(0, 1e-6, 200)), "cannot identify"),
    ("two spenders", lambda: btyd.GammaGammaModel().fit([1, 2], [20.0, 30.0]), "cannot identify"),
    ("one spender", lambda: btyd.GammaGammaModel().fit([1, 0], [20.0, 0.0]), "at least 2"),
]


@pytest.mark.filterwarnings("ignore:frequency and monetary_value are correlated")
@pytest.mark.parametrize("case, fit, message", DEGENERATE, ids=[case[0] for case in DEGENERATE])
def test_degenerate_fits_fail_fast_with_a_convergence_error(case, fit, message):
    start = time.perf_counter()
    with pytest.raises(btyd.ConvergenceError, match=message):
        fit()
    assert time.perf_counter() - start < 5, case
    assert issubclass(cv.ConvergenceError, ValueError)


# --- RFM ----------------------------------------------------------------------------------------

RFM_CASES = [
    (lambda: cv.rfm_scores(_summary(), bins=np.nan), "bins"),
    (lambda: cv.rfm_scores(_summary(), bins=np.inf), "bins"),
    (lambda: cv.rfm_scores(_summary(), bins="10"), "bins"),
    (lambda: cv.rfm_scores(_summary(), bins=None), "bins"),
    (lambda: cv.rfm_scores(_summary(), bins=True), "bins"),
    (lambda: cv.rfm_scores(_summary(), bins=10), "at most 9"),
    (lambda: cv.rfm_scores(pd.concat([_summary(), _summary().head(1)])), "customer 1 more than once"),
    (lambda: cv.rfm_scores(_summary().assign(total_spend=[np.inf, 1, 2])), "infinite"),
    (lambda: cv.rfm_scores(_summary().assign(total_spend=[True, False, True])), "boolean"),
    (lambda: cv.rfm_scores(_summary().assign(n_purchases=[1.5, 1, 2])), "whole"),
    (lambda: cv.rfm_scores(_summary().to_dict()), "DataFrame"),
    (lambda: cv.rfm_scores(_summary().set_axis(pd.Index([1, "1", 2], dtype=object))), "mixes types"),
    (lambda: cv.rfm_segments(_scores().assign(R=[0, 5, 5])), "customer 1 has 0"),
    (lambda: cv.rfm_segments(_scores().assign(R=[np.nan, 5, 5])), "missing or infinite"),
    (lambda: cv.rfm_segments(_scores().assign(F=[4.5, 5, 5])), "has 4.5"),
    (lambda: cv.rfm_segments(_scores().assign(R=[True, True, True])), "boolean"),
    (lambda: cv.rfm_segments(pd.concat([_scores(), _scores().head(1)])), "more than once"),
    (lambda: cv.rfm_segments(_scores().assign(total_spend=[np.nan, 1, 2]), scheme="cn8"), "missing or infinite"),
    (lambda: cv.rfm_segments({"R": [1], "F": [1]}), "DataFrame"),
]


@pytest.mark.parametrize("call, message", RFM_CASES)
def test_rfm_refuses(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- tiers, survey, evaluation, clv, cohort, datasets -------------------------------------------

OTHER_CASES = [
    (lambda: cv.customer_pyramid([5, -1, 3], lead_below=np.nan), "lead_below"),
    (lambda: cv.customer_pyramid([5, -1, 3], lead_below=True), "lead_below"),
    (lambda: cv.customer_pyramid([True, False, True]), "boolean"),
    (lambda: cv.customer_pyramid(pd.Series([1.0, 2.0], index=["a", "a"])), "more than once"),
    (lambda: cv.pareto_table([10, np.inf, 3]), "infinite"),
    (lambda: cv.pareto_table(["10", "3"]), "only numbers"),
    (lambda: cv.gini([True, False, True]), "boolean"),
    (lambda: cv.abc_classes(pd.Series([1.0, 2.0], index=[1, "1"], dtype=float)), "mixes types"),
    (lambda: cv.value_matrix([1, 2, 3], [1, 2, 3], current_threshold=True), "current_threshold"),
    (lambda: cv.value_quadrants([1, 2], [True, False]), "boolean"),
    (lambda: cv.nps([True, False]), "boolean"),
    (lambda: cv.nps([9, 10, np.inf]), "outside the scale"),
    (lambda: cv.csat([5, 4], satisfied_from=True), "satisfied_from"),
    (lambda: cv.csat([True, 5]), "boolean"),
    (lambda: cv.survey.nps([9, 10], dropna=1), "dropna"),
    (lambda: cv.survey.satisfaction_loyalty_table([5, 4], [1, 0], spend=[True, 10.0]), "boolean"),
    (lambda: cv.simple_clv(True, 52, 10), "boolean"),
    (lambda: cv.discounted_clv([100, True], 0.1), "boolean"),
    (lambda: cv.retention_clv(100, 0.8, np.nan), "NaN"),
    (lambda: cv.dwyer_table(100, 0.5, 10, 5, 0.1, periods=True), "periods"),
    (lambda: cv.dwyer_table(100, [0.5, True], 10, 5, 0.1, periods=2), "boolean"),
    (lambda: cv.weighted_score([50, True], [0.5, 0.5]), "boolean"),
    (lambda: cv.ahp_weights([[1, True], [1, 1]]), "boolean"),
    (lambda: cv.ahp_weights([[1, "3"], [1 / 3, 1]]), "only numbers"),
    (lambda: cv.compare_offers({"product": [1], "monetary": [1]}), "DataFrame"),
    (lambda: cv.delivered_value(True, 10), "boolean"),
    (lambda: cv.load_cdnow_summary("garbage"), "calibration_end"),
    (lambda: cv.load_cdnow_summary("2031-01-01"), "calibration_end"),
    (lambda: cv.load_cdnow_summary(True), "calibration_end"),
    (lambda: cv.widgets.retention_profit_table(100, 0.1, 2.5, 0.7, 0.05, 0.1), "years must be a whole number"),
    (lambda: cv.widgets.retention_profit_table(100, 0.1, True, 0.7, 0.05, 0.1), "years"),
    (lambda: cv.widgets.retention_profit_table(True, 0.1, 5, 0.7, 0.05, 0.1), "base_profit"),
    (lambda: cv.widgets.retention_profit_table(100, np.nan, 5, 0.7, 0.05, 0.1), "profit_growth"),
]


@pytest.mark.parametrize("call, message", OTHER_CASES)
def test_other_functions_refuse(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_loaders_read_dates_with_a_format(tmp_path):
    text = (cv.datasets.DATA_DIR / "company_survey.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split(",")
    column = header.index("survey_date")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        row[column] = pd.Timestamp(row[column]).strftime("%d/%m/%Y")
    path = tmp_path / "survey.csv"
    path.write_text("\n".join([lines[0], *(",".join(row) for row in rows)]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="survey_date"):
        cv.load_company_survey(path)
    loaded = cv.load_company_survey(path, date_format="%d/%m/%Y")
    pd.testing.assert_frame_equal(loaded, cv.load_company_survey())


# --- fuzzing: anything goes in, a summary or a ValueError comes out -------------------------------

CELLS = st.one_of(
    st.integers(-5, 50), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.sampled_from(["", "x", "10", "2024-01-05", "01/02/2024", "1", 19970101]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, "1"]), CELLS, CELLS), min_size=1, max_size=12))
def test_summarize_fuzz(rows):
    log = pd.DataFrame(rows, columns=["customer_id", "date", "amount"], dtype=object)
    try:
        summary = cv.summarize(log)
    except ValueError:
        return
    numbers = summary[["frequency", "recency", "T", "monetary_value", "total_spend"]].to_numpy(dtype=float)
    assert np.isfinite(numbers).all() and (numbers >= 0).all()
    assert len({type(c) for c in summary.index}) == 1


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS, CELLS), min_size=1, max_size=8), st.one_of(CELLS, st.integers(2, 9)))
def test_rfm_scores_fuzz(rows, bins):
    summary = pd.DataFrame(rows, columns=["days_since_last", "n_purchases", "total_spend"], dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            scores = cv.rfm_scores(summary, bins=bins)
        except ValueError:
            return
    assert scores[["R", "F", "M"]].isin(range(1, 10)).all().all()


@settings(max_examples=100, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=6))
def test_as_array_fuzz(values):
    from customer_value._validation import as_array

    try:
        array = as_array(values, "values")
    except ValueError:
        return
    assert np.isfinite(array).all()
    assert not any(isinstance(v, (bool, str)) or v is None for v in values)
