"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves"; docs/references.md)."""

from __future__ import annotations

import warnings

import numpy as np

from ..i18n import gettext as _
from .._validation import ConvergenceError, _label, as_array
from ._base import Model
from ._mle import _codes, _dot, _fit, _Likelihood

__all__ = ["GammaGammaModel"]


class _GammaGammaLikelihood(_Likelihood):
    """The Gamma-Gamma log-likelihood of repeat buyers, its gradient and Hessian (in ln p, ln q, ln v),
    reduced to sums.

    Per customer (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves", eq. 3; Hardie's
    note 025): ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + (px − 1) ln m + px ln x
    − (px + q) ln(v + mx). Summed, (px − 1) ln m + px ln x = p·x ln(mx) − ln m add up to
    p·Σ x ln(mx) − Σ ln m (constants of the data), the Γ terms need evaluating once per distinct x,
    and only ln(v + mx) is per customer, entering through Σ ln(v + mx) and Σ x ln(v + mx).
    """

    def __init__(self, x: np.ndarray, m: np.ndarray) -> None:
        self.x = x
        self.spend = m * x  # total repeat spend mx
        self.x_values, x_code = _codes(x)
        self.n_x = np.bincount(x_code, minlength=len(self.x_values)).astype(float)
        self.n = float(len(x))
        self.sum_x_log_spend = _dot(x, np.log(self.spend))
        self.sum_log_m = float(np.log(m).sum())
        self._work = np.empty((2, len(x)))
        super().__init__()

    def _compute(self, log_params: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """(ln L, gradient, Hessian) with respect to ln(p, q, v)."""
        from scipy.special import digamma, gammaln, polygamma

        p, q, v = theta = np.exp(log_params)
        n, xv, n_x = self.n, self.x_values, self.n_x
        log_v_mx, inv_v_mx = self._work
        np.add(self.spend, v, out=inv_v_mx)
        np.log(inv_v_mx, out=log_v_mx)
        np.reciprocal(inv_v_mx, out=inv_v_mx)
        sum_l, sum_xl = float(log_v_mx.sum()), _dot(self.x, log_v_mx)
        sum_r, sum_xr = float(inv_v_mx.sum()), _dot(self.x, inv_v_mx)
        np.square(inv_v_mx, out=inv_v_mx)
        sum_r2, sum_xr2 = float(inv_v_mx.sum()), _dot(self.x, inv_v_mx)
        pxq, px = p * xv + q, p * xv
        value = (
            _dot(n_x, gammaln(pxq) - gammaln(px)) + n * (q * np.log(v) - gammaln(q))
            + p * self.sum_x_log_spend - self.sum_log_m - p * sum_xl - q * sum_l
        )
        psi_pxq = digamma(pxq)
        gradient = np.array([
            _dot(n_x * xv, psi_pxq - digamma(px)) + self.sum_x_log_spend - sum_xl,
            _dot(n_x, psi_pxq) + n * (np.log(v) - digamma(q)) - sum_l,
            n * q / v - p * sum_xr - q * sum_r,
        ])
        tri_pxq = polygamma(1, pxq)
        h_pq = _dot(n_x * xv, tri_pxq)
        h_pv = -sum_xr
        h_qv = n / v - sum_r
        hessian = np.array([
            [_dot(n_x * xv * xv, tri_pxq - polygamma(1, px)), h_pq, h_pv],
            [h_pq, _dot(n_x, tri_pxq) - n * polygamma(1, q), h_qv],
            [h_pv, h_qv, -n * q / v**2 + p * sum_xr2 + q * sum_r2],
        ])
        # chain rule to log-parameters: ∂/∂ln θ = θ ∂/∂θ
        hessian = hessian * np.outer(theta, theta) + np.diag(theta * gradient)
        return float(value), gradient * theta, hessian


class GammaGammaModel(Model):
    """Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves
    for customer base analysis", J. Marketing Research 42(4); Hardie's note 025).

    Each purchase z ~ Gamma(p, ν), ν ~ Gamma(q, γ). Fitted on customers with frequency > 0.
    Published CDNOW fit: p = 6.25, q = 3.74, γ (v) = 15.44.

    Zero repeat spend (a repeat buyer whose repeat purchases cost 0, e.g. CDNOW master customer
    10244): the Gamma likelihood of a mean spend of 0 is undefined, so such customers are left out
    of the fit (with a warning saying how many); :meth:`expected_spend` values them with the same
    formula as everyone, E[Z | x, z̄ = 0] = (1 − w)·p·v/(q − 1), the population mean shrunk by the
    weight w their own zero spend carries (as lifetimes' ``conditional_expected_average_profit``).
    """

    names = ("p", "q", "v")
    label = "Gamma-Gamma"
    fit_signature = "fit(frequency, monetary_value)"

    @staticmethod
    def _xm(frequency, monetary_value) -> tuple[np.ndarray, np.ndarray]:
        """Validated x (whole, ≥ 0) and m (money, ≥ 0; 0 when x = 0 as summarize makes it)."""
        x = as_array(frequency, "frequency")
        m = as_array(monetary_value, "monetary_value")
        if len(x) != len(m):
            raise ValueError(_("frequency and monetary_value must have the same length, got {n_frequency} and {n_monetary_value}").format(n_frequency=len(x), n_monetary_value=len(m)))
        checks = (
            (x < 0, _("frequency must not be negative")),
            (x != np.round(x), _("frequency must be a whole number of repeat purchases")),
            (m < 0, _("monetary_value must not be negative")),
        )
        for bad, message in checks:
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ValueError(_("{message}: customer {i} has frequency {frequency}, monetary_value {monetary_value}").format(
                    message=message, i=i, frequency=x[i], monetary_value=m[i]))
        return x, m

    @staticmethod
    def individual_log_likelihood(params, frequency, monetary_value) -> np.ndarray:
        """ln L for each customer with x > 0 repeat purchases of mean value m (FHL 2005, iso-value
        curves, eq. 3): ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(v+mx)."""
        from scipy.special import gammaln

        p, q, v = params
        x = as_array(frequency, "frequency")
        m = as_array(monetary_value, "monetary_value")
        return (
            gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
            + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(v + m * x)
        )

    def fit(self, frequency, monetary_value) -> "GammaGammaModel":
        """Maximum likelihood on the customers with x > 0 and spend > 0 (Newton trust region on the
        reduced sums of :class:`_GammaGammaLikelihood`, with their analytic gradient and Hessian).

        Raises :class:`ConvergenceError` (a ``ValueError``) when fewer than 2 such customers
        remain, when they all spend the same, or when a parameter runs off to a bound.
        """
        x, m = self._xm(frequency, monetary_value)
        zero_spend = (x > 0) & (m == 0)
        if zero_spend.any():
            warnings.warn(
                _("{count} customer(s) with repeat purchases but zero repeat spend (the first at {label}) are left out of the Gamma-Gamma fit; expected_spend still values them").format(
                    count=int(zero_spend.sum()), label=_label(frequency, int(np.flatnonzero(zero_spend)[0]))),
                UserWarning,
                stacklevel=2,
            )
        keep = (x > 0) & (m > 0)
        if keep.sum() < 2:
            raise ConvergenceError(_("Gamma-Gamma needs at least 2 customers with repeat purchases and spend, got {count}").format(count=int(keep.sum())))
        x, m = x[keep], m[keep]
        if np.ptp(m) <= 1e-9 * m.mean():
            raise ConvergenceError(
                _("Gamma-Gamma: every repeat buyer spends the same ({spend:g} per purchase), so the data cannot identify the spread of spend across customers; use the mean spend instead").format(spend=m[0])
            )
        dx, dm = x - x.mean(), m - m.mean()
        with np.errstate(invalid="ignore", divide="ignore"):
            correlation = _dot(dx, dm) / np.sqrt(_dot(dx, dx) * _dot(dm, dm))
        if abs(correlation) > 0.3:
            warnings.warn(
                _("frequency and monetary_value are correlated (r = {correlation:.2f}); the Gamma-Gamma model assumes they are independent").format(correlation=correlation),
                UserWarning,
                stacklevel=2,
            )
        objective = _GammaGammaLikelihood(x, m)
        # the likelihood has a ridge (p -> inf, v -> 0) that a start at 1, 1, 1 can slide into on
        # some data: start near moment-based values, and try (1, 1, 1) too only if that lands on it
        start = np.log([2.0, 3.0, 2.0 * float(np.median(m))])
        params, log_likelihood, log_params = _fit(objective, self.names, [start], jac=True)
        if params["p"] > 1e4:
            params, log_likelihood, log_params = _fit(objective, self.names, [start, np.zeros(3)], jac=True)
        self._accept(params, log_likelihood, lambda: objective.hessian(log_params), ("p", "q"), {"v": float(m.mean())})
        return self

    def expected_spend(self, frequency, monetary_value) -> np.ndarray:
        """E[Z | x, z̄] = (1 − w)·p·v/(q − 1) + w·z̄, w = p·x / (p·x + q − 1) (money per purchase).

        Customers without repeat purchases (x = 0) get the population mean p·v/(q − 1); a zero
        repeat spend (z̄ = 0) enters the formula as it is (see the class docstring)."""
        p, q, v = self._params()
        x, m = self._xm(frequency, monetary_value)
        w = p * x / (p * x + q - 1)
        return (1 - w) * p * v / (q - 1) + w * m

