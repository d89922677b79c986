"""Five industries for the capstone (module 11): profiles and seeded data sets.

Course material 003 (技能训练2-1 and the closing project; docs/references.md) asks students to
pick one of five fast-growing industries — 服装家纺 apparel & home textiles, 休闲食品 snack foods,
观光旅游 sightseeing tourism, 健身美容 fitness & beauty, 教育培训 education & training — and
analyse one firm in it. Each :class:`Industry` here is a fictional firm of that industry with
documented **teaching assumptions** (``content/firms.json``): the purchase process (BG/NBD
parameters r, α, a, b; Fader, Hardie & Lee 2005, "Counting your customers the easy way",
*Marketing Science* 24(2)), the spend process (Gamma-Gamma p, q, γ; Fader, Hardie & Lee 2005,
"RFM and CLV: using iso-value curves", *JMR* 42(4)), product categories with their cost share
of the price, acquisition channels and customer mix. The numbers are chosen to make the
industries *differ plausibly* (tourism: rare, expensive trips and many one-time buyers; snacks:
frequent small baskets; fitness: regular, membership-like payments), not estimated from real firms.

:func:`simulate_industry` runs the one firm generator (:func:`customer_value.simulate.simulate_firm`,
the course company's process and time window) with the industry's profile and returns tables
with the same columns as the course company's data (DATA.md). :func:`load_industry` is the
default data set of an industry: 2,000 customers from the industry's fixed seed, generated on
call (deterministic; cached, each call returns a copy).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import numpy as np
import pandas as pd

from . import _content
from .i18n import get_language
from .i18n import gettext as _
from .simulate import COURSE_COMPANY, FIRMS, Industry, simulate_firm

__all__ = [
    "DEFAULT_CUSTOMERS", "INDUSTRIES", "Industry", "WEEKS_PER_YEAR", "get_industry", "industry_table",
    "load_industry", "simulate_industry",
]

#: Customers in the default data set of each industry (the BG/NBD fit of module 11 stays fast).
DEFAULT_CUSTOMERS = 2000
WEEKS_PER_YEAR = 52.18

#: The five industries of course material 003, by code.
INDUSTRIES: Mapping[str, Industry] = MappingProxyType(
    {code: profile for code, profile in FIRMS.items() if profile is not COURSE_COMPANY}
)


def get_industry(industry: str | Industry) -> Industry:
    """The :class:`Industry` named by its code ("tourism"), Chinese ("观光旅游") or English name.

    Names are matched ignoring case and surrounding spaces; anything else raises ``ValueError``
    listing the valid names. ``description`` and ``assumptions`` are in the library's language at the
    time of the call: Chinese when it speaks zh-CN (content's ``description_zh``, ``assumptions_zh``),
    else the English profile of :data:`INDUSTRIES` itself. An :class:`Industry` of your own is returned as it is.
    """
    if isinstance(industry, Industry):
        shipped = any(industry is profile for profile in INDUSTRIES.values())
        return _in_language(industry) if shipped else industry
    if not isinstance(industry, str):
        raise ValueError(_("industry must be a name such as 'tourism' or '观光旅游', got {industry!r}").format(industry=industry))
    key = industry.strip().casefold()
    for profile in INDUSTRIES.values():
        if key in (profile.code, profile.zh, profile.en.casefold()):
            return _in_language(profile)
    names = ", ".join(f"{p.code} ({p.zh}, {p.en})" for p in INDUSTRIES.values())
    raise ValueError(_("industry {industry!r} is unknown; choose one of: {names}").format(industry=industry, names=names))


def _in_language(profile: Industry) -> Industry:
    """``profile`` with its description and assumptions in the library's language (itself in English)."""
    if get_language() != "zh-CN":
        return profile
    record = _content.load("firms")["firms"][profile.code]
    return replace(profile, description=record["description_zh"], assumptions=tuple(record["assumptions_zh"]))


def industry_table() -> pd.DataFrame:
    """The five profiles side by side: firm, purchases a year, dropout, spend, cost share."""
    rows = {
        code: {
            "zh": p.zh, "en": p.en, "company": f"{p.company_zh} {p.company_en}",
            "purchases_per_year": p.mean_purchase_rate * WEEKS_PER_YEAR,
            "dropout_per_repeat": p.mean_dropout, "mean_spend": p.mean_spend,
            "cost_share": p.cost_share,
        }
        for code, p in INDUSTRIES.items()
    }
    return pd.DataFrame(rows).T.astype({k: float for k in ("purchases_per_year", "dropout_per_repeat", "mean_spend", "cost_share")})


def simulate_industry(
    industry: str | Industry, n_customers: int = DEFAULT_CUSTOMERS, seed: int | None = None
) -> dict[str, pd.DataFrame]:
    """A firm of ``industry``: ``{"customers": ..., "transactions": ...}``, 2023-01-01 to 2024-12-31.

    Same process and columns as :func:`customer_value.simulate.simulate_company` (DATA.md), with
    the industry's profile. ``seed`` defaults to the industry's own seed, which gives the data of
    :func:`load_industry`. Deterministic for a given seed.
    """
    profile = get_industry(industry)
    if seed is None:
        seed = profile.seed
    elif isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(_("seed must be a whole number ≥ 0 (or None for the industry's own seed), got {seed!r}").format(seed=seed))
    return simulate_firm(profile, n_customers, seed)


@lru_cache(maxsize=None)
def _default_data(code: str) -> dict[str, pd.DataFrame]:
    return simulate_industry(code)


def load_industry(industry: str | Industry) -> dict[str, pd.DataFrame]:
    """The default data set of ``industry`` (2,000 customers, the industry's seed): a fresh copy.

    ``{"customers": ..., "transactions": ...}`` with the columns of the course company's
    ``load_company_customers()`` and ``load_company_transactions()``.
    """
    data = _default_data(get_industry(industry).code)
    return {name: table.copy() for name, table in data.items()}
