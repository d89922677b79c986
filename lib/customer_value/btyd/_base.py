"""What the three BTYD models share: the base class, input checks of (x, t_x, T) and horizons."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd

from ..i18n import gettext as _
from .._validation import ConvergenceError, as_array, as_number, check_positive
from ..transactions import time_unit
from ._mle import _check_curvature, _check_identifiable

__all__ = ["Model", "NotFittedError", "PurchaseModel"]


class NotFittedError(ValueError, AttributeError):
    """A model used before ``fit`` (or ``from_params``): a ``ValueError`` naming the call to make;
    also an ``AttributeError``, so ``hasattr(model, "params_")`` is False before the fit."""


class Model:
    """A BTYD model: parameters :attr:`names` estimated by ``fit`` (scikit-learn habits: ``fit``
    returns the model, fitted results end in ``_`` and do not exist before the fit).

    Fitted attributes: ``params_`` (dict name → value), ``log_likelihood_`` (Σ ln L at the
    optimum) and, for purchase models, ``time_unit_``. :meth:`from_params` makes a model from
    known parameters (published ones, say); :meth:`summary` gives standard errors after a fit.
    """

    names: tuple[str, ...] = ()
    #: the model's name in messages
    label = ""
    #: how the error of an unfitted model says to fit it
    fit_signature = "fit(...)"

    def __getattr__(self, name: str) -> Any:  # called only for attributes that do not exist
        if name.endswith("_") and not name.startswith("_"):
            raise NotFittedError(
                _("{model} is not fitted yet (it has no {name}): call {fit} first").format(
                    model=type(self).__name__, name=name, fit=self.fit_signature)
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @classmethod
    def from_params(cls, params: Mapping[str, float] | None = None, **values: float) -> "Model":
        """A model with known parameters (a dict or keywords, exactly :attr:`names`, each > 0)."""
        given = {**(params or {}), **values}
        if set(given) != set(cls.names):
            raise ValueError(_("params must give exactly {names}, got {given}").format(names=list(cls.names), given=sorted(given)))
        model = cls()
        model.params_ = {name: check_positive(given[name], f"params[{name!r}]") for name in cls.names}
        return model

    def _params(self) -> tuple[float, ...]:
        return tuple(self.params_[name] for name in self.names)

    def _accept(
        self, params: dict[str, float], log_likelihood: float, information: Callable[[], np.ndarray],
        shapes: tuple[str, ...], scales: dict[str, float],
    ) -> None:
        """Refuse a fit the data cannot identify (:class:`ConvergenceError`: a parameter at a bound,
        see ``_mle.IDENTIFIABLE``, or a flat likelihood), else record it: parameters, ln L and the
        −Hessian of ln L in the log-parameters (``information()``, for :meth:`summary`)."""
        _check_identifiable(self.label, params, shapes, scales)
        hessian = np.asarray(information(), dtype=float)
        _check_curvature(self.label, params, hessian)
        self.params_, self.log_likelihood_ = params, log_likelihood
        self._information = (dict(params), hessian)

    def summary(self) -> pd.DataFrame:
        """Estimates with standard errors from the observed information (the Hessian of −ln L).

        Columns ``estimate``, ``std_error`` (delta method: θ·se(ln θ), se(ln θ) from the inverse
        Hessian in the log-parameters), ``lower_95`` and ``upper_95`` (θ·e^(∓1.96·se(ln θ)), an
        interval that stays positive). Needs a fit on data: parameters from :meth:`from_params` or
        set by hand have no standard errors.
        """
        params = self.params_
        stored = self.__dict__.get("_information")
        if stored is None or stored[0] != params:
            raise NotFittedError(
                _("{model}.summary() needs a fit on data (standard errors come from its likelihood): call {fit} first").format(
                    model=type(self).__name__, fit=self.fit_signature)
            )
        covariance = np.linalg.inv(stored[1])
        se_log = np.sqrt(np.diag(covariance))
        estimate = np.array(self._params())
        return pd.DataFrame(
            {
                "estimate": estimate,
                "std_error": estimate * se_log,
                "lower_95": estimate * np.exp(-1.959964 * se_log),
                "upper_95": estimate * np.exp(1.959964 * se_log),
            },
            index=pd.Index(self.names, name="parameter"),
        )

    def __repr__(self) -> str:
        params = self.__dict__.get("params_")
        if params is None:
            return f"{type(self).__name__}(not fitted)"
        return f"{type(self).__name__}(" + ", ".join(f"{name}={params[name]:.4g}" for name in self.names) + ")"


class PurchaseModel(Model):
    """BG/NBD and Pareto/NBD: fitted on (frequency, recency, T); they record the data's time unit."""

    fit_signature = "fit(frequency, recency, T)"


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
        raise ValueError(_("frequency, recency and T must have the same length, got {n_frequency}, {n_recency}, {n_T}").format(
            n_frequency=len(x), n_recency=len(t_x), n_T=len(big_t)))
    x, t_x, big_t = (np.array(v) for v in np.broadcast_arrays(x, t_x, big_t))  # a single value applies to all
    checks = [
        (big_t < 0, _("T must not be negative")),
        (x < 0, _("frequency must not be negative")),
        (x != np.round(x), _("frequency must be a whole number of repeat purchases")),
        (t_x < 0, _("recency must not be negative")),
        (t_x > big_t + 1e-9, _("recency must not exceed T")),
        ((x == 0) & (t_x > 0), _("recency must be 0 when frequency is 0")),
    ]
    for bad, message in checks:
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(_("{message}: customer {i} has frequency {frequency}, recency {recency}, T {T}").format(
                message=message, i=i, frequency=x[i], recency=t_x[i], T=big_t[i]))
    return x, t_x, big_t



def _horizon(t) -> float:
    """A forecast horizon: one number of periods, ≥ 0 (not a list, a boolean or None)."""
    if isinstance(t, (list, tuple, np.ndarray, pd.Series)) and np.ndim(t) > 0:
        raise ValueError(_("t must be one number of periods (one horizon per call), got a {type}").format(type=type(t).__name__))
    t = as_number(t, "t")
    if t < 0:
        raise ValueError(_("t must be a number of periods ≥ 0, got {t}").format(t=t))
    return t


def _horizons(t) -> np.ndarray:
    """Forecast horizons (one or many), each ≥ 0 periods."""
    t = as_array(t, "t")
    if (t < 0).any():
        raise ValueError(_("t must not be negative, got {t}").format(t=t.min()))
    return t


def _check_purchase_data(model: str, x: np.ndarray) -> None:
    """BG/NBD and Pareto/NBD need several customers, some of whom bought again."""
    if len(x) < 2:
        raise ConvergenceError(_("{model}: cannot fit on {count} customer; the model needs many customers (hundreds)").format(model=model, count=len(x)))
    if not (x > 0).any():
        raise ConvergenceError(
            _("{model}: none of the {count} customers made a repeat purchase, so the data cannot identify purchase and dropout rates; use a longer observation window").format(model=model, count=len(x))
        )


def _time_unit(*columns) -> str | None:
    """The time unit recorded by summarize on the columns a model is fitted on (None if unknown)."""
    units = {time_unit(column) for column in columns} - {None}
    return units.pop() if len(units) == 1 else None

