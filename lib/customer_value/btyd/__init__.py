"""Probabilistic "buy till you die" models: BG/NBD, Pareto/NBD and Gamma-Gamma.

Time is in the unit of the summary (weeks for CDNOW, as Fader & Hardie measure it); money in
the data's currency. Inputs per customer: ``frequency`` x (repeat purchases), ``recency`` t_x
(first to last purchase) and ``T`` (first purchase to the end of calibration), as made by
:func:`customer_value.transactions.summarize`. Models are fitted by maximum likelihood with
scipy.optimize on log-parameters (:mod:`._mle`); likelihoods use scipy.special (gammaln, betaln,
hyp2f1). Sources and the published CDNOW figures the tests check: docs/references.md.

Modules: :mod:`.bgnbd` (BetaGeoModel), :mod:`.paretonbd` (ParetoNBDModel), :mod:`.gammagamma`
(GammaGammaModel), :mod:`.forecast` (customer_lifetime_value, tracking_table); the three models
share :class:`._base.Model` (``from_params``, ``summary``, ``repr``, :class:`NotFittedError`).
"""

from __future__ import annotations

from .._validation import ConvergenceError
from ._base import Model, NotFittedError
from .bgnbd import BetaGeoModel
from .forecast import customer_lifetime_value, tracking_table
from .gammagamma import GammaGammaModel
from .paretonbd import ParetoNBDModel

__all__ = [
    "BetaGeoModel", "ParetoNBDModel", "GammaGammaModel", "ConvergenceError", "Model", "NotFittedError",
    "customer_lifetime_value", "tracking_table",
]
