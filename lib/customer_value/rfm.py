"""RFM analysis (RFM分析): recency, frequency and monetary scores, and the segments built on them."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from . import _content
from .i18n import gettext as _
from ._validation import _show, as_array, check_choice, check_frame, check_ids, check_summary, check_whole

__all__ = [
    "CLASSIC_SEGMENTS", "CN8_SEGMENTS", "RAW_METRICS", "RFMTiesWarning", "quantile_scores", "rfm_scores", "rfm_segments",
]

RAW_METRICS = ("days_since_last", "n_purchases", "total_spend")


class RFMTiesWarning(UserWarning):
    """Ties left some score values without any customer."""


def quantile_scores(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Scores 1..bins by quantile of ``values`` (bins = 5: quintiles), ties kept together.

    Each customer's score is 1 + ⌊bins × (share of customers strictly worse)⌋, where "worse" is
    lower (or higher, with ``higher_is_better=False``). Customers with equal values always get
    the same score, the lowest their position allows ("ties by rank", pandas' ``rank(method=
    "min")``): on CDNOW, where most customers bought once, all one-time buyers get F = 1 instead
    of being spread over scores 1–3 at random. Bins therefore hold unequal numbers of
    customers, and some score values can stay empty; then a :class:`RFMTiesWarning` says which.
    """
    bins = check_whole(bins, "bins", minimum=2)
    if bins > 9:
        raise ValueError(_("bins must be at most 9 so that each score is one digit of the RFM code, got {bins}").format(bins=bins))
    ranked = values if higher_is_better else -values
    worse = ranked.rank(method="min") - 1
    scores = (1 + np.floor(bins * worse / len(values))).astype(int).clip(1, bins)
    empty = sorted(set(range(1, bins + 1)) - set(scores))
    if empty:
        warnings.warn(
            _("{name}: no customer has score {empty} because of ties ({count} customers share the value {value})").format(
                name=values.name or 'values', empty=empty, count=values.value_counts().iloc[0], value=values.value_counts().index[0]),
            RFMTiesWarning,
            stacklevel=3,
        )
    return scores.rename(None)


def rfm_scores(summary: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """R, F and M scores (1..bins, higher = better) and the RFM code, one row per customer.

    Hughes (1994), "Strategic Database Marketing"; course material 004 (RFM分析):
    R from ``days_since_last`` (fewer days = more recent = higher score), F from
    ``n_purchases``, M from ``total_spend`` (money in the window), each scored by quantile with
    :func:`quantile_scores` (ties by rank). ``rfm_code`` joins the three digits, e.g. "545".
    ``summary`` is the output of :func:`customer_value.transactions.summarize` (any frame
    with the three raw columns works). Refuses (``ValueError`` naming the customer) a summary
    with a customer listed twice, mixed-type ids, and raw metrics that are boolean, text,
    missing, infinite or negative, and ``bins`` that is not a whole number from 2 to 9.
    """
    bins = check_whole(bins, "bins", minimum=2)
    raw = check_summary(summary, RAW_METRICS)
    scores = raw.copy()
    scores["R"] = quantile_scores(raw["days_since_last"], bins, higher_is_better=False)
    scores["F"] = quantile_scores(raw["n_purchases"], bins)
    scores["M"] = quantile_scores(raw["total_spend"], bins)
    scores["rfm_code"] = scores["R"].astype(str) + scores["F"].astype(str) + scores["M"].astype(str)
    return scores


_SEGMENTS = _content.load("segments")

#: The widely used R × F map (10 segments). Rules as in the R package `rfm` (Hebbali, 2020,
#: segment table of its vignette) and Putler's "RFM analysis for successful customer
#: segmentation" (docs/references.md). (R range, F range, English, 中文, action)
CLASSIC_SEGMENTS: tuple[tuple[tuple[int, int], tuple[int, int], str, str, str], ...] = tuple(
    (tuple(s["r"]), tuple(s["f"]), s["en"], s["zh"], s["action"]) for s in _SEGMENTS["rfm_classic"]
)

#: The eight Chinese classes: R, F, M each high (1) or low (0) against its mean (a widely taught
#: Chinese RFM table; docs/references.md). (code, 中文, English, action)
CN8_SEGMENTS: tuple[tuple[str, str, str, str], ...] = tuple(
    (s["code"], s["zh"], s["en"], s["action"]) for s in _SEGMENTS["rfm_cn8"]
)


def _classic(scores: pd.DataFrame) -> pd.DataFrame:
    r, f = (_score_column(scores, name) for name in ("R", "F"))
    english = np.full(len(scores), None, dtype=object)
    chinese, action = english.copy(), english.copy()
    for ((r_lo, r_hi), (f_lo, f_hi), name, name_zh, _todo), entry in zip(CLASSIC_SEGMENTS, _SEGMENTS["rfm_classic"]):
        hit = (r >= r_lo) & (r <= r_hi) & (f >= f_lo) & (f <= f_hi)
        english[hit], chinese[hit], action[hit] = name, name_zh, _content.localized(entry, "action")
    return pd.DataFrame({"segment": english, "segment_zh": chinese, "action": action}, index=scores.index)


def _score_column(scores: pd.DataFrame, name: str) -> np.ndarray:
    """Scores 1..5 (whole numbers) of column ``name``; ValueError names the customer."""
    values = as_array(scores[name], f"scores[{name!r}]")
    bad = (values < 1) | (values > 5) | (values != np.round(values))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            _("scores[{name!r}] must be a whole score from 1 to 5 (rfm_scores(summary, bins=5)); customer {customer} has {score:g}").format(name=name, customer=_show(scores.index[i]), score=values[i])
        )
    return values


def _cn8(scores: pd.DataFrame) -> pd.DataFrame:
    raw = check_summary(scores, RAW_METRICS, "scores")
    r_high = raw["days_since_last"] < raw["days_since_last"].mean()
    f_high = raw["n_purchases"] >= raw["n_purchases"].mean()
    m_high = raw["total_spend"] >= raw["total_spend"].mean()
    code = r_high.astype(int).astype(str) + f_high.astype(int).astype(str) + m_high.astype(int).astype(str)
    table = {row[0]: row[1:] for row in CN8_SEGMENTS}
    actions = {entry["code"]: _content.localized(entry, "action") for entry in _SEGMENTS["rfm_cn8"]}
    return pd.DataFrame(
        {
            "rfm_high_low": code,
            "segment": code.map(lambda c: table[c][1]),
            "segment_zh": code.map(lambda c: table[c][0]),
            "action": code.map(actions),
        },
        index=scores.index,
    )


def rfm_segments(scores: pd.DataFrame, scheme: str = "classic") -> pd.DataFrame:
    """Named segments for each customer, in English (``segment``) and Chinese (``segment_zh``).

    * ``scheme="classic"``: the widely used R × F map of ten segments (champions, loyal
      customers, potential loyalists, new customers, promising, need attention, about to
      sleep, at risk, can't lose them, hibernating) on 1–5 scores; rules in
      :data:`CLASSIC_SEGMENTS` (from the R package ``rfm``'s segment table and Putler's RFM
      guide). Needs ``R`` and ``F`` (from :func:`rfm_scores` with bins=5).
    * ``scheme="cn8"``: the eight Chinese classes (重要价值客户 … 一般挽留客户), each raw metric
      compared with its mean over all customers: R high when days_since_last is below the
      mean (more recent than average), F high when n_purchases ≥ its mean, M high when
      total_spend ≥ its mean. Needs the raw metrics; adds ``rfm_high_low`` such as "101".

    Each row also carries the recommended ``action`` for its segment (course material 004), in the
    library's language (Chinese when it speaks zh-CN).
    Refuses scores that are not whole numbers 1–5 (0, NaN, 4.5, True), a customer listed twice
    and mixed-type ids, naming the customer.
    """
    check_choice(scheme, "scheme", ("classic", "cn8"))
    if scheme == "classic":
        check_frame(scores, "scores", ("R", "F"), _(" (from rfm_scores)"))
        check_ids(scores.index, "scores' index", unique=True)
        return _classic(scores)
    return _cn8(scores)
