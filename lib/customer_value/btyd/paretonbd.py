"""Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note; docs/references.md)."""

from __future__ import annotations

import numpy as np

from ._base import PurchaseModel, _check_purchase_data, _horizon, _horizons, _rft, _time_unit
from ._mle import _fit, _numeric_hessian, _unique_rows

__all__ = ["ParetoNBDModel"]


class ParetoNBDModel(PurchaseModel):
    """Pareto/NBD (Schmittlein, Morrison & Colombo 1987, Management Science 33(1)); likelihood as
    in Fader & Hardie (2005), "A note on deriving the Pareto/NBD model and related expressions".

    Purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β) (exponential lifetimes).
    Published CDNOW fit: r = 0.553, α = 10.58, s = 0.606, β ≈ 11.66, log-likelihood −9594.98.
    """

    names = ("r", "alpha", "s", "beta")
    label = "Pareto/NBD"

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
        """Maximum likelihood over log-parameters (L-BFGS-B, then Nelder-Mead if it stalls).

        Raises :class:`ConvergenceError` (a ``ValueError``) for data that cannot identify the
        model: fewer than 2 customers, no repeat buyers, or parameters running off to a bound.
        """
        columns = _rft(frequency, recency, T)
        _check_purchase_data("Pareto/NBD", columns[0])
        scale = max(float(columns[2].mean()), 1e-12)
        (x, t_x, big_t), weight = _unique_rows(*columns)

        def negative_ll(log_params):
            with np.errstate(all="ignore"):
                value = -np.dot(weight, self.individual_log_likelihood(np.exp(log_params), x, t_x, big_t))
            return value if np.isfinite(value) else 1e300

        params, log_likelihood, log_params = _fit(negative_ll, self.names, [np.zeros(4)])
        scales = {"alpha": scale, "beta": scale}
        self._accept(params, log_likelihood, lambda: _numeric_hessian(negative_ll, log_params), ("r", "s"), scales)
        self.time_unit_ = _time_unit(frequency, recency, T)
        return self

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)] = r·β / (α·(s − 1)) · [1 − (β/(β + t))^(s − 1)] for a new customer (SMC 1987)."""
        r, alpha, s, beta = self._params()
        t = _horizons(t)
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

