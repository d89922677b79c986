"""Simulated firms: the course company 金麦 Golden Wheat and the five capstone industries.

One generator for every firm of the course (modules 02, 05–07, 09, 11). A firm is a profile
(:class:`Industry`, read from ``content/firms.json``): its true parameters, product categories,
acquisition channels and customer mix. The course company is the profile ``golden_wheat``; the
five industries of course material 003 (docs/references.md) are the others
(:mod:`customer_value.industries` picks among them for the capstone).

Customers buy according to the BG/NBD model of Fader, Hardie & Lee (2005, "Counting your
customers the easy way", Marketing Science 24(2)) and spend according to their Gamma-Gamma
model (2005, "RFM and CLV: using iso-value curves", J. Marketing Research 42(4));
docs/references.md lists both. Per customer (time in weeks):
* purchase rate λ ~ Gamma(shape r, rate α); while active, purchases form a Poisson process;
* after every repeat purchase the customer drops out with probability p ~ Beta(a, b), for
  good (BG/NBD: nobody drops out right after the first purchase);
* mean spend: ν ~ Gamma(shape q, rate γ); each purchase z ~ Gamma(shape p_spend, rate ν), so
  E[z] = p_spend·γ / (q − 1) yuan.
Customers join (first purchase) uniformly over the period, leaving its last 4 weeks for repeat
purchases. Gender, age band, region, city and acquisition channel are drawn *given* the
customer's latent behaviour (a channel's loyalty tilt > 0 brings more customers who rarely drop
out; an age band's tilt > 0 more big spenders), so segmentation finds real differences while the
population of behaviours is exactly the documented BG/NBD / Gamma-Gamma mixture.

The course company's true parameters are :data:`TRUE_PARAMS`, so module 08 can show that
fitting recovers them. ``python -m customer_value.simulate`` rewrites the shipped CSV files
from the default seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import numpy as np
import pandas as pd

from . import _content
from .i18n import gettext as _
from .datasets import DATA_DIR

__all__ = [
    "AGE_BANDS", "CATEGORIES", "CHANNELS", "COURSE_COMPANY", "CSAT_CUTS", "DATA_DIR", "DEFAULT_SEED", "END",
    "FIRMS", "Industry", "REGIONS", "REGION_SHARES", "START", "SURVEY_DATE", "SURVEY_RESPONDENTS", "TRUE_PARAMS",
    "simulate_company", "simulate_firm", "simulate_survey", "simulate_transactions", "write_company_csv",
]


@dataclass(frozen=True)
class Industry:
    """One firm's profile and its teaching assumptions (money in yuan, time in weeks).

    ``params``: BG/NBD r, alpha (per week), a, b and Gamma-Gamma p, q, gamma (yuan), as in
    :data:`TRUE_PARAMS`. ``categories``: code → (中文, share of purchases, cost as a share of the
    price). ``channels``: code → (中文, base share of customers, loyalty tilt in [−1, 1]: > 0
    means the channel brings more of the customers who rarely drop out). ``age_shares``: base
    shares of the age bands :data:`AGE_BANDS`; ``age_tilts``: their tilt towards big spenders.
    Base shares are weights, normalised per customer. ``other_region_share``: share of purchases
    made outside the customer's home region. ``draw_order``: the order in which gender, age band
    and channel are drawn (fixed per firm, so its shipped data stay the same).
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
    age_shares: tuple[float, ...]
    other_region_share: float
    seed: int
    assumptions: tuple[str, ...] = field(default=())
    age_tilts: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0, 0.0)
    draw_order: tuple[str, ...] = ("channel", "gender", "age_band")

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


def _profile(record: dict) -> Industry:
    return Industry(
        code=record["code"], zh=record["zh"], en=record["en"],
        company_zh=record["company_zh"], company_en=record["company_en"], description=record["description"],
        params=MappingProxyType(dict(record["params"])),
        categories=MappingProxyType({k: (c["zh"], c["share"], c["cost_share"]) for k, c in record["categories"].items()}),
        channels=MappingProxyType({k: (c["zh"], c["share"], c["loyalty_tilt"]) for k, c in record["channels"].items()}),
        female_share=record["female_share"], age_shares=tuple(record["age_shares"]),
        other_region_share=record["other_region_share"], seed=record["seed"],
        assumptions=tuple(record["assumptions"]), age_tilts=tuple(record["age_tilts"]),
        draw_order=tuple(record["draw_order"]),
    )


_FIRMS = _content.load("firms")
#: Every simulated firm, by code: the course company first, then the five capstone industries.
FIRMS: Mapping[str, Industry] = MappingProxyType({code: _profile(r) for code, r in _FIRMS["firms"].items()})
#: 金麦 Golden Wheat, the course company.
COURSE_COMPANY = FIRMS["golden_wheat"]

#: The course company's true parameters (weeks, yuan).
TRUE_PARAMS: dict[str, float] = dict(COURSE_COMPANY.params)
DEFAULT_SEED = COURSE_COMPANY.seed
START, END = _FIRMS["time_window"]["start"], _FIRMS["time_window"]["end"]
#: region code → (中文, cities); REGION_SHARES: the share of customers living in each
REGIONS = {code: (r["zh"], tuple(r["cities"])) for code, r in _FIRMS["regions"].items()}
REGION_SHARES = tuple(r["share"] for r in _FIRMS["regions"].values())
AGE_BANDS = tuple(_FIRMS["age_bands"])
#: the course company's channels (code: 中文) and categories (code: (中文, share, cost share))
CHANNELS = {code: c[0] for code, c in COURSE_COMPANY.channels.items()}
CATEGORIES = dict(COURSE_COMPANY.categories)
SURVEY_DATE = "2024-06-30"
SURVEY_RESPONDENTS = 1200
#: latent satisfaction s ~ N(0, 1) → CSAT 1–5: cut points (about 3 %, 5 %, 15 %, 48 %, 29 %)
CSAT_CUTS = (-1.9, -1.4, -0.75, 0.55)


def _latent(rng: np.random.Generator, n: int, params: Mapping[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lam": rng.gamma(params["r"], 1.0 / params["alpha"], n),
            "p_drop": rng.beta(params["a"], params["b"], n),
            "nu": rng.gamma(params["q"], 1.0 / params["gamma"], n),
        }
    )


def _purchase_weeks(rng: np.random.Generator, join: np.ndarray, horizon: np.ndarray, latent: pd.DataFrame):
    """Customer index and time (weeks from the start) of every purchase, vectorised over customers."""
    n = len(join)
    repeats_until_dropout = rng.geometric(latent["p_drop"].to_numpy())  # the R-th repeat is the last
    window = horizon - join
    arrivals = rng.poisson(latent["lam"].to_numpy() * window)  # Poisson events in the window
    owner = np.repeat(np.arange(n), arrivals)
    times = join[owner] + rng.uniform(0, 1, owner.size) * window[owner]
    order = np.lexsort((times, owner))
    owner, times = owner[order], times[order]
    first_of_owner = np.concatenate([[0], np.cumsum(arrivals)[:-1]])
    rank = np.arange(owner.size) - first_of_owner[owner]
    kept = rank < repeats_until_dropout[owner]  # the customer takes the first R arrivals, then drops
    customer = np.concatenate([np.arange(n), owner[kept]])
    week = np.concatenate([join, times[kept]])
    return customer, week


def _choose(rng: np.random.Generator, labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """One label per row, row i drawn with probabilities proportional to weights[i]."""
    cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
    picks = (rng.uniform(size=(len(weights), 1)) > cumulative).sum(axis=1)
    return labels[np.minimum(picks, len(labels) - 1)]


def _tilted(rng: np.random.Generator, labels: np.ndarray, base: np.ndarray, tilt: np.ndarray, rank: np.ndarray):
    """One label per customer: weights base·(1 + tilt·(1 − 2·rank)), rank 0 = the tilt's favourite."""
    weights = base[None, :] * (1 + tilt[None, :] * (1 - 2 * rank[:, None]))
    return _choose(rng, labels, weights)


def _customers(rng: np.random.Generator, profile: Industry, latent: pd.DataFrame, join_dates) -> pd.DataFrame:
    n = len(latent)
    loyal = latent["p_drop"].rank(pct=True).to_numpy()  # 0 = most loyal
    spender = latent["nu"].rank(pct=True).to_numpy()  # nu is a spend *rate*: 0 = biggest spender
    region = rng.choice(np.array(list(REGIONS)), n, p=REGION_SHARES)
    city = np.array([rng.choice(REGIONS[code][1]) for code in region])
    draws = {
        "channel": lambda: _tilted(
            rng, np.array(list(profile.channels)), np.array([c[1] for c in profile.channels.values()]),
            np.array([c[2] for c in profile.channels.values()]), loyal,
        ),
        "gender": lambda: rng.choice(np.array(["F", "M"]), n, p=[profile.female_share, 1 - profile.female_share]),
        "age_band": lambda: _tilted(
            rng, np.array(AGE_BANDS), np.array(profile.age_shares), np.array(profile.age_tilts), spender
        ),
    }
    drawn = {name: draws[name]() for name in profile.draw_order}
    return pd.DataFrame(
        {
            "customer_id": np.arange(1, n + 1),
            "gender": drawn["gender"],
            "age_band": drawn["age_band"],
            "region": region,
            "region_zh": [REGIONS[code][0] for code in region],
            "city": city,
            "channel": drawn["channel"],
            "join_date": np.asarray(join_dates),
            "channel_zh": [profile.channels[c][0] for c in drawn["channel"]],
        }
    )


def _check_inputs(n_customers: int, start: str, end: str, params: Mapping[str, float]) -> tuple[pd.Timestamp, pd.Timestamp]:
    if isinstance(n_customers, bool) or not isinstance(n_customers, (int, np.integer)) or n_customers < 1:
        raise ValueError(_("n_customers must be a whole number ≥ 1, got {n_customers!r}").format(n_customers=n_customers))
    try:
        start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    except (ValueError, TypeError) as exc:
        raise ValueError(_("start and end must be dates, got {start!r} and {end!r}: {exc}").format(start=start, end=end, exc=exc)) from None
    if (end_ts - start_ts).days < 35:
        raise ValueError(_("end ({end}) must be at least 5 weeks after start ({start})").format(end=end_ts.date(), start=start_ts.date()))
    unknown = set(params) - set(TRUE_PARAMS)
    if unknown:
        raise ValueError(_("params has unknown names {unknown}; known: {known}").format(unknown=sorted(unknown), known=sorted(TRUE_PARAMS)))
    for name, value in params.items():
        if not np.isfinite(value) or value <= 0:
            raise ValueError(_("params[{name!r}] must be a positive number, got {value!r}").format(name=name, value=value))
    if params["q"] <= 1:
        raise ValueError(_("params['q'] must exceed 1 (the mean spend p*gamma/(q-1) must exist), got {q}").format(q=params['q']))
    return start_ts, end_ts


def _simulate(n_customers: int, seed: int, start: str, end: str, params: Mapping[str, float]):
    start_ts, end_ts = _check_inputs(n_customers, start, end, params)
    rng = np.random.default_rng(seed)
    horizon_weeks = ((end_ts - start_ts).days + 1) / 7.0
    latent = _latent(rng, n_customers, params)
    join_days = rng.integers(0, int(horizon_weeks * 7) - 28, n_customers)  # whole days
    join = join_days / 7.0
    customer, week = _purchase_weeks(rng, join, np.full(n_customers, horizon_weeks), latent)
    order = np.lexsort((week, customer))
    customer, week = customer[order], week[order]
    dates = start_ts + pd.to_timedelta(np.floor(week * 7 + 1e-9).astype(int), unit="D")
    nu = latent["nu"].to_numpy()[customer]
    amount = np.maximum(np.round(rng.gamma(params["p"], 1.0 / nu), 2), 0.5)
    return rng, latent, join_days, customer, dates, amount


def simulate_firm(
    profile: Industry, n_customers: int, seed: int, start: str = START, end: str = END,
    params: Mapping[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """A firm of ``profile``: ``{"customers": ..., "transactions": ...}`` (columns in DATA.md).

    ``params`` overrides the profile's true parameters; costs are price × the category's cost
    share × U(0.85, 1.15). Deterministic for a given ``seed``.
    """
    params = {**profile.params, **(params or {})}
    rng, latent, join_days, customer, dates, amount = _simulate(n_customers, seed, start, end, params)
    join_dates = pd.Timestamp(start) + pd.to_timedelta(join_days, unit="D")
    customers = _customers(rng, profile, latent, join_dates)
    codes = np.array(list(profile.categories))
    shares = np.array([c[1] for c in profile.categories.values()])
    category = rng.choice(codes, len(customer), p=shares / shares.sum())
    cost_of = {code: c[2] for code, c in profile.categories.items()}
    cost_share = np.array([cost_of[c] for c in category]) * rng.uniform(0.85, 1.15, len(customer))
    home = customers["region"].to_numpy()[customer]
    elsewhere = rng.uniform(size=len(customer)) < profile.other_region_share
    region = np.where(elsewhere, rng.choice(np.array(list(REGIONS)), len(customer)), home)
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


def simulate_company(
    n_customers: int = 3000, seed: int = DEFAULT_SEED, start: str = START, end: str = END,
    params: dict[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """The course company: ``{"customers": ..., "transactions": ...}`` (columns in DATA.md).

    Deterministic for a given ``seed``; ``params`` defaults to :data:`TRUE_PARAMS`.
    """
    return simulate_firm(COURSE_COMPANY, n_customers, seed, start, end, params)
def simulate_transactions(
    n_customers: int | None = None, target_rows: int | None = None, seed: int = 1,
    start: str = START, end: str = END, params: dict[str, float] | None = None,
) -> pd.DataFrame:
    """A large transaction log (customer_id, date, amount) from the same process, for benchmarks.

    Give ``n_customers``, or ``target_rows`` to get about that many rows (the customer count is
    set from the expected rows per customer, measured on a pilot run).
    """
    params = {**TRUE_PARAMS, **(params or {})}
    if n_customers is None:
        if target_rows is None or target_rows < 1:
            raise ValueError(_("give n_customers or target_rows (≥ 1), got target_rows={target_rows!r}").format(target_rows=target_rows))
        pilot = _simulate(20_000, seed + 1, start, end, params)[3]
        n_customers = max(1, int(round(target_rows / (len(pilot) / 20_000))))
    _rng, _latent, _join_days, customer, dates, amount = _simulate(int(n_customers), seed, start, end, params)
    return pd.DataFrame({"customer_id": customer + 1, "date": dates, "amount": amount})


def simulate_survey(
    n_respondents: int = SURVEY_RESPONDENTS, seed: int = DEFAULT_SEED, survey_date: str = SURVEY_DATE,
    n_customers: int = 3000, start: str = START, end: str = END, params: dict[str, float] | None = None,
) -> pd.DataFrame:
    """The company's satisfaction survey (客户满意度调查) of ``survey_date`` (module 09; DATA.md).

    Respondents are drawn from the customers of ``simulate_company`` (same arguments) who bought
    in the 26 weeks up to ``survey_date``. Each has a latent satisfaction s ~ N(0, 1) tied to
    their latent loyalty (s = 0.8·z + 0.6·noise, z the normal score of 1 − their dropout
    probability's rank), so satisfaction predicts later repurchase the way a real survey would,
    without changing any purchase. A complaint happens with probability 1 / (1 + e^(2.2 + s));
    it is resolved with probability 0.15 + 0.8·(loyalty rank), which moves s by +0.4 (resolved)
    or −0.8 (unresolved). Columns: customer_id, survey_date, csat (1–5, cut at CSAT_CUTS),
    recommend (0–10 = round(7.7 + 1.9·(s + 0.5·noise)), clipped), complaint (none / resolved /
    unresolved). The survey's random numbers are a separate stream: the company data do not change.
    """
    from scipy.special import ndtri

    params = {**TRUE_PARAMS, **(params or {})}
    _rng, latent, _join_days, customer, dates, _amount = _simulate(n_customers, seed, start, end, params)
    when = pd.Timestamp(survey_date)
    recent = (dates > when - pd.Timedelta(weeks=26)) & (dates <= when)
    eligible = np.unique(customer[np.asarray(recent)])
    if isinstance(n_respondents, bool) or not isinstance(n_respondents, (int, np.integer)) or n_respondents < 1:
        raise ValueError(_("n_respondents must be a whole number ≥ 1, got {n_respondents!r}").format(n_respondents=n_respondents))
    if n_respondents > eligible.size:
        raise ValueError(_("n_respondents={n_respondents} exceeds the {eligible} customers who bought in the 26 weeks before {date}").format(n_respondents=n_respondents, eligible=eligible.size, date=when.date()))
    rng = np.random.default_rng([seed, 9])
    chosen = np.sort(rng.choice(eligible, n_respondents, replace=False))
    loyalty = 1.0 - latent["p_drop"].rank(pct=True).to_numpy()[chosen]  # 1 = most loyal
    z = ndtri(np.clip(loyalty, 0.5 / n_customers, 1 - 0.5 / n_customers))
    satisfaction = 0.8 * z + 0.6 * rng.standard_normal(n_respondents)
    complained = rng.uniform(size=n_respondents) < 1.0 / (1.0 + np.exp(2.2 + satisfaction))
    resolved = complained & (rng.uniform(size=n_respondents) < 0.15 + 0.8 * loyalty)
    satisfaction = satisfaction + np.where(resolved, 0.4, np.where(complained, -0.8, 0.0))
    recommend = np.clip(np.round(7.7 + 1.9 * (satisfaction + 0.5 * rng.standard_normal(n_respondents))), 0, 10)
    return pd.DataFrame(
        {
            "customer_id": chosen + 1,
            "survey_date": np.full(n_respondents, when),
            "csat": np.searchsorted(np.array(CSAT_CUTS), satisfaction) + 1,
            "recommend": recommend.astype(int),
            "complaint": np.where(resolved, "resolved", np.where(complained, "unresolved", "none")),
        }
    )


def write_company_csv(directory: Path = DATA_DIR) -> None:
    """Write the shipped CSV files from the default seed."""
    company = simulate_company()
    survey = simulate_survey().assign(survey_date=lambda t: t["survey_date"].dt.strftime("%Y-%m-%d"))
    survey.to_csv(directory / "company_survey.csv", index=False)
    customers = company["customers"].assign(join_date=lambda t: t["join_date"].dt.strftime("%Y-%m-%d"))
    transactions = company["transactions"].assign(date=lambda t: t["date"].dt.strftime("%Y-%m-%d"))
    customers.to_csv(directory / "company_customers.csv", index=False)
    transactions.to_csv(directory / "company_transactions.csv", index=False, float_format="%.2f")


if __name__ == "__main__":
    write_company_csv()
    print(_("wrote company_customers.csv, company_transactions.csv and company_survey.csv in {folder}").format(folder=DATA_DIR))
