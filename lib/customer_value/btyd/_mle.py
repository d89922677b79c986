"""The maximum-likelihood engine of the BTYD models: optimiser, reduced-sum likelihoods, identifiability.

Models are fitted by maximum likelihood with scipy.optimize on log-parameters (imported when a
fit starts, so ``import customer_value`` stays light). A fit that the data cannot identify
raises :class:`~customer_value._validation.ConvergenceError`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import gettext as _
from .._validation import ConvergenceError

__all__ = ["IDENTIFIABLE", "MIN_CURVATURE", "RUNAWAY"]

#: Shape parameters (r, a, b, s, p, q) and scale parameters relative to the data's scale (α and β
#: over the mean T, v over the mean spend) outside these bounds mean the optimiser ran off towards
#: a boundary of the parameter space: the data cannot identify the model.
IDENTIFIABLE = (1e-4, 1e4)
#: An optimiser stops as soon as a log-parameter passes ±RUNAWAY (e^18 ≈ 6.6e7): the fit is then
#: refused by the check above in a fraction of a second instead of minutes of drifting along a ridge.
RUNAWAY = 18.0


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
    sizes = [len(distinct) for distinct, _code in coded]
    if float(np.prod(sizes, dtype=float)) >= 2.0**62:  # the key would overflow int64: sort the rows
        rows, counts = np.unique(np.column_stack(columns), axis=0, return_counts=True)
        return tuple(rows[:, i] for i in range(rows.shape[1])), counts.astype(float)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for (_distinct, code), size in zip(coded, sizes):
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
        raise RuntimeError(_("the fit did not converge from any start: {message}").format(message=best.message))
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


def _check_identifiable(model: str, params: dict[str, float], shapes: tuple[str, ...], scales: dict[str, float]) -> None:
    """Raise ConvergenceError when a fitted parameter ran off to a boundary (see IDENTIFIABLE)."""
    low, high = IDENTIFIABLE
    for name, value in params.items():
        relative = value / scales[name] if name in scales else value
        if name in shapes + tuple(scales) and not low < relative < high:
            shown = ", ".join(f"{k} = {v:.4g}" for k, v in params.items())
            raise ConvergenceError(
                _("{model}: the data cannot identify the model: {name} ran off to {value:.3g} ({shown}); fit on more customers, with more repeat purchases (or spend variation)").format(model=model, name=name, value=value, shown=shown)
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
            _("{model}: the data cannot identify the model: the likelihood is flat in one direction at {shown} (smallest curvature {curvature:.2g}); fit on more customers, with more repeat purchases").format(
                model=model, shown=shown, curvature=eigenvalues.min())
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
        value, gradient, _hessian = self._evaluate(log_params)
        return _finite(-value, -gradient)

    def hessian(self, log_params: np.ndarray) -> np.ndarray:
        """−Hessian of Σ ln L in the log-parameters."""
        return -np.nan_to_num(self._evaluate(log_params)[2])

