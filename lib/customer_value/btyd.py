"""Probabilistic "buy till you die" models: BG/NBD, Pareto/NBD and Gamma-Gamma.

Time is in the unit of the summary (weeks for CDNOW, as Fader & Hardie measure it); money in
the data's currency. Inputs per customer: ``frequency`` x (repeat purchases), ``recency`` t_x
(first to last purchase) and ``T`` (first purchase to the end of calibration), as made by
:func:`customer_value.transactions.summarize`. Models are fitted by maximum likelihood with
scipy.optimize on log-parameters; likelihoods use scipy.special (gammaln, betaln, hyp2f1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validation import as_array


def _rft(frequency, recency, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated arrays x, t_x, T: x ≥ 0 whole, 0 ≤ t_x ≤ T, t_x = 0 when x = 0 (one value broadcasts)."""
    x = as_array(frequency, "frequency")
    t_x = as_array(recency, "recency")
    big_t = as_array(T, "T")
    lengths = {len(x), len(t_x), len(big_t)} - {1}
    if len(lengths) > 1:
        raise ValueError(f"frequency, recency and T must have the same length, got {len(x)}, {len(t_x)}, {len(big_t)}")
    x, t_x, big_t = (np.array(v) for v in np.broadcast_arrays(x, t_x, big_t))  # a single value applies to all
    checks = [
        (x < 0, "frequency must not be negative"),
        (x != np.round(x), "frequency must be a whole number of repeat purchases"),
        (t_x < 0, "recency must not be negative"),
        (t_x > big_t + 1e-9, "recency must not exceed T"),
        ((x == 0) & (t_x > 0), "recency must be 0 when frequency is 0"),
        (big_t <= 0, "T must be positive"),
    ]
    for bad, message in checks:
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{message}: customer {i} has frequency {x[i]}, recency {t_x[i]}, T {big_t[i]}")
    return x, t_x, big_t


def _unique_rows(*columns: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Distinct customer histories and how many customers share each (the likelihood is a weighted sum)."""
    rows, counts = np.unique(np.column_stack(columns), axis=0, return_counts=True)
    return tuple(rows[:, i] for i in range(rows.shape[1])), counts.astype(float)


def _fit(negative_ll, names: tuple[str, ...], starts: list[np.ndarray], gradient=None) -> tuple[dict[str, float], float]:
    """Minimise over log-parameters from each start (L-BFGS-B, Nelder-Mead if it stalls); keep the best.

    ``gradient`` (optional) returns the gradient of ``negative_ll`` with respect to the log-parameters.
    """
    from scipy.optimize import minimize

    best = None
    for start in starts:
        result = minimize(negative_ll, np.asarray(start, dtype=float), jac=gradient, method="L-BFGS-B", options={"maxiter": 2000})
        if not result.success:  # polish a stalled quasi-Newton run with the derivative-free simplex
            result = minimize(negative_ll, result.x, method="Nelder-Mead", options={"maxiter": 20000, "xatol": 1e-9, "fatol": 1e-9})
        if best is None or result.fun < best.fun:
            best = result
    if not np.isfinite(best.fun) or best.fun >= 1e300:
        raise RuntimeError(f"the fit did not converge from any start: {best.message}")
    return dict(zip(names, np.exp(best.x).tolist())), float(-best.fun)


def _horizon(t) -> float:
    """A forecast horizon: one number of periods, ≥ 0."""
    t = float(t)
    if not np.isfinite(t) or t < 0:
        raise ValueError(f"t must be a finite number of periods ≥ 0, got {t}")
    return t


class _PurchaseModel:
    """What BG/NBD and Pareto/NBD share: fitted parameters and the check that they exist."""

    names: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None

    def _params(self) -> tuple[float, ...]:
        if self.params_ is None:
            raise ValueError("the model is not fitted yet: call fit(frequency, recency, T) first")
        return tuple(self.params_[name] for name in self.names)


class BetaGeoModel(_PurchaseModel):
    """BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an alternative to
    the Pareto/NBD model", Marketing Science 24(2)).

    While active a customer buys at rate λ ~ Gamma(r, α); after each repeat purchase they drop
    out with probability p ~ Beta(a, b). Published CDNOW fit: r = 0.243, α = 4.414, a = 0.793,
    b = 2.426, log-likelihood −9582.4.
    """

    names = ("r", "alpha", "a", "b")

    @staticmethod
    def individual_log_likelihood(params, frequency, recency, T) -> np.ndarray:
        """ln L for each customer (FHL 2005, eq. 6), in the stable log-sum form."""
        from scipy.special import betaln, gammaln

        r, alpha, a, b = params
        x, t_x, big_t = _rft(frequency, recency, T)
        a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
        a2 = betaln(a, b + x) - betaln(a, b)
        a3 = -(r + x) * np.log(alpha + big_t)
        with np.errstate(divide="ignore", invalid="ignore"):
            a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t_x), -np.inf)
        return a1 + a2 + np.logaddexp(a3, a4)

    def fit(self, frequency, recency, T) -> "BetaGeoModel":
        (x, t_x, big_t), weight = _unique_rows(*_rft(frequency, recency, T))

        def negative_ll(log_params):
            value = -np.dot(weight, self.individual_log_likelihood(np.exp(log_params), x, t_x, big_t))
            return value if np.isfinite(value) else 1e300

        def gradient(log_params):
            return -weight @ self._log_likelihood_gradient(np.exp(log_params), x, t_x, big_t)

        self.params_, self.log_likelihood_ = _fit(negative_ll, self.names, [np.zeros(4)], gradient)
        return self

    @staticmethod
    def _log_likelihood_gradient(params, x, t_x, big_t) -> np.ndarray:
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

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)]: repeat purchases of a new customer in a period of length t (FHL 2005, eq. 7)."""
        from scipy.special import hyp2f1

        r, alpha, a, b = self._params()
        t = as_array(t, "t")
        if (t < 0).any():
            raise ValueError(f"t must not be negative, got {t.min()}")
        return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))

    def p_alive(self, frequency, recency, T) -> np.ndarray:
        """P(still active | x, t_x, T) = 1 / (1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x))."""
        r, alpha, a, b = self._params()
        x, t_x, big_t = _rft(frequency, recency, T)
        with np.errstate(divide="ignore", invalid="ignore"):
            log_ratio = np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) + (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x))
        return np.where(x > 0, 1.0 / (1.0 + np.exp(np.minimum(log_ratio, 700))), 1.0)

    def predict(self, t, frequency, recency, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: expected repeat purchases in the next t periods (FHL 2005, eq. 10)."""
        from scipy.special import hyp2f1

        r, alpha, a, b = self._params()
        x, t_x, big_t = _rft(frequency, recency, T)
        t = _horizon(t)
        z = t / (alpha + big_t + t)
        first = (a + b + x - 1) / (a - 1)
        second = 1 - ((alpha + big_t) / (alpha + big_t + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
        return first * second * self.p_alive(x, t_x, big_t)


class ParetoNBDModel(_PurchaseModel):
    """Pareto/NBD (Schmittlein, Morrison & Colombo 1987, Management Science 33(1)); likelihood as
    in Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions".

    Purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β) (exponential lifetimes).
    Published CDNOW fit: r = 0.553, α = 10.58, s = 0.606, β ≈ 11.66, log-likelihood −9594.98.
    """

    names = ("r", "alpha", "s", "beta")

    @staticmethod
    def _log_terms(params, x, t_x, big_t) -> tuple[np.ndarray, np.ndarray]:
        """The two terms of the Pareto/NBD likelihood bracket, in logs: alive through T, and
        died between t_x and T (Fader & Hardie 2005, note on the Pareto/NBD, eq. 2 and its A0)."""
        from scipy.special import hyp2f1

        r, alpha, s, beta = params
        rsx = r + s + x
        if alpha >= beta:
            big, b_second = alpha, s + 1
        else:
            big, b_second = beta, r + x
        diff = abs(alpha - beta)
        # log of hyp2f1(...) / (big + t)^(r+s+x), for t = t_x and t = T
        log_term1 = np.log(hyp2f1(rsx, b_second, rsx + 1, diff / (big + t_x))) - rsx * np.log(big + t_x)
        log_term2 = np.log(hyp2f1(rsx, b_second, rsx + 1, diff / (big + big_t))) - rsx * np.log(big + big_t)
        with np.errstate(invalid="ignore", divide="ignore"):
            log_a0 = log_term1 + np.log1p(-np.exp(np.minimum(log_term2 - log_term1, 0.0)))
        log_alive = -(r + x) * np.log(alpha + big_t) - s * np.log(beta + big_t)
        log_died = np.log(s) - np.log(rsx) + log_a0
        return log_alive, log_died

    @classmethod
    def individual_log_likelihood(cls, params, frequency, recency, T) -> np.ndarray:
        """ln L for each customer (Fader & Hardie 2005, note on the Pareto/NBD, eq. 2)."""
        from scipy.special import gammaln

        r, alpha, s, beta = params
        x, t_x, big_t = _rft(frequency, recency, T)
        log_alive, log_died = cls._log_terms(params, x, t_x, big_t)
        return gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta) + np.logaddexp(log_alive, log_died)

    def fit(self, frequency, recency, T) -> "ParetoNBDModel":
        (x, t_x, big_t), weight = _unique_rows(*_rft(frequency, recency, T))

        def negative_ll(log_params):
            with np.errstate(all="ignore"):
                value = -np.dot(weight, self.individual_log_likelihood(np.exp(log_params), x, t_x, big_t))
            return value if np.isfinite(value) else 1e300

        self.params_, self.log_likelihood_ = _fit(negative_ll, self.names, [np.zeros(4)])
        return self

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)] = r·β / (α·(s − 1)) · [1 − (β/(β + t))^(s − 1)] for a new customer (SMC 1987)."""
        r, alpha, s, beta = self._params()
        t = as_array(t, "t")
        if (t < 0).any():
            raise ValueError(f"t must not be negative, got {t.min()}")
        if abs(s - 1) < 1e-9:
            return r * beta / alpha * np.log1p(t / beta)
        return r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1))

    def p_alive(self, frequency, recency, T) -> np.ndarray:
        """P(alive | x, t_x, T) = 1 / (1 + [died term] / [alive term]) (Fader & Hardie 2005 note)."""
        x, t_x, big_t = _rft(frequency, recency, T)
        log_alive, log_died = self._log_terms(self._params(), x, t_x, big_t)
        return 1.0 / (1.0 + np.exp(np.minimum(log_died - log_alive, 700)))

    def predict(self, t, frequency, recency, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T] = (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s − 1)] · P(alive)."""
        r, alpha, s, beta = self._params()
        x, t_x, big_t = _rft(frequency, recency, T)
        t = _horizon(t)
        if abs(s - 1) < 1e-9:
            rate_part = (r + x) * (beta + big_t) / (alpha + big_t) * np.log1p(t / (beta + big_t))
        else:
            rate_part = (r + x) * (beta + big_t) / ((alpha + big_t) * (s - 1)) * (1 - ((beta + big_t) / (beta + big_t + t)) ** (s - 1))
        return rate_part * self.p_alive(x, t_x, big_t)


class GammaGammaModel:
    """Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves
    for customer base analysis", J. Marketing Research 42(4); Hardie's note 025).

    Each purchase z ~ Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with frequency > 0.
    Published CDNOW fit: p = 6.25, q = 3.74, γ (v) = 15.44.
    """

    names = ("p", "q", "v")

    def __init__(self) -> None:
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None

    @staticmethod
    def _xm(frequency, monetary_value) -> tuple[np.ndarray, np.ndarray]:
        x = as_array(frequency, "frequency")
        m = as_array(monetary_value, "monetary_value")
        if len(x) != len(m):
            raise ValueError(f"frequency and monetary_value must have the same length, got {len(x)} and {len(m)}")
        if (x < 0).any() or (m < 0).any():
            raise ValueError("frequency and monetary_value must not be negative")
        if ((x > 0) & (m <= 0)).any():
            raise ValueError("monetary_value must be positive for customers with repeat purchases")
        return x, m

    def fit(self, frequency, monetary_value) -> "GammaGammaModel":
        from scipy.special import gammaln

        x, m = self._xm(frequency, monetary_value)
        keep = x > 0
        if keep.sum() < 2:
            raise ValueError("Gamma-Gamma needs at least 2 customers with repeat purchases")
        x, m = x[keep], m[keep]
        (x_u, m_u), weight = _unique_rows(x, m)
        correlation = np.corrcoef(x, m)[0, 1]
        if abs(correlation) > 0.3:
            import warnings

            warnings.warn(
                f"frequency and monetary_value are correlated (r = {correlation:.2f}); the Gamma-Gamma model assumes they are independent",
                UserWarning,
                stacklevel=2,
            )

        def negative_ll(log_params):
            p, q, v = np.exp(log_params)
            ll = (
                gammaln(p * x_u + q) - gammaln(p * x_u) - gammaln(q) + q * np.log(v)
                + (p * x_u - 1) * np.log(m_u) + p * x_u * np.log(x_u) - (p * x_u + q) * np.log(v + m_u * x_u)
            )
            value = -np.dot(weight, ll)
            return value if np.isfinite(value) else 1e300

        def gradient(log_params):
            from scipy.special import digamma

            p, q, v = np.exp(log_params)
            shared = digamma(p * x_u + q)
            d_p = x_u * (shared - digamma(p * x_u) + np.log(m_u) + np.log(x_u) - np.log(v + m_u * x_u))
            d_q = shared - digamma(q) + np.log(v) - np.log(v + m_u * x_u)
            d_v = q / v - (p * x_u + q) / (v + m_u * x_u)
            return -np.array([weight @ d_p * p, weight @ d_q * q, weight @ d_v * v])

        # the likelihood has a ridge (p -> inf, v -> 0) that a start at 1, 1, 1 can slide into on
        # some data: start near moment-based values, and try (1, 1, 1) too only if that lands on it
        self.params_, self.log_likelihood_ = _fit(negative_ll, self.names, [np.log([2.0, 3.0, 2.0 * float(np.median(m))])], gradient)
        if self.params_["p"] > 1e4:
            self.params_, self.log_likelihood_ = _fit(
                negative_ll, self.names, [np.log([2.0, 3.0, 2.0 * float(np.median(m))]), np.zeros(3)], gradient
            )
        return self

    def expected_spend(self, frequency, monetary_value) -> np.ndarray:
        """E[Z | x, z̄] = (1 − w)·p·v/(q − 1) + w·z̄, w = p·x / (p·x + q − 1) (money per purchase)."""
        if self.params_ is None:
            raise ValueError("the model is not fitted yet: call fit(frequency, monetary_value) first")
        p, q, v = (self.params_[name] for name in self.names)
        x, m = self._xm(frequency, monetary_value)
        w = p * x / (p * x + q - 1)
        return (1 - w) * p * v / (q - 1) + w * m


def customer_lifetime_value(
    bg: BetaGeoModel,
    gg: GammaGammaModel,
    summary: pd.DataFrame,
    horizon_months: int = 12,
    discount_rate_monthly: float = 0.01,
    periods_per_month: float = 4.345,
) -> pd.Series:
    """Discounted expected value of each customer's purchases over the next ``horizon_months``.

    CLV = Σ_{k=1..H} (E[Y(k·u)] − E[Y((k−1)·u)]) · E[Z] / (1 + d)^k, with u = periods_per_month
    (4.345 weeks when time is in weeks), E[Y] from the purchase model and E[Z] from Gamma-Gamma
    (Fader, Hardie & Lee 2005, iso-value curves). Returns money, indexed like ``summary``.
    """
    for column in ("frequency", "recency", "T", "monetary_value"):
        if column not in summary.columns:
            raise ValueError(f"summary has no column {column!r}; use transactions.summarize")
    if horizon_months < 1 or int(horizon_months) != horizon_months:
        raise ValueError(f"horizon_months must be a whole number ≥ 1, got {horizon_months!r}")
    if discount_rate_monthly <= -1:
        raise ValueError(f"discount_rate_monthly must be greater than -1, got {discount_rate_monthly}")
    args = (summary["frequency"], summary["recency"], summary["T"])
    spend = gg.expected_spend(summary["frequency"], summary["monetary_value"])
    value = np.zeros(len(summary))
    previous = np.zeros(len(summary))
    for month in range(1, int(horizon_months) + 1):
        cumulative = bg.predict(month * periods_per_month, *args)
        value += (cumulative - previous) * spend / (1 + discount_rate_monthly) ** month
        previous = cumulative
    return pd.Series(value, index=summary.index, name="clv")


def tracking_table(
    model: BetaGeoModel, log: pd.DataFrame, start, weeks: int, customer: str = "customer_id", date: str = "date"
) -> pd.DataFrame:
    """Cumulative repeat transactions week by week: actual (from ``log``) against the model.

    The tracking plot of Fader, Hardie & Lee (2005, figure 2): week w covers days 7(w−1) .. 7w−1
    after ``start``; a repeat transaction is a purchase day after the customer's first (several
    purchases on one day count once). The model's cumulative count at the end of week w is
    Σ_i E[X(w − t0_i)] over customers whose first purchase t0_i (in weeks) came before.
    Returns columns ``actual``, ``model`` (cumulative) and ``actual_weekly``, ``model_weekly``.
    """
    from .transactions import validate_transactions

    if int(weeks) != weeks or weeks < 1:
        raise ValueError(f"weeks must be a whole number ≥ 1, got {weeks!r}")
    clean = validate_transactions(log.assign(_amount=0.0), customer, date, "_amount")
    days = clean[[customer, date]].drop_duplicates()
    origin = pd.Timestamp(start)
    offset = (days[date] - origin).dt.days.to_numpy()
    if (offset < 0).any():
        raise ValueError(f"log has purchases before start ({origin.date()})")
    first_day = days.groupby(customer)[date].transform("min")
    repeat = days[date] > first_day
    week_of = offset[repeat.to_numpy()] // 7 + 1
    actual_weekly = np.bincount(week_of[week_of <= weeks], minlength=int(weeks) + 1)[1:]
    t0 = ((days.groupby(customer)[date].min() - origin).dt.days / 7.0).to_numpy()
    first_weeks, counts = np.unique(t0, return_counts=True)
    ends = np.arange(1, int(weeks) + 1, dtype=float)
    model_cumulative = np.array(
        [np.sum(counts * model.expected_purchases(np.clip(end - first_weeks, 0, None))) for end in ends]
    )
    return pd.DataFrame(
        {
            "actual": np.cumsum(actual_weekly),
            "model": model_cumulative,
            "actual_weekly": actual_weekly,
            "model_weekly": np.diff(np.concatenate([[0.0], model_cumulative])),
        },
        index=pd.Index(np.arange(1, int(weeks) + 1), name="week"),
    )
