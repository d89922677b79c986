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

from ._validation import (
    ConvergenceError,
    _label,
    as_array,
    as_number,
    check_discount_rate,
    check_frame,
    check_positive,
    check_summary,
    check_whole,
    parse_date,
)
from .transactions import PERIODS_PER_MONTH, UNIT_DAYS, time_unit

__all__ = [
    "BetaGeoModel", "ParetoNBDModel", "GammaGammaModel", "ConvergenceError", "customer_lifetime_value", "tracking_table",
]

#: Shape parameters (r, a, b, s, p, q) and scale parameters relative to the data's scale (α and β
#: over the mean T, v over the mean spend) outside these bounds mean the optimiser ran off towards
#: a boundary of the parameter space: the data cannot identify the model.
IDENTIFIABLE = (1e-4, 1e4)
#: An optimiser stops as soon as a log-parameter passes ±RUNAWAY (e^18 ≈ 6.6e7): the fit is then
#: refused by the check above in a fraction of a second instead of minutes of drifting along a ridge.
RUNAWAY = 18.0


def _rft(frequency, recency, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated arrays x, t_x, T: x ≥ 0 whole, 0 ≤ t_x ≤ T, t_x = 0 when x = 0 (one value broadcasts).

    T = 0 is valid (a customer whose first purchase is on the last day observed, as
    :func:`customer_value.transactions.summarize` makes): with x = 0 their likelihood is 1.
    """
    x = as_array(frequency, "frequency")
    t_x = as_array(recency, "recency")
    big_t = as_array(T, "T")
    lengths = {len(x), len(t_x), len(big_t)} - {1}
    if len(lengths) > 1:
        raise ValueError(f"frequency, recency and T must have the same length, got {len(x)}, {len(t_x)}, {len(big_t)}")
    x, t_x, big_t = (np.array(v) for v in np.broadcast_arrays(x, t_x, big_t))  # a single value applies to all
    checks = [
        (big_t < 0, "T must not be negative"),
        (x < 0, "frequency must not be negative"),
        (x != np.round(x), "frequency must be a whole number of repeat purchases"),
        (t_x < 0, "recency must not be negative"),
        (t_x > big_t + 1e-9, "recency must not exceed T"),
        ((x == 0) & (t_x > 0), "recency must be 0 when frequency is 0"),
    ]
    for bad, message in checks:
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{message}: customer {i} has frequency {x[i]}, recency {t_x[i]}, T {big_t[i]}")
    return x, t_x, big_t


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values (sorted) and each entry's position among them (hashing, faster than np.unique)."""
    codes, distinct = pd.factorize(values, sort=True)
    return np.asarray(distinct, dtype=float), codes


def _unique_rows(*columns: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Distinct customer histories and how many customers share each (the likelihood is a weighted sum).

    Each column is coded by the rank of its value and the codes combined into one integer key, which
    hashes much faster than rows sort. Rows come out in lexicographic order.
    """
    coded = [_codes(column) for column in columns]
    sizes = [len(distinct) for distinct, _ in coded]
    if float(np.prod(sizes, dtype=float)) >= 2.0**62:  # the key would overflow int64: sort the rows
        rows, counts = np.unique(np.column_stack(columns), axis=0, return_counts=True)
        return tuple(rows[:, i] for i in range(rows.shape[1])), counts.astype(float)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for (_, code), size in zip(coded, sizes):
        key = key * size + code
    row_code, distinct_keys = pd.factorize(key, sort=True)
    counts = np.bincount(row_code, minlength=len(distinct_keys)).astype(float)
    first = np.empty(len(distinct_keys), dtype=np.intp)
    first[row_code[::-1]] = np.arange(len(key))[::-1]  # a row with each key (any one: they are equal)
    return tuple(column[first] for column in columns), counts


def _fit(
    objective, names: tuple[str, ...], starts: list[np.ndarray], jac: bool = False
) -> tuple[dict[str, float], float, np.ndarray]:
    """Minimise over log-parameters from each start; keep the best.

    A run whose log-parameters pass ±RUNAWAY stops there (its parameters are then refused by
    :func:`_check_identifiable`). ``objective`` returns the negative log-likelihood of the log-parameters; with ``jac=True`` it
    returns (value, gradient) from one call, so the work the two share is done once. An objective
    with a ``hessian`` method is minimised by Newton steps in a trust region (scipy's trust-exact),
    which needs far fewer evaluations than a quasi-Newton method; otherwise L-BFGS-B. A run that
    stalls is polished by L-BFGS-B, then by the derivative-free Nelder-Mead simplex.
    """
    from scipy.optimize import minimize

    def value_only(log_params):
        return objective(log_params)[0] if jac else objective(log_params)

    ran_away = []

    def stop_if_running_away(intermediate_result):
        if np.max(np.abs(intermediate_result.x)) > RUNAWAY:
            ran_away.append(True)
            raise StopIteration

    hessian = getattr(objective, "hessian", None) if jac else None
    best = None
    for start in starts:
        start = np.asarray(start, dtype=float)
        ran_away.clear()
        result = None
        if hessian is not None:
            result = minimize(
                objective, start, jac=True, hess=hessian, method="trust-exact", callback=stop_if_running_away,
                options={"maxiter": 200, "gtol": 1e-6},
            )
            if not result.success and _newton_converged(result.x, result.jac, hessian(result.x)):
                result.success = True  # stopped at the limit of floating-point precision, at the optimum
        if not ran_away and (result is None or not result.success):
            x0 = start if result is None else result.x
            result = minimize(
                objective, x0, jac=jac or None, method="L-BFGS-B", callback=stop_if_running_away, options={"maxiter": 2000}
            )
        if not ran_away and not result.success:
            result = minimize(
                value_only, result.x, method="Nelder-Mead", callback=stop_if_running_away,
                options={"maxiter": 20000, "xatol": 1e-9, "fatol": 1e-9},
            )
        if best is None or result.fun < best.fun:
            best = result
    if not np.isfinite(best.fun) or best.fun >= 1e300:
        raise RuntimeError(f"the fit did not converge from any start: {best.message}")
    return dict(zip(names, np.exp(best.x).tolist())), float(-best.fun), best.x


def _newton_converged(log_params: np.ndarray, gradient: np.ndarray, hessian: np.ndarray, tol: float = 1e-6) -> bool:
    """True when a Newton step from here would move no log-parameter by more than ``tol`` (relative
    change of the parameter) and the Hessian is positive definite there: a minimum, reached to the
    precision the likelihood's floating-point sum allows (on large data sets a trust region then stops
    with "bad approximation", its predicted improvements being below the rounding of the sum)."""
    if not (np.all(np.isfinite(gradient)) and np.all(np.isfinite(hessian))):
        return False
    try:
        factor = np.linalg.cholesky(hessian)
    except np.linalg.LinAlgError:
        return False
    step = np.linalg.solve(factor.T, np.linalg.solve(factor, gradient))
    return bool(np.all(np.abs(step) <= tol))


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    """Σ a·b without BLAS: a multithreaded BLAS dot on long vectors can leave worker threads spinning
    that slow the rest of the fit down more than the dot product saves (seen on small VMs)."""
    return float(np.einsum("i,i->", a, b))


def _finite(value: float, gradient: np.ndarray) -> tuple[float, np.ndarray]:
    """An objective's (value, gradient), with a huge value where it overflows so the line search backs off."""
    if not np.isfinite(value):
        return 1e300, np.zeros_like(gradient)
    return value, np.nan_to_num(gradient)


def _horizon(t) -> float:
    """A forecast horizon: one number of periods, ≥ 0 (not a list, a boolean or None)."""
    if isinstance(t, (list, tuple, np.ndarray, pd.Series)) and np.ndim(t) > 0:
        raise ValueError(f"t must be one number of periods (one horizon per call), got a {type(t).__name__}")
    t = as_number(t, "t")
    if t < 0:
        raise ValueError(f"t must be a number of periods ≥ 0, got {t}")
    return t


def _horizons(t) -> np.ndarray:
    """Forecast horizons (one or many), each ≥ 0 periods."""
    t = as_array(t, "t")
    if (t < 0).any():
        raise ValueError(f"t must not be negative, got {t.min()}")
    return t


def _check_identifiable(model: str, params: dict[str, float], shapes: tuple[str, ...], scales: dict[str, float]) -> None:
    """Raise ConvergenceError when a fitted parameter ran off to a boundary (see IDENTIFIABLE)."""
    low, high = IDENTIFIABLE
    for name, value in params.items():
        relative = value / scales[name] if name in scales else value
        if name in shapes + tuple(scales) and not low < relative < high:
            shown = ", ".join(f"{k} = {v:.4g}" for k, v in params.items())
            raise ConvergenceError(
                f"{model}: the data cannot identify the model: {name} ran off to {value:.3g} ({shown}); "
                "fit on more customers, with more repeat purchases (or spend variation)"
            )


#: Smallest curvature of −ln L (an eigenvalue of its Hessian in the log-parameters) that identifies
#: the parameters: below it, some combination of log-parameters has a standard error above 10
#: (a factor e^10 ≈ 22,000). On CDNOW the weakest direction has standard error 0.4–0.6.
MIN_CURVATURE = 0.01


def _check_curvature(model: str, params: dict[str, float], hessian: np.ndarray) -> None:
    """Raise ConvergenceError when −ln L is (nearly) flat in some direction at the fitted parameters."""
    eigenvalues = np.linalg.eigvalsh(0.5 * (hessian + hessian.T)) if np.all(np.isfinite(hessian)) else np.array([np.nan])
    if not eigenvalues.min() >= MIN_CURVATURE:
        shown = ", ".join(f"{k} = {v:.4g}" for k, v in params.items())
        raise ConvergenceError(
            f"{model}: the data cannot identify the model: the likelihood is flat in one direction at {shown} "
            f"(smallest curvature {eigenvalues.min():.2g}); fit on more customers, with more repeat purchases"
        )


def _numeric_hessian(function, point: np.ndarray, step: float = 1e-4) -> np.ndarray:
    """Central finite-difference Hessian of a scalar function (for the Pareto/NBD, which has no analytic one)."""
    n = len(point)
    hessian = np.empty((n, n))
    centre = function(point)
    for i in range(n):
        e_i = np.eye(n)[i] * step
        hessian[i, i] = (function(point + e_i) - 2 * centre + function(point - e_i)) / step**2
        for j in range(i):
            e_j = np.eye(n)[j] * step
            hessian[i, j] = hessian[j, i] = (
                function(point + e_i + e_j) - function(point + e_i - e_j) - function(point - e_i + e_j) + function(point - e_i - e_j)
            ) / (4 * step**2)
    return hessian


def _check_purchase_data(model: str, x: np.ndarray) -> None:
    """BG/NBD and Pareto/NBD need several customers, some of whom bought again."""
    if len(x) < 2:
        raise ConvergenceError(f"{model}: cannot fit on {len(x)} customer; the model needs many customers (hundreds)")
    if not (x > 0).any():
        raise ConvergenceError(
            f"{model}: none of the {len(x)} customers made a repeat purchase, so the data cannot identify "
            "purchase and dropout rates; use a longer observation window"
        )


def _time_unit(*columns) -> str | None:
    """The time unit recorded by summarize on the columns a model is fitted on (None if unknown)."""
    units = {time_unit(column) for column in columns} - {None}
    return units.pop() if len(units) == 1 else None


class _PurchaseModel:
    """What BG/NBD and Pareto/NBD share: fitted parameters and the check that they exist."""

    names: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None
        #: time unit of the data fitted on ("D", "W"), when the columns came from summarize
        self.time_unit_: str | None = None

    def _params(self) -> tuple[float, ...]:
        if self.params_ is None:
            raise ValueError("the model is not fitted yet: call fit(frequency, recency, T) first")
        return tuple(self.params_[name] for name in self.names)


class _Likelihood:
    """A summed log-likelihood in log-parameters, for scipy's optimisers: subclasses give
    ``_compute`` → (Σ ln L, gradient, Hessian); the last few points' results are kept, as the
    optimiser asks for the value, the gradient and the Hessian at the same point in separate calls
    (and the identifiability check asks again at the optimum)."""

    def __init__(self) -> None:
        self._cache: dict[bytes, tuple[float, np.ndarray, np.ndarray]] = {}

    def _compute(self, log_params: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        raise NotImplementedError

    def _evaluate(self, log_params: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        key = np.asarray(log_params, dtype=float).tobytes()
        if key not in self._cache:
            if len(self._cache) >= 4:
                del self._cache[next(iter(self._cache))]
            self._cache[key] = self._compute(log_params)
        return self._cache[key]

    def __call__(self, log_params: np.ndarray) -> tuple[float, np.ndarray]:
        """(−Σ ln L, −gradient) for the optimiser."""
        value, gradient, _ = self._evaluate(log_params)
        return _finite(-value, -gradient)

    def hessian(self, log_params: np.ndarray) -> np.ndarray:
        """−Hessian of Σ ln L in the log-parameters."""
        return -np.nan_to_num(self._evaluate(log_params)[2])


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
        """Maximum likelihood (eq. 6 of FHL 2005) over log-parameters, from the reduced sums of
        :class:`_BetaGeoLikelihood` with their analytic gradient.

        Raises :class:`ConvergenceError` (a ``ValueError``) for data that cannot identify the
        model: fewer than 2 customers, no repeat buyers, or parameters running off to a bound.
        """
        x, t_x, big_t = _rft(frequency, recency, T)
        _check_purchase_data("BG/NBD", x)
        objective = _BetaGeoLikelihood(x, t_x, big_t)
        params, log_likelihood, log_params = _fit(objective, self.names, [np.zeros(4)], jac=True)
        _check_identifiable("BG/NBD", params, ("r", "a", "b"), {"alpha": max(float(big_t.mean()), 1e-12)})
        _check_curvature("BG/NBD", params, objective.hessian(log_params))
        self.params_, self.log_likelihood_ = params, log_likelihood
        self.time_unit_ = _time_unit(frequency, recency, T)
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
        _check_identifiable("Pareto/NBD", params, ("r", "s"), {"alpha": scale, "beta": scale})
        _check_curvature("Pareto/NBD", params, _numeric_hessian(negative_ll, log_params))
        self.params_, self.log_likelihood_ = params, log_likelihood
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



class GammaGammaModel:
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

    def __init__(self) -> None:
        self.params_: dict[str, float] | None = None
        self.log_likelihood_: float | None = None

    @staticmethod
    def _xm(frequency, monetary_value) -> tuple[np.ndarray, np.ndarray]:
        """Validated x (whole, ≥ 0) and m (money, ≥ 0; 0 when x = 0 as summarize makes it)."""
        x = as_array(frequency, "frequency")
        m = as_array(monetary_value, "monetary_value")
        if len(x) != len(m):
            raise ValueError(f"frequency and monetary_value must have the same length, got {len(x)} and {len(m)}")
        checks = (
            (x < 0, "frequency must not be negative"),
            (x != np.round(x), "frequency must be a whole number of repeat purchases"),
            (m < 0, "monetary_value must not be negative"),
        )
        for bad, message in checks:
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ValueError(f"{message}: customer {i} has frequency {x[i]}, monetary_value {m[i]}")
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
            import warnings

            warnings.warn(
                f"{int(zero_spend.sum())} customer(s) with repeat purchases but zero repeat spend (the first at "
                f"{_label(frequency, int(np.flatnonzero(zero_spend)[0]))}) are left out of the Gamma-Gamma fit; "
                "expected_spend still values them",
                UserWarning,
                stacklevel=2,
            )
        keep = (x > 0) & (m > 0)
        if keep.sum() < 2:
            raise ConvergenceError(f"Gamma-Gamma needs at least 2 customers with repeat purchases and spend, got {int(keep.sum())}")
        x, m = x[keep], m[keep]
        if np.ptp(m) <= 1e-9 * m.mean():
            raise ConvergenceError(
                f"Gamma-Gamma: every repeat buyer spends the same ({m[0]:g} per purchase), so the data cannot identify "
                "the spread of spend across customers; use the mean spend instead"
            )
        dx, dm = x - x.mean(), m - m.mean()
        with np.errstate(invalid="ignore", divide="ignore"):
            correlation = _dot(dx, dm) / np.sqrt(_dot(dx, dx) * _dot(dm, dm))
        if abs(correlation) > 0.3:
            import warnings

            warnings.warn(
                f"frequency and monetary_value are correlated (r = {correlation:.2f}); the Gamma-Gamma model assumes they are independent",
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
        _check_identifiable("Gamma-Gamma", params, ("p", "q"), {"v": float(m.mean())})
        _check_curvature("Gamma-Gamma", params, objective.hessian(log_params))
        self.params_, self.log_likelihood_ = params, log_likelihood
        return self

    def expected_spend(self, frequency, monetary_value) -> np.ndarray:
        """E[Z | x, z̄] = (1 − w)·p·v/(q − 1) + w·z̄, w = p·x / (p·x + q − 1) (money per purchase).

        Customers without repeat purchases (x = 0) get the population mean p·v/(q − 1); a zero
        repeat spend (z̄ = 0) enters the formula as it is (see the class docstring)."""
        if self.params_ is None:
            raise ValueError("the model is not fitted yet: call fit(frequency, monetary_value) first")
        p, q, v = (self.params_[name] for name in self.names)
        x, m = self._xm(frequency, monetary_value)
        w = p * x / (p * x + q - 1)
        return (1 - w) * p * v / (q - 1) + w * m


def _periods_per_month(summary: pd.DataFrame, models, periods_per_month) -> float:
    """Periods per month from the summary's time unit, or the one given (checked against the unit)."""
    unit = time_unit(summary)
    fitted = {model.time_unit_ for model in models if getattr(model, "time_unit_", None)}
    if unit is not None and fitted - {unit}:
        raise ValueError(
            f"the purchase model was fitted on data in unit {fitted.pop()!r} but summary is in {unit!r}; "
            "summarize both with the same freq"
        )
    unit = unit or (fitted.pop() if len(fitted) == 1 else None)
    if periods_per_month is None:
        if unit is None:
            raise ValueError(
                "summary does not record its time unit (summarize stores it in summary.attrs['freq']); "
                f"pass periods_per_month: {PERIODS_PER_MONTH['W']} for weeks, {PERIODS_PER_MONTH['D']} for days"
            )
        return PERIODS_PER_MONTH[unit]
    per_month = check_positive(periods_per_month, "periods_per_month")
    if unit is not None and not 28 <= per_month * UNIT_DAYS[unit] <= 31:
        raise ValueError(
            f"periods_per_month is {per_month:g}, but summary is in unit {unit!r}: that makes a month "
            f"{per_month * UNIT_DAYS[unit]:g} days; use {PERIODS_PER_MONTH[unit]:g} (or leave it out)"
        )
    return per_month


def customer_lifetime_value(
    bg: BetaGeoModel,
    gg: GammaGammaModel,
    summary: pd.DataFrame,
    horizon_months: int = 12,
    discount_rate_monthly: float = 0.01,
    periods_per_month: float | None = None,
) -> pd.Series:
    """Discounted expected value of each customer's purchases over the next ``horizon_months``.

    CLV = Σ_{k=1..H} (E[Y(k·u)] − E[Y((k−1)·u)]) · E[Z] / (1 + d)^k, with u periods per month,
    E[Y] from the purchase model and E[Z] from Gamma-Gamma (Fader, Hardie & Lee 2005, iso-value
    curves). Returns money, indexed like ``summary``.

    Units: u comes from the time unit ``summarize`` records in ``summary.attrs["freq"]`` —
    4.345 weeks per month for ``freq="W"`` (the lifetimes convention behind the course's
    published figures; 365.25/12/7 = 4.348) and 365.25/12 = 30.4375 days for ``freq="D"``. A
    summary without a unit needs ``periods_per_month``; one that contradicts the unit (a month
    outside 28–31 days) is refused, as is a model fitted in another unit than the summary.
    Also refused: a summary with a customer listed twice, mixed-type ids or values that are
    boolean, missing, infinite or negative; a horizon that is not a whole number ≥ 1; a
    discount rate that is not a finite fraction above −1; unfitted models.
    """
    if not isinstance(bg, _PurchaseModel):
        raise ValueError(f"bg must be a fitted BetaGeoModel or ParetoNBDModel, got {type(bg).__name__}")
    if not isinstance(gg, GammaGammaModel):
        raise ValueError(f"gg must be a fitted GammaGammaModel, got {type(gg).__name__}")
    months = check_whole(horizon_months, "horizon_months", minimum=1)
    rate = check_discount_rate(discount_rate_monthly, "discount_rate_monthly")
    clean = check_summary(summary, ("frequency", "recency", "T", "monetary_value"))
    per_month = _periods_per_month(summary, (bg,), periods_per_month)
    bg._params()
    if gg.params_ is None:
        raise ValueError("gg is not fitted yet: call fit(frequency, monetary_value) first")
    args = (clean["frequency"], clean["recency"], clean["T"])
    spend = gg.expected_spend(clean["frequency"], clean["monetary_value"])
    value = np.zeros(len(clean))
    previous = np.zeros(len(clean))
    for month in range(1, months + 1):
        cumulative = bg.predict(month * per_month, *args)
        value += (cumulative - previous) * spend / (1 + rate) ** month
        previous = cumulative
    return pd.Series(value, index=summary.index, name="clv")


def tracking_table(
    model: BetaGeoModel,
    log: pd.DataFrame,
    start,
    weeks: int,
    customer: str = "customer_id",
    date: str = "date",
    date_format: str | None = None,
) -> pd.DataFrame:
    """Cumulative repeat transactions week by week: actual (from ``log``) against the model.

    The tracking plot of Fader, Hardie & Lee (2005, figure 2): week w covers days 7(w−1) .. 7w−1
    after ``start``; a repeat transaction is a purchase day after the customer's first (several
    purchases on one day count once). The model's cumulative count at the end of week w is
    Σ_i E[X(w − t0_i)] over customers whose first purchase t0_i (in weeks) came before.
    Returns columns ``actual``, ``model`` (cumulative) and ``actual_weekly``, ``model_weekly``.
    The model's time unit is weeks unless it was fitted on a ``summarize(freq="D")`` summary,
    whose unit it records; then its horizons are given in days. Refuses a log that is not a
    DataFrame, garbage or ambiguous dates (``date_format`` reads them), a ``start`` that is not
    one date, and ``weeks`` that is not a whole number ≥ 1.
    """
    from .transactions import validate_transactions

    if not isinstance(model, _PurchaseModel):
        raise ValueError(f"model must be a fitted BetaGeoModel or ParetoNBDModel, got {type(model).__name__}")
    model._params()
    weeks = check_whole(weeks, "weeks", minimum=1)
    check_frame(log, "log", (customer, date))
    clean = validate_transactions(log.assign(_amount=0.0), customer, date, "_amount", date_format)
    days = clean[[customer, date]].drop_duplicates()
    origin = parse_date(start, "start", date_format)
    periods_per_week = 7.0 / UNIT_DAYS[model.time_unit_ or "W"]
    offset = (days[date] - origin).dt.days.to_numpy()
    if (offset < 0).any():
        raise ValueError(f"log has purchases before start ({origin.date()})")
    first_day = days.groupby(customer)[date].transform("min")
    repeat = days[date] > first_day
    week_of = offset[repeat.to_numpy()] // 7 + 1
    actual_weekly = np.bincount(week_of[week_of <= weeks], minlength=weeks + 1)[1:]
    t0 = ((days.groupby(customer)[date].min() - origin).dt.days / 7.0).to_numpy()
    first_weeks, counts = np.unique(t0, return_counts=True)
    ends = np.arange(1, weeks + 1, dtype=float)
    model_cumulative = np.array(
        [np.sum(counts * model.expected_purchases(np.clip(end - first_weeks, 0, None) * periods_per_week)) for end in ends]
    )
    return pd.DataFrame(
        {
            "actual": np.cumsum(actual_weekly),
            "model": model_cumulative,
            "actual_weekly": actual_weekly,
            "model_weekly": np.diff(np.concatenate([[0.0], model_cumulative])),
        },
        index=pd.Index(np.arange(1, weeks + 1), name="week"),
    )
