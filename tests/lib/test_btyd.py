"""BG/NBD, Pareto/NBD and Gamma-Gamma against the published CDNOW results (docs/references.md)."""

import numpy as np
import pandas as pd
import pytest

import customer_value as cv
from customer_value import btyd, simulate
from customer_value.btyd import _mle
from customer_value.btyd.bgnbd import _BetaGeoLikelihood
from customer_value.btyd.gammagamma import _GammaGammaLikelihood

from published import PUBLISHED_BG  # noqa: E402


@pytest.fixture(scope="module")
def cdnow(cdnow_summary):
    return cdnow_summary


@pytest.fixture(scope="module")
def bg(cdnow):
    return btyd.BetaGeoModel().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])


def _published_bg():
    model = btyd.BetaGeoModel()
    model.params_ = dict(PUBLISHED_BG)
    return model


def test_bgnbd_fit_reproduces_fader_hardie_lee(bg):
    # FHL (2005); BTYD walkthrough: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL -9582.4
    for name, value in PUBLISHED_BG.items():
        assert bg.params_[name] == pytest.approx(value, rel=5e-4), name
    assert bg.log_likelihood_ == pytest.approx(-9582.429, abs=0.01)


def test_bgnbd_unconditional_expectation():
    # docs/references.md: E[X(t)] at t = 0.1429, 1, 3, 31.8571, 32, 78 weeks
    expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576]
    got = _published_bg().expected_purchases([0.1429, 1, 3, 31.8571, 32, 78])
    np.testing.assert_allclose(got, expected, atol=6e-4)


def test_increasing_frequency_paradox():
    # t_x = 20, T = 39, next 52 weeks (BTYD walkthrough with the unrounded fit)
    model = _published_bg()
    got = [model.predict(52, x, 20, 39)[0] for x in (10, 15, 20, 25)]
    np.testing.assert_allclose(got, [0.3474606, 0.04283391, 0.004158973, 0.0003583685], rtol=2e-5)


def test_single_customer_log_likelihood_hardie_note_027():
    ll = btyd.BetaGeoModel.individual_log_likelihood((0.25, 4, 0.8, 2.5), [200, 0], [38, 0], [40, 40])
    np.testing.assert_allclose(ll, [100.7957, -0.59947382], rtol=1e-6)


def test_pareto_nbd_fit_reproduces_the_published_values(cdnow):
    model = btyd.ParetoNBDModel().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    assert model.params_["r"] == pytest.approx(0.553, abs=1e-3)
    assert model.params_["alpha"] == pytest.approx(10.58, abs=0.01)
    assert model.params_["s"] == pytest.approx(0.606, abs=1e-3)
    assert model.params_["beta"] == pytest.approx(11.66, abs=0.05)  # weakly identified
    assert model.log_likelihood_ == pytest.approx(-9594.976, abs=0.01)


def test_gamma_gamma_fit_reproduces_the_published_values(cdnow):
    model = btyd.GammaGammaModel().fit(cdnow["frequency"], cdnow["monetary_value"])
    assert model.params_["p"] == pytest.approx(6.25, abs=0.005)
    assert model.params_["q"] == pytest.approx(3.74, abs=0.005)
    assert model.params_["v"] == pytest.approx(15.44, abs=0.01)
    spend = model.expected_spend([0, 1, 10], [0, 50.0, 50.0])
    p, q, v = model.params_["p"], model.params_["q"], model.params_["v"]
    assert spend[0] == pytest.approx(p * v / (q - 1))  # no repeat purchase: the population mean
    assert spend[0] < spend[1] < spend[2] < 50  # shrinks towards the observed mean as x grows


def test_identities(bg):
    assert bg.p_alive([0, 0], [0, 0], [5, 50]).tolist() == [1.0, 1.0]
    predictions = [bg.predict(t, 3, 20, 39)[0] for t in (0, 10, 52, 104)]
    assert predictions[0] == 0 and all(a < b for a, b in zip(predictions, predictions[1:]))
    alive = bg.p_alive([5, 5], [38, 10], [39, 39])
    assert alive[0] > alive[1]  # a recent last purchase is a sign of life
    assert np.all(np.diff(bg.expected_purchases([0, 1, 10, 100])) > 0)


def test_large_histories_stay_finite(bg):
    x = np.array([0, 50, 500, 2000])
    t_x = np.array([0, 30, 38, 38.9])
    big_t = np.full(4, 39.0)
    assert np.isfinite(btyd.BetaGeoModel.individual_log_likelihood(tuple(bg.params_.values()), x, t_x, big_t)).all()
    assert np.isfinite(bg.p_alive(x, t_x, big_t)).all()


def test_clv_is_discounted_purchases_times_spend(bg, cdnow):
    gg = btyd.GammaGammaModel().fit(cdnow["frequency"], cdnow["monetary_value"])
    clv = btyd.customer_lifetime_value(bg, gg, cdnow.head(50), horizon_months=12, discount_rate_monthly=0.01)
    undiscounted = btyd.customer_lifetime_value(bg, gg, cdnow.head(50), horizon_months=12, discount_rate_monthly=0.0)
    expected = bg.predict(12 * 4.345, cdnow.head(50)["frequency"], cdnow.head(50)["recency"], cdnow.head(50)["T"]) * gg.expected_spend(cdnow.head(50)["frequency"], cdnow.head(50)["monetary_value"])
    np.testing.assert_allclose(undiscounted, expected, rtol=1e-9)
    assert (clv <= undiscounted + 1e-12).all() and (clv >= 0).all()


def test_fit_recovers_the_simulator_truth():
    company = simulate.simulate_company(n_customers=6000, seed=99, start="2023-01-01", end="2024-12-31")
    log = company["transactions"]
    summary = cv.summarize(log, observation_end="2024-12-31", freq="W")
    model = btyd.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    truth = simulate.TRUE_PARAMS
    # sampling error at n = 6,000 (and same-day purchases merged): within 25 % on each parameter
    for name in ("r", "alpha", "a", "b"):
        assert model.params_[name] == pytest.approx(truth[name], rel=0.25), name
    mean_rate = model.params_["r"] / model.params_["alpha"]
    assert mean_rate == pytest.approx(truth["r"] / truth["alpha"], rel=0.15)
    spend = btyd.GammaGammaModel().fit(summary["frequency"], summary["monetary_value"]).params_
    # mean spend p v / (q - 1); a start at (1, 1, 1) alone slides into the p -> inf ridge here
    assert spend["p"] < 100
    assert spend["p"] * spend["v"] / (spend["q"] - 1) == pytest.approx(truth["p"] * truth["gamma"] / (truth["q"] - 1), rel=0.05)


@pytest.mark.parametrize(
    "args, message",
    [
        (([1], [5], [3]), "recency must not exceed T"),
        (([0], [2], [5]), "recency must be 0 when frequency is 0"),
        (([-1], [0], [5]), "frequency must not be negative"),
        (([1.5], [1], [5]), "whole number"),
        (([1, 2], [1, 1, 1], [5]), "same length"),
        (([0], [0], [-1]), "T must not be negative"),
    ],
)
def test_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        btyd.BetaGeoModel().fit(*args)


def test_unfitted_and_gamma_gamma_errors():
    with pytest.raises(ValueError, match="not fitted"):
        btyd.BetaGeoModel().expected_purchases(1)
    with pytest.warns(UserWarning, match="zero repeat spend"), pytest.raises(btyd.ConvergenceError, match="at least 2"):
        btyd.GammaGammaModel().fit([1, 2], [0.0, 10.0])  # the zero-spend repeat buyer is left out
    with pytest.raises(ValueError, match="at least 2"):
        btyd.GammaGammaModel().fit([1, 0], [10.0, 0.0])
    with pytest.raises(ValueError, match="horizon_months"):
        btyd.customer_lifetime_value(_published_bg(), btyd.GammaGammaModel(), pd.DataFrame(columns=["frequency", "recency", "T", "monetary_value"]), horizon_months=0)


def test_tracking_table_counts_repeat_transactions(bg):
    log = cv.load_cdnow()
    table = btyd.tracking_table(bg, log, "1997-01-01", 78)
    summary = cv.load_cdnow_summary()
    # end of week 39 = 1997-09-30: the calibration repeat transactions; week 78 adds the holdout
    assert table.loc[39, "actual"] == summary["frequency"].sum() == 2457
    assert table.loc[78, "actual"] == 2457 + summary["holdout_frequency"].sum()
    assert table.loc[39, "model"] == pytest.approx(2457, rel=0.03)  # the fit tracks calibration
    assert (np.diff(table["model"]) >= 0).all()
    with pytest.raises(ValueError, match="before start"):
        btyd.tracking_table(bg, log, "1997-06-01", 10)


def test_tracking_and_p_alive_charts(bg, tmp_path):
    import matplotlib

    import warnings

    matplotlib.use("Agg")
    cv.use_cjk_font()
    table = btyd.tracking_table(bg, cv.load_cdnow(), "1997-01-01", 78)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        cv.plotting.plot_tracking(table, 39).figure.savefig(tmp_path / "t.png")
        cv.plotting.plot_p_alive(bg, 39).figure.savefig(tmp_path / "p.png")
    assert not [w for w in record if "Glyph" in str(w.message)]
    assert (tmp_path / "p.png").stat().st_size > 1000


def _bgnbd_row_gradient(params, x, t_x, big_t) -> np.ndarray:
    """d ln L_i / d ln(r, alpha, a, b), one row per customer (differentiating eq. 6 of FHL 2005)."""
    from scipy.special import digamma

    r, alpha, a, b = params
    a3 = -(r + x) * np.log(alpha + big_t)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t_x), -np.inf)
    total = np.logaddexp(a3, a4)
    w3, w4 = np.exp(a3 - total), np.exp(a4 - total)
    d_r = digamma(r + x) - digamma(r) + np.log(alpha) - w3 * np.log(alpha + big_t) - w4 * np.log(alpha + t_x)
    d_alpha = r / alpha - w3 * (r + x) / (alpha + big_t) - w4 * (r + x) / (alpha + t_x)
    d_a = digamma(a + b) - digamma(a + b + x) + w4 / a
    with np.errstate(divide="ignore", invalid="ignore"):
        d_b = digamma(b + x) - digamma(b) + digamma(a + b) - digamma(a + b + x) - np.where(x > 0, w4 / np.maximum(b + x - 1, 1e-300), 0.0)
    return np.column_stack([d_r * r, d_alpha * alpha, d_a * a, d_b * b])



def test_analytic_gradients_match_finite_differences(cdnow):
    from scipy.optimize import approx_fprime

    x, t_x, big_t = (cdnow[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    log_params = np.log([0.3, 4.0, 0.9, 2.0])

    def total(lp):
        return np.sum(btyd.BetaGeoModel.individual_log_likelihood(np.exp(lp), x, t_x, big_t))

    analytic = _bgnbd_row_gradient(np.exp(log_params), x, t_x, big_t).sum(axis=0)
    np.testing.assert_allclose(analytic, approx_fprime(log_params, total, 1e-6), rtol=1e-4, atol=1e-3)


def test_pareto_nbd_predictions():
    model = btyd.ParetoNBDModel()
    model.params_ = {"r": 0.553, "alpha": 10.58, "s": 0.606, "beta": 11.66}
    # Monte Carlo of the model itself: lambda ~ Gamma(r, alpha), mu ~ Gamma(s, beta), lifetime ~ Exp(mu)
    rng = np.random.default_rng(4)
    n, t = 400_000, 52.0
    lam = rng.gamma(0.553, 1 / 10.58, n)
    lifetime = rng.exponential(1 / rng.gamma(0.606, 1 / 11.66, n))
    simulated = rng.poisson(lam * np.minimum(lifetime, t)).mean()
    assert model.expected_purchases(t)[0] == pytest.approx(simulated, rel=0.02)
    alive = model.p_alive([0, 5, 5], [0, 38, 10], [39, 39, 39])
    assert (alive > 0).all() and (alive <= 1).all() and alive[1] > alive[2]
    predictions = [model.predict(h, 3, 20, 39)[0] for h in (0, 10, 52)]
    assert predictions[0] == 0 and predictions[0] < predictions[1] < predictions[2]
    with pytest.raises(ValueError, match="not fitted"):
        btyd.ParetoNBDModel().p_alive(1, 1, 2)


def _finite_difference(function, log_params, step=1e-5):
    """Central differences of a vector- or scalar-valued function of the log-parameters."""
    columns = []
    for j in range(len(log_params)):
        shift = np.zeros(len(log_params))
        shift[j] = step
        columns.append((np.asarray(function(log_params + shift)) - np.asarray(function(log_params - shift))) / (2 * step))
    return np.array(columns)


@pytest.fixture(scope="module")
def simulated():
    summary = cv.summarize(simulate.simulate_transactions(n_customers=3000, seed=5), freq="W")
    return summary[["frequency", "recency", "T", "monetary_value"]]


@pytest.mark.parametrize("data", ["cdnow", "simulated"])
def test_reduced_bgnbd_likelihood_equals_the_per_customer_sum(data, request):
    summary = request.getfixturevalue(data)
    x, t_x, big_t = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    objective = _BetaGeoLikelihood(x, t_x, big_t)
    assert objective.weight.sum() == (x > 0).sum()  # every repeat buyer is in one distinct history
    for params in ([0.3, 4.0, 0.9, 2.0], [0.2426, 4.414, 0.793, 2.426], [2.0, 0.5, 3.0, 0.6]):
        value, gradient, _ = objective._evaluate(np.log(params))
        per_customer = btyd.BetaGeoModel.individual_log_likelihood(params, x, t_x, big_t)
        assert value == pytest.approx(per_customer.sum(), rel=1e-12)
        row_gradient = _bgnbd_row_gradient(np.array(params), x, t_x, big_t).sum(axis=0)
        np.testing.assert_allclose(gradient, row_gradient, rtol=1e-9, atol=1e-7)


@pytest.mark.parametrize("data", ["cdnow", "simulated"])
def test_bgnbd_hessian_matches_finite_differences_of_the_gradient(data, request):
    summary = request.getfixturevalue(data)
    objective = _BetaGeoLikelihood(*(summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T")))
    for params in ([0.3, 4.0, 0.9, 2.0], [0.8, 3.0, 0.6, 3.0]):
        log_params = np.log(params)
        _, gradient, hessian = objective._evaluate(log_params)
        np.testing.assert_allclose(gradient, _finite_difference(lambda lp: objective._evaluate(lp)[0], log_params), rtol=1e-6, atol=1e-4)
        np.testing.assert_allclose(hessian, _finite_difference(lambda lp: objective._evaluate(lp)[1], log_params), rtol=1e-5, atol=1e-3)
        np.testing.assert_allclose(hessian, hessian.T)
        assert np.all(objective.hessian(log_params) == -hessian)


@pytest.mark.parametrize("data", ["cdnow", "simulated"])
def test_reduced_gamma_gamma_likelihood_equals_the_per_customer_form(data, request):
    summary = request.getfixturevalue(data)
    repeaters = summary[summary["frequency"] > 0]
    x, m = repeaters["frequency"].to_numpy(dtype=float), repeaters["monetary_value"].to_numpy(dtype=float)
    objective = _GammaGammaLikelihood(x, m)
    for params in ([6.25, 3.74, 15.44], [1.0, 1.0, 1.0], [20.0, 2.0, 5.0]):
        log_params = np.log(params)
        value, gradient, hessian = objective._evaluate(log_params)
        per_customer = btyd.GammaGammaModel.individual_log_likelihood(params, x, m)
        assert value == pytest.approx(per_customer.sum(), rel=1e-12)
        total = lambda lp: btyd.GammaGammaModel.individual_log_likelihood(np.exp(lp), x, m).sum()  # noqa: E731
        np.testing.assert_allclose(gradient, _finite_difference(total, log_params), rtol=1e-6, atol=1e-4)
        np.testing.assert_allclose(hessian, _finite_difference(lambda lp: objective._evaluate(lp)[1], log_params), rtol=1e-5, atol=1e-3)
        assert objective(log_params)[0] == -value and np.all(objective(log_params)[1] == -gradient)


def test_fits_agree_with_an_independent_optimiser(simulated):
    # the trust-region Newton fit lands where a derivative-free simplex on the per-customer sum does
    from scipy.optimize import minimize

    x, t_x, big_t, m = (simulated[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T", "monetary_value"))
    bg = btyd.BetaGeoModel().fit(x, t_x, big_t)
    simplex = minimize(
        lambda lp: -btyd.BetaGeoModel.individual_log_likelihood(np.exp(lp), x, t_x, big_t).sum(),
        np.log(list(bg.params_.values())) + 0.1, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 5000},
    )
    np.testing.assert_allclose(list(bg.params_.values()), np.exp(simplex.x), rtol=1e-4)
    assert bg.log_likelihood_ == pytest.approx(-simplex.fun, abs=1e-6)
    gg = btyd.GammaGammaModel().fit(x, m)
    keep = x > 0
    simplex = minimize(
        lambda lp: -btyd.GammaGammaModel.individual_log_likelihood(np.exp(lp), x[keep], m[keep]).sum(),
        np.log(list(gg.params_.values())) + 0.1, method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 5000},
    )
    np.testing.assert_allclose(list(gg.params_.values()), np.exp(simplex.x), rtol=1e-4)


def test_distinct_rows_and_newton_convergence_helpers():
    rows, counts = _mle._unique_rows(np.array([2.0, 1.0, 2.0, 1.0]), np.array([5.0, 3.0, 5.0, 4.0]))
    assert [r.tolist() for r in rows] == [[1.0, 1.0, 2.0], [3.0, 4.0, 5.0]] and counts.tolist() == [1, 1, 2]
    hessian = np.array([[2.0, 0.0], [0.0, 3.0]])
    assert _mle._newton_converged(np.zeros(2), np.array([1e-8, 1e-8]), hessian)
    assert not _mle._newton_converged(np.zeros(2), np.array([1e-3, 0.0]), hessian)  # a step of 5e-4 left
    assert not _mle._newton_converged(np.zeros(2), np.zeros(2), -hessian)  # a maximum, not a minimum


# --- the shared base class: nothing fitted before fit, from_params, repr, summary -------------------

@pytest.mark.parametrize("model_class", [btyd.BetaGeoModel, btyd.ParetoNBDModel, btyd.GammaGammaModel])
def test_no_fitted_attribute_before_fit(model_class):
    model = model_class()
    assert not hasattr(model, "params_") and not hasattr(model, "log_likelihood_")
    with pytest.raises(btyd.NotFittedError, match="not fitted yet .*call fit\\("):
        model.params_
    assert issubclass(btyd.NotFittedError, ValueError)
    assert repr(model) == f"{model_class.__name__}(not fitted)"
    with pytest.raises(AttributeError):
        model.no_such_thing


def test_from_params_and_repr():
    model = btyd.BetaGeoModel.from_params(PUBLISHED_BG)
    assert model.params_ == PUBLISHED_BG
    assert repr(model) == "BetaGeoModel(r=0.2426, alpha=4.414, a=0.793, b=2.426)"
    np.testing.assert_allclose(model.expected_purchases(78), _published_bg().expected_purchases(78))
    assert btyd.GammaGammaModel.from_params(p=6.25, q=3.74, v=15.44).params_ == {"p": 6.25, "q": 3.74, "v": 15.44}
    with pytest.raises(ValueError, match="exactly \\['r', 'alpha', 's', 'beta'\\]"):
        btyd.ParetoNBDModel.from_params(r=1, alpha=1, s=1)
    with pytest.raises(ValueError, match="params\\['b'\\]"):
        btyd.BetaGeoModel.from_params({**PUBLISHED_BG, "b": -1})
    with pytest.raises(btyd.NotFittedError, match="summary\\(\\) needs a fit on data"):
        model.summary()


def _numeric_hessian(total, theta, relative_step=1e-4):
    """Central second differences of a scalar function in the natural parameters."""
    theta = np.asarray(theta, dtype=float)
    n = len(theta)
    h = relative_step * theta
    hessian = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            e_i, e_j = np.eye(n)[i] * h[i], np.eye(n)[j] * h[j]
            hessian[i, j] = (
                total(theta + e_i + e_j) - total(theta + e_i - e_j) - total(theta - e_i + e_j) + total(theta - e_i - e_j)
            ) / (4 * h[i] * h[j])
    return hessian


def _assert_standard_errors(model, negative_ll):
    # se from the inverse of the finite-difference Hessian of −ln L in the natural parameters
    theta = np.array([model.params_[name] for name in model.names])
    expected = np.sqrt(np.diag(np.linalg.inv(_numeric_hessian(negative_ll, theta))))
    table = model.summary()
    assert list(table.index) == list(model.names)
    np.testing.assert_allclose(table["estimate"], theta)
    np.testing.assert_allclose(table["std_error"], expected, rtol=2e-3)
    assert (table["lower_95"] < table["estimate"]).all() and (table["estimate"] < table["upper_95"]).all()


def test_summary_standard_errors_match_finite_differences(bg, cdnow):
    x, t_x, big_t, m = (cdnow[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T", "monetary_value"))
    _assert_standard_errors(bg, lambda th: -btyd.BetaGeoModel.individual_log_likelihood(th, x, t_x, big_t).sum())
    gg = btyd.GammaGammaModel().fit(x, m)
    keep = x > 0
    _assert_standard_errors(gg, lambda th: -btyd.GammaGammaModel.individual_log_likelihood(th, x[keep], m[keep]).sum())
    assert gg.summary().loc["q", "std_error"] == pytest.approx(0.29, abs=0.01)  # CDNOW: q = 3.74 ± 0.29


def test_pareto_nbd_summary_matches_finite_differences(simulated):
    x, t_x, big_t = (simulated[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    model = btyd.ParetoNBDModel().fit(x, t_x, big_t)
    _assert_standard_errors(model, lambda th: -btyd.ParetoNBDModel.individual_log_likelihood(th, x, t_x, big_t).sum())
    model.params_ = dict(model.params_, r=1.0)  # parameters set by hand after the fit: no standard errors
    with pytest.raises(btyd.NotFittedError, match="summary"):
        model.summary()
