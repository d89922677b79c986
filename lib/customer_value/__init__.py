"""Customer Value Analysis (客户价值分析): the course's helper library.

``import customer_value as cv`` is fast: modules and functions are loaded on first use
(``cv.simple_clv``, ``cv.clv.simple_clv`` and ``cv.clv`` all work).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_MODULES = (
    "btyd", "cjk", "clv", "cohort", "communication", "datasets", "evaluation", "glossary", "i18n", "industries", "messages", "personality", "plotting",
    "quiz", "rfm", "selfcheck", "simulate", "survey", "tiers", "transactions", "widgets",
)

#: public function or class name → module that defines it
_EXPORTS = {
    "simple_clv": "clv",
    "discounted_clv": "clv",
    "discount_factors": "clv",
    "margin_multiple": "clv",
    "retention_clv": "clv",
    "word_of_mouth": "clv",
    "break_even_acquisition_cost": "clv",
    "retention_value_gain": "clv",
    "dwyer_table": "cohort",
    "acquisition_vs_retention": "cohort",
    "delivered_value": "evaluation",
    "value_cost_ratio": "evaluation",
    "compare_offers": "evaluation",
    "profit_contribution": "evaluation",
    "weighted_score": "evaluation",
    "ahp_weights": "evaluation",
    "choose_channel": "communication",
    "nps": "survey",
    "csat": "survey",
    "summarize": "transactions",
    "rfm_scores": "rfm",
    "rfm_segments": "rfm",
    "pareto_table": "tiers",
    "top_share": "tiers",
    "gini": "tiers",
    "lorenz_curve": "tiers",
    "abc_classes": "tiers",
    "customer_pyramid": "tiers",
    "value_matrix": "tiers",
    "value_quadrants": "tiers",
    "load_cdnow": "datasets",
    "load_cdnow_summary": "datasets",
    "load_company_customers": "datasets",
    "load_company_transactions": "datasets",
    "load_company_survey": "datasets",
    "BetaGeoModel": "btyd",
    "ParetoNBDModel": "btyd",
    "GammaGammaModel": "btyd",
    "customer_lifetime_value": "btyd",
    "ConvergenceError": "btyd",
    "use_cjk_font": "cjk",
    "set_language": "i18n",
    "get_language": "i18n",
    "clv_calculator": "widgets",
    "offer_comparison": "widgets",
}

__all__ = [*_MODULES, *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


importlib.import_module(".messages", __name__).install()  # short messages for unanswered questions in notebooks
