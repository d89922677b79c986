"""BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"; docs/references.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import PurchaseModel, _check_purchase_data, _horizon, _horizons, _rft, _time_unit
from ._mle import _codes, _dot, _fit, _Likelihood

__all__ = ["BetaGeoModel"]


class _BetaGeoLikelihood(_Likelihood):
    """The BG/NBD log-likelihood of a data set and its gradient, reduced to what changes per customer.

    Eq. 6 of Fader, Hardie & Lee (2005), "Counting your customers the easy way", in logs:
    ln L_i = A(x) − (r + x)·ln(α + T) + ln(1 + δ(x>0)·exp(z)), with
    A(x) = ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x) − ln B(a, b) and
    z = ln a − ln(b + x − 1) + (r + x)·[ln(α + T) − ln(α + t_x)].
    Summed over customers, A needs evaluating once per distinct x (weighted by how many customers
    have it) and the (r + x)·ln(α + T) term once per distinct T (weighted by the customers' count and
    total x there); only the softplus ln(1 + e^z) is per distinct (x, t_x, T) of repeat buyers, from
    logarithms of the distinct α + T and α + t_x. The gradient (with respect to ln r, ln α, ln a,
    ln b) differentiates the same sums; its per-customer part is σ(z) = e^z / (1 + e^z).
    """

    def __init__(self, x: np.ndarray, t_x: np.ndarray, big_t: np.ndarray) -> None:
        self.x_values, x_code = _codes(x)
        self.n_x = np.bincount(x_code, minlength=len(self.x_values)).astype(float)
        self.t_values, t_code = _codes(big_t)
        self.customers_at_t = np.bincount(t_code, minlength=len(self.t_values)).astype(float)
        self.x_at_t = np.bincount(t_code, weights=x, minlength=len(self.t_values))
        self.n = float(len(x))
        self.repeat_x = self.x_values > 0
        # repeat buyers' distinct histories (x, t_x, T), each with how many customers share it
        repeat = x > 0
        self.recency_values, recency_code = _codes(t_x[repeat])
        x_code, t_code = x_code[repeat], t_code[repeat]
        sizes = (len(self.x_values), len(self.t_values), len(self.recency_values))
        if float(np.prod(sizes, dtype=float)) < 2.0**62:
            key = (x_code * sizes[1] + t_code) * sizes[2] + recency_code
            history, distinct = pd.factorize(key)
            self.weight = np.bincount(history, minlength=len(distinct)).astype(float)
            first = np.empty(len(distinct), dtype=np.intp)
            first[history[::-1]] = np.arange(len(key) - 1, -1, -1)  # a customer with each history
            x_code, t_code, recency_code = x_code[first], t_code[first], recency_code[first]
        else:  # too many distinct values to combine into one key: keep every customer
            self.weight = np.ones(len(x_code))
        self.x_code, self.t_code, self.recency_code = x_code, t_code, recency_code
        self.x = self.x_values[x_code]
        # work arrays for the per-history terms, reused by every evaluation (fresh temporaries of
        # this size cost more in page faults than the arithmetic itself)
        self._work = np.empty((10, len(self.x)))
        super().__init__()

    def _compute(self, log_params: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """(Σ ln L_i, gradient, Hessian) with respect to ln(r, α, a, b)."""
        from scipy.special import betaln, digamma, gammaln, polygamma

        r, alpha, a, b = theta = np.exp(log_params)
        xv, weight, n, n_x = self.x_values, self.weight, self.n, self.n_x
        at_t, x_at_t = self.customers_at_t, self.x_at_t
        b_x1 = np.where(self.repeat_x, b + xv - 1, 1.0)  # b + x − 1 (only used where x > 0)
        log_t = np.log(alpha + self.t_values)
        log_recency = np.log(alpha + self.recency_values)
        inv_t = 1.0 / (alpha + self.t_values)
        inv_recency = 1.0 / (alpha + self.recency_values)
        d, rx, z, e, sigma, u, dz_alpha, dz_b, inv_t_row, inv_recency_row = self._work
        # per repeat-buyer history: d = ln(α + T) − ln(α + t_x), z, softplus(z) = ln(1 + e^z), σ(z)
        np.take(log_t, self.t_code, out=d)
        d -= np.take(log_recency, self.recency_code, out=e)
        np.add(self.x, r, out=rx)
        np.take(np.log(a) - np.log(b_x1), self.x_code, out=z)
        z += np.multiply(rx, d, out=e)
        np.abs(z, out=e)
        np.negative(e, out=e)
        np.exp(e, out=e)
        np.log1p(e, out=e)  # ln(1 + e^−|z|)
        np.minimum(z, 0.0, out=sigma)
        sigma -= e  # min(z, 0) − ln(1 + e^−|z|) = z − softplus(z) = ln σ(z)
        softplus_sum = _dot(weight, z) - _dot(weight, sigma)
        np.exp(sigma, out=sigma)
        np.multiply(weight, sigma, out=u)  # weighted σ(z)
        # ∂z/∂r = d, ∂z/∂α = (r + x)(1/(α + T) − 1/(α + t_x)), ∂z/∂a = 1/a, ∂z/∂b = −1/(b + x − 1)
        np.take(inv_t, self.t_code, out=inv_t_row)
        np.take(inv_recency, self.recency_code, out=inv_recency_row)
        q = np.subtract(inv_t_row, inv_recency_row, out=dz_alpha)  # ∂²z/∂r∂α
        z_r_alpha = _dot(u, q)
        dz_alpha *= rx
        np.take(np.where(self.repeat_x, -1.0 / b_x1, 0.0), self.x_code, out=dz_b)
        value = (
            _dot(n_x, gammaln(r + xv) + betaln(a, b + xv)) + n * (r * np.log(alpha) - gammaln(r) - betaln(a, b))
            - _dot(r * at_t + x_at_t, log_t) + softplus_sum
        )
        psi_abx, psi_ab = digamma(a + b + xv), digamma(a + b)
        sum_u = float(u.sum())
        gradient = np.array([
            _dot(n_x, digamma(r + xv)) + n * (np.log(alpha) - digamma(r)) - _dot(at_t, log_t) + _dot(u, d),
            n * r / alpha - _dot(r * at_t + x_at_t, inv_t) + _dot(u, dz_alpha),
            n * psi_ab - _dot(n_x, psi_abx) + sum_u / a,
            _dot(n_x, digamma(b + xv) - psi_abx) + n * (psi_ab - digamma(b)) + _dot(u, dz_b),
        ])
        # Hessian: Σ w σ(1 − σ) ∂z∂zᵀ + Σ w σ ∂²z, plus the terms that are sums over distinct x and T
        v = np.multiply(u, sigma, out=sigma)
        np.subtract(u, v, out=v)  # w σ (1 − σ)
        columns = (d, dz_alpha, dz_b)
        cross = np.array([[float(np.einsum("i,i,i->", v, c1, c2)) for c2 in columns] for c1 in columns])
        first = np.array([_dot(v, c) for c in columns])
        sum_v = float(v.sum())
        # ∂²z/∂α² = (r + x)(1/(α + t_x)² − 1/(α + T)²)
        q2 = np.square(inv_recency_row, out=e)
        q2 -= np.square(inv_t_row, out=z)
        z_alpha_alpha = float(np.einsum("i,i,i->", u, rx, q2))
        z_b_b = float(np.einsum("i,i,i->", u, dz_b, dz_b))
        tri_abx, tri_ab = polygamma(1, a + b + xv), polygamma(1, a + b)
        h_ab = -_dot(n_x, tri_abx) + n * tri_ab
        hessian = np.empty((4, 4))
        hessian[0, 0] = _dot(n_x, polygamma(1, r + xv)) - n * polygamma(1, r) + cross[0, 0]
        hessian[0, 1] = n / alpha - _dot(at_t, inv_t) + cross[0, 1] + z_r_alpha
        hessian[1, 1] = -n * r / alpha**2 + _dot(r * at_t + x_at_t, inv_t**2) + cross[1, 1] + z_alpha_alpha
        hessian[0, 2] = first[0] / a
        hessian[1, 2] = first[1] / a
        hessian[2, 2] = h_ab + (sum_v - sum_u) / a**2
        hessian[0, 3] = cross[0, 2]
        hessian[1, 3] = cross[1, 2]
        hessian[2, 3] = h_ab + first[2] / a
        hessian[3, 3] = _dot(n_x, polygamma(1, b + xv) - tri_abx) + n * (tri_ab - polygamma(1, b)) + cross[2, 2] + z_b_b
        hessian = np.triu(hessian) + np.triu(hessian, 1).T
        # chain rule to log-parameters: ∂/∂ln θ = θ ∂/∂θ
        hessian = hessian * np.outer(theta, theta) + np.diag(theta * gradient)
        return float(value), gradient * theta, hessian


class BetaGeoModel(PurchaseModel):
    """BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an alternative to
    the Pareto/NBD model", Marketing Science 24(2)).

    While active a customer buys at rate λ ~ Gamma(r, α); after each repeat purchase they drop
    out with probability p ~ Beta(a, b). Published CDNOW fit: r = 0.243, α = 4.414, a = 0.793,
    b = 2.426, log-likelihood −9582.4.
    """

    names = ("r", "alpha", "a", "b")
    label = "BG/NBD"

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
        """Maximum likelihood (eq. 6 of FHL 2005) over log-parameters, from the reduced sums of
        :class:`_BetaGeoLikelihood` with their analytic gradient.

        Raises :class:`ConvergenceError` (a ``ValueError``) for data that cannot identify the
        model: fewer than 2 customers, no repeat buyers, or parameters running off to a bound.
        """
        x, t_x, big_t = _rft(frequency, recency, T)
        _check_purchase_data("BG/NBD", x)
        objective = _BetaGeoLikelihood(x, t_x, big_t)
        params, log_likelihood, log_params = _fit(objective, self.names, [np.zeros(4)], jac=True)
        scales = {"alpha": max(float(big_t.mean()), 1e-12)}
        self._accept(params, log_likelihood, lambda: objective.hessian(log_params), ("r", "a", "b"), scales)
        self.time_unit_ = _time_unit(frequency, recency, T)
        return self

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)]: repeat purchases of a new customer in a period of length t (FHL 2005, eq. 7)."""
        from scipy.special import hyp2f1

        r, alpha, a, b = self._params()
        t = _horizons(t)
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

