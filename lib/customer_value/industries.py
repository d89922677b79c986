"""Five industries for the capstone (module 11): profiles and seeded data sets.

Course material 003 (技能训练2-1 and the closing project) asks students to pick one of five
fast-growing industries — 服装家纺 apparel & home textiles, 休闲食品 snack foods, 观光旅游
sightseeing tourism, 健身美容 fitness & beauty, 教育培训 education & training — and analyse one
firm in it. Each :class:`Industry` here is a fictional firm of that industry with documented
**teaching assumptions**: the purchase process (BG/NBD parameters r, α, a, b; Fader, Hardie & Lee
2005, "Counting your customers the easy way", *Marketing Science* 24(2)), the spend process
(Gamma-Gamma p, q, γ; Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves", *JMR*
42(4)), product categories with their cost share of the price, acquisition channels and
customer mix. The numbers are chosen to make the industries *differ plausibly* (tourism: rare,
expensive trips and many one-time buyers; snacks: frequent small baskets; fitness: regular,
membership-like payments), not estimated from real firms.

:func:`simulate_industry` runs the course company's generator (:mod:`customer_value.simulate`,
the same BG/NBD + Gamma-Gamma process and time window) with the industry's parameters and
returns tables with the same columns as the course company's data (DATA.md).
:func:`load_industry` is the default data set of an industry: 2,000 customers from the
industry's fixed seed, generated on call (deterministic; cached, each call returns a copy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import numpy as np
import pandas as pd

from . import simulate

#: Customers in the default data set of each industry (the BG/NBD fit of module 11 stays fast).
DEFAULT_CUSTOMERS = 2000
WEEKS_PER_YEAR = 52.18


@dataclass(frozen=True)
class Industry:
    """One industry's fictional firm and its teaching assumptions (money in yuan, time in weeks).

    ``params``: BG/NBD r, alpha (per week), a, b and Gamma-Gamma p, q, gamma (yuan), as in
    :data:`customer_value.simulate.TRUE_PARAMS`. ``categories``: code → (中文, share of purchases,
    cost as a share of the price). ``channels``: code → (中文, base share of customers, loyalty
    tilt in [−1, 1]: > 0 means the channel brings more of the customers who rarely drop out).
    ``age_shares``: shares of the age bands :data:`customer_value.simulate.AGE_BANDS`.
    ``other_region_share``: share of purchases made outside the customer's home region.
    """

    code: str
    zh: str
    en: str
    company_zh: str
    company_en: str
    description: str
    params: Mapping[str, float]
    categories: Mapping[str, tuple[str, float, float]]
    channels: Mapping[str, tuple[str, float, float]]
    female_share: float
    age_shares: tuple[float, float, float, float, float]
    other_region_share: float
    seed: int
    assumptions: tuple[str, ...] = field(default=())

    @property
    def mean_spend(self) -> float:
        """Mean spend per purchase, yuan: p·γ/(q − 1) (Gamma-Gamma)."""
        return self.params["p"] * self.params["gamma"] / (self.params["q"] - 1)

    @property
    def mean_purchase_rate(self) -> float:
        """Mean purchase rate of an active customer, purchases per week: r/α (BG/NBD)."""
        return self.params["r"] / self.params["alpha"]

    @property
    def mean_dropout(self) -> float:
        """Mean probability of dropping out after a repeat purchase: a/(a + b) (BG/NBD)."""
        return self.params["a"] / (self.params["a"] + self.params["b"])

    @property
    def cost_share(self) -> float:
        """Average cost of goods as a share of the price, weighted by the category mix."""
        shares = np.array([c[1] for c in self.categories.values()])
        costs = np.array([c[2] for c in self.categories.values()])
        return float((shares * costs).sum() / shares.sum())


def _industry(**kwargs) -> Industry:
    for name in ("params", "categories", "channels"):
        kwargs[name] = MappingProxyType(dict(kwargs[name]))
    return Industry(**kwargs)


#: The five industries of course material 003, by code.
INDUSTRIES: Mapping[str, Industry] = MappingProxyType({
    "apparel": _industry(
        code="apparel", zh="服装家纺", en="Apparel & home textiles",
        company_zh="锦绣家纺服饰", company_en="Jinxiu Apparel & Home",
        description="a chain of clothing and bedding stores with an online shop and live-stream sales",
        params={"r": 0.6, "alpha": 7.5, "a": 0.5, "b": 3.5, "p": 4.0, "q": 5.0, "gamma": 300.0},
        categories={
            "womenswear": ("女装", 0.34, 0.45), "menswear": ("男装", 0.20, 0.45),
            "kidswear": ("童装", 0.12, 0.42), "bedding": ("床品", 0.20, 0.40),
            "home_textiles": ("家居布艺", 0.14, 0.38),
        },
        channels={
            "store": ("门店", 0.36, 0.2), "ecommerce": ("电商平台", 0.26, -0.3),
            "live_stream": ("直播带货", 0.14, -0.6), "mini_program": ("小程序", 0.12, 0.3),
            "referral": ("推荐", 0.12, 0.7),
        },
        female_share=0.68, age_shares=(0.16, 0.32, 0.26, 0.16, 0.10), other_region_share=0.05, seed=2101,
        assumptions=(
            "a purchase every two to three months (about 4 a year while active): seasons and sales",
            "one in eight repeat purchases is followed by leaving for good (fashion changes, brand switching)",
            "about 300 yuan a basket; bedding sets and coats make spend vary widely between customers",
            "live-stream buyers are bargain hunters who leave sooner; referred customers stay",
        ),
    ),
    "snacks": _industry(
        code="snacks", zh="休闲食品", en="Snack foods",
        company_zh="脆乐坊休闲食品", company_en="Crispy Joy Snacks",
        description="a snack-food brand with its own shops, an online store and community group buying",
        params={"r": 1.2, "alpha": 2.4, "a": 0.5, "b": 6.0, "p": 5.0, "q": 5.0, "gamma": 20.0},
        categories={
            "nuts": ("坚果炒货", 0.28, 0.58), "dried_fruit": ("果干蜜饯", 0.18, 0.52),
            "meat_snacks": ("肉脯卤味", 0.22, 0.62), "biscuits": ("饼干糕点", 0.20, 0.50),
            "gift_packs": ("节日礼盒", 0.12, 0.60),
        },
        channels={
            "store": ("门店", 0.34, 0.2), "ecommerce": ("电商平台", 0.24, -0.2),
            "group_buying": ("社区团购", 0.18, -0.6), "live_stream": ("直播带货", 0.12, -0.5),
            "referral": ("推荐", 0.12, 0.7),
        },
        female_share=0.60, age_shares=(0.30, 0.34, 0.18, 0.11, 0.07), other_region_share=0.06, seed=2102,
        assumptions=(
            "frequent, small purchases: about one every two weeks while active",
            "low dropout per purchase (1 in 13), but with so many purchases customers still churn within a year or two",
            "about 25 yuan a basket; thin margins (cost of goods about 57 % of the price)",
            "group-buying and live-stream customers chase deals and leave sooner; referred customers stay",
        ),
    ),
    "tourism": _industry(
        code="tourism", zh="观光旅游", en="Sightseeing tourism",
        company_zh="山水行旅游", company_en="Shanshui Travel",
        description="a travel agency selling tours, tickets and hotel packages in branches and online",
        params={"r": 0.5, "alpha": 25.0, "a": 1.1, "b": 2.2, "p": 3.0, "q": 4.0, "gamma": 2500.0},
        categories={
            "group_tours": ("跟团游", 0.34, 0.80), "independent_packages": ("自由行套餐", 0.24, 0.78),
            "scenic_tickets": ("景区门票", 0.20, 0.70), "hotels": ("酒店预订", 0.14, 0.75),
            "study_tours": ("研学游", 0.08, 0.72),
        },
        channels={
            "branch": ("门店", 0.26, 0.2), "ota": ("在线旅游平台", 0.34, -0.5),
            "mini_program": ("小程序", 0.14, 0.1), "corporate": ("企业团体", 0.12, 0.4),
            "referral": ("推荐", 0.14, 0.7),
        },
        female_share=0.55, age_shares=(0.14, 0.26, 0.24, 0.18, 0.18), other_region_share=0.15, seed=2103,
        assumptions=(
            "rare purchases: about one trip a year while active, and most customers buy only once",
            "high dropout: one in three repeat buyers does not come back (a trip is often a one-off)",
            "high spend: about 2,500 yuan a trip; low margin (an agency keeps 20–30 % of the price)",
            "customers from online travel platforms compare prices and leave sooner",
        ),
    ),
    "fitness": _industry(
        code="fitness", zh="健身美容", en="Fitness & beauty",
        company_zh="悦动健身美容", company_en="Yuedong Fitness & Beauty",
        description="a chain of gyms and beauty salons selling memberships, classes and treatments",
        params={"r": 4.0, "alpha": 16.0, "a": 0.6, "b": 6.0, "p": 8.0, "q": 6.0, "gamma": 125.0},
        categories={
            "memberships": ("会员卡", 0.30, 0.25), "personal_training": ("私教课", 0.24, 0.40),
            "group_classes": ("团课", 0.16, 0.30), "beauty_care": ("美容护理", 0.20, 0.35),
            "skin_products": ("护肤产品", 0.10, 0.55),
        },
        channels={
            "walk_in": ("到店", 0.30, 0.2), "group_buying": ("团购平台", 0.26, -0.6),
            "mini_program": ("小程序", 0.14, 0.1), "corporate": ("企业合作", 0.12, 0.4),
            "referral": ("推荐", 0.18, 0.7),
        },
        female_share=0.62, age_shares=(0.18, 0.38, 0.26, 0.12, 0.06), other_region_share=0.03, seed=2104,
        assumptions=(
            "membership-like: about one payment a month (card renewals, class packs, treatments)",
            "customers' rates are similar (large r): payments follow a plan rather than impulse",
            "low dropout per payment (1 in 11), so active members stay for about a year on average",
            "about 200 yuan a payment; group-buying trial customers leave soonest, referred members stay",
        ),
    ),
    "education": _industry(
        code="education", zh="教育培训", en="Education & training",
        company_zh="启明教育培训", company_en="Qiming Education",
        description="a training school for languages, exam preparation and vocational skills, on campus and online",
        params={"r": 2.0, "alpha": 50.0, "a": 1.2, "b": 3.6, "p": 6.0, "q": 7.0, "gamma": 3000.0},
        categories={
            "languages": ("语言培训", 0.30, 0.35), "exam_prep": ("考试考证", 0.26, 0.35),
            "vocational_skills": ("职业技能", 0.20, 0.40), "arts": ("艺术素养", 0.14, 0.40),
            "online_courses": ("网课", 0.10, 0.20),
        },
        channels={
            "campus": ("校区咨询", 0.30, 0.2), "online_ads": ("网络广告", 0.26, -0.5),
            "mini_program": ("小程序", 0.12, 0.0), "partners": ("合作机构", 0.12, 0.3),
            "referral": ("推荐", 0.20, 0.7),
        },
        female_share=0.56, age_shares=(0.38, 0.32, 0.18, 0.08, 0.04), other_region_share=0.02, seed=2105,
        assumptions=(
            "a course about twice a year while active (terms, exam seasons)",
            "one in four repeat buyers stops after it (goal reached: the exam passed, the skill learnt)",
            "high spend: about 3,000 yuan a course, similar between customers (large p and q)",
            "students from online ads leave sooner; referred students (老带新) stay",
        ),
    ),
})


def get_industry(industry: str | Industry) -> Industry:
    """The :class:`Industry` named by its code ("tourism"), Chinese ("观光旅游") or English name.

    Names are matched ignoring case and surrounding spaces; anything else raises ``ValueError``
    listing the valid names.
    """
    if isinstance(industry, Industry):
        return industry
    if not isinstance(industry, str):
        raise ValueError(f"industry must be a name such as 'tourism' or '观光旅游', got {industry!r}")
    key = industry.strip().casefold()
    for profile in INDUSTRIES.values():
        if key in (profile.code, profile.zh, profile.en.casefold()):
            return profile
    names = ", ".join(f"{p.code} ({p.zh}, {p.en})" for p in INDUSTRIES.values())
    raise ValueError(f"industry {industry!r} is unknown; choose one of: {names}")


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


def _tilted(rng: np.random.Generator, labels: np.ndarray, base: np.ndarray, tilt: np.ndarray, rank: np.ndarray):
    """One label per customer: weights base·(1 + tilt·(1 − 2·rank)), rank 0 = the tilt's favourite."""
    weights = base[None, :] * (1 + tilt[None, :] * (1 - 2 * rank[:, None]))
    return simulate._choose(rng, labels, weights)


def _customers(rng: np.random.Generator, profile: Industry, latent: pd.DataFrame, join_dates) -> pd.DataFrame:
    n = len(latent)
    loyal = latent["p_drop"].rank(pct=True).to_numpy()  # 0 = most loyal
    spender = latent["nu"].rank(pct=True).to_numpy()  # nu is a spend *rate*: 0 = biggest spender
    codes = np.array(list(profile.channels))
    base = np.array([c[1] for c in profile.channels.values()])
    tilt = np.array([c[2] for c in profile.channels.values()])
    age_tilt = np.linspace(-0.4, 0.4, len(simulate.AGE_BANDS))  # bigger spenders are a little older
    region_codes = np.array(list(simulate.REGIONS))
    region = rng.choice(region_codes, n, p=simulate.REGION_SHARES)
    city = np.array([rng.choice(simulate.REGIONS[code][1]) for code in region])
    channel = _tilted(rng, codes, base, tilt, loyal)
    return pd.DataFrame(
        {
            "customer_id": np.arange(1, n + 1),
            "gender": rng.choice(np.array(["F", "M"]), n, p=[profile.female_share, 1 - profile.female_share]),
            "age_band": _tilted(rng, np.array(simulate.AGE_BANDS), np.array(profile.age_shares), age_tilt, spender),
            "region": region,
            "region_zh": [simulate.REGIONS[code][0] for code in region],
            "city": city,
            "channel": channel,
            "join_date": np.asarray(join_dates),
            "channel_zh": [profile.channels[c][0] for c in channel],
        }
    )


def simulate_industry(
    industry: str | Industry, n_customers: int = DEFAULT_CUSTOMERS, seed: int | None = None
) -> dict[str, pd.DataFrame]:
    """A firm of ``industry``: ``{"customers": ..., "transactions": ...}``, 2023-01-01 to 2024-12-31.

    Same process and columns as :func:`customer_value.simulate.simulate_company` (DATA.md), with
    the industry's parameters, categories (cost = price × the category's cost share × U(0.85,
    1.15)), channels and customer mix. ``seed`` defaults to the industry's own seed, which gives
    the data of :func:`load_industry`. Deterministic for a given seed.
    """
    profile = get_industry(industry)
    if seed is None:
        seed = profile.seed
    elif isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number ≥ 0 (or None for the industry's own seed), got {seed!r}")
    params = dict(profile.params)
    rng, latent, join_days, customer, dates, amount = simulate._simulate(
        n_customers, seed, simulate.START, simulate.END, params
    )
    join_dates = pd.Timestamp(simulate.START) + pd.to_timedelta(join_days, unit="D")
    customers = _customers(rng, profile, latent, join_dates)
    codes = np.array(list(profile.categories))
    shares = np.array([c[1] for c in profile.categories.values()])
    category = rng.choice(codes, len(customer), p=shares / shares.sum())
    cost_of = {code: c[2] for code, c in profile.categories.items()}
    cost_share = np.array([cost_of[c] for c in category]) * rng.uniform(0.85, 1.15, len(customer))
    home = customers["region"].to_numpy()[customer]
    elsewhere = rng.uniform(size=len(customer)) < profile.other_region_share
    region = np.where(elsewhere, rng.choice(np.array(list(simulate.REGIONS)), len(customer)), home)
    outlet = rng.integers(1, 7, len(customer))
    transactions = pd.DataFrame(
        {
            "transaction_id": np.arange(1, len(customer) + 1),
            "customer_id": customer + 1,
            "date": dates,
            "region": region,
            "store_id": [f"{r[:2].upper()}{k:02d}" for r, k in zip(region, outlet)],
            "category": category,
            "amount": amount,
            "cost": np.minimum(np.round(amount * cost_share, 2), np.round(amount - 0.01, 2)),
        }
    )
    return {"customers": customers, "transactions": transactions}


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
