"""Satisfaction and loyalty from survey answers (module 09, 客户满意与忠诚).

* :func:`nps` — Net Promoter Score (净推荐值), Reichheld (2003), "The One Number You Need to
  Grow", Harvard Business Review 81(12): % promoters (9–10) − % detractors (0–6).
* :func:`csat` — customer satisfaction score (客户满意度得分): share of answers at or above
  "satisfied" on a rating scale (4 and 5 of 1–5 by default).
* :func:`satisfaction_loyalty_table` — repurchase (and spend) by satisfaction level, the data
  behind course material 002's "1:6" (一个非常满意的客户, 其购买意愿比一个满意客户高出六倍) and Jones & Sasser
  (1995), "Why Satisfied Customers Defect", HBR 73(6).
* :func:`complaint_recovery` — what resolving complaints is worth: customers kept plus the
  word of mouth avoided (course material 002 "1:5", 000's KFC word-of-mouth analysis, module 03).

Survey answers outside their scale, non-whole answers and missing answers raise ``ValueError``
unless ``dropna=True`` is asked for explicitly (then missing answers are left out, and the
result's ``n`` says how many answers were counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .i18n import gettext as _
from ._validation import as_array, as_number, check_flag, check_fraction, check_nonnegative

__all__ = [
    "CSAT_SCALE", "NPS_SCALE", "complaint_recovery", "csat", "nps", "NPSResult", "satisfaction_loyalty_table",
]

NPS_SCALE = (0, 10)
CSAT_SCALE = (1, 5)


def _answers(values: Any, name: str, scale: tuple[int, int], dropna: bool) -> np.ndarray:
    """Whole-number answers on ``scale`` as a float array; ValueError names the bad answer."""
    if isinstance(values, (str, bytes)):
        raise ValueError(_("{name} must be a sequence of answers, got the string {values!r}").format(name=name, values=values))
    series = pd.Series(values, dtype="object") if not isinstance(values, pd.Series) else values
    check_flag(dropna, "dropna")
    booleans = series.map(lambda v: isinstance(v, (bool, np.bool_))).to_numpy(dtype=bool)
    if booleans.any():
        label = series.index[int(np.flatnonzero(booleans)[0])]
        raise ValueError(_("{name} has the boolean {value!r} at {label!r}; answers are numbers on the scale").format(name=name, value=series[label], label=label))
    numbers = pd.to_numeric(series, errors="coerce")
    not_numeric = numbers.isna() & series.notna()
    if not_numeric.any():
        label = not_numeric.idxmax()
        raise ValueError(_("{name} has a non-numeric answer {value!r} at {label!r}").format(name=name, value=series[label], label=label))
    missing = numbers.isna()
    if missing.any():
        if not dropna:
            label = missing.idxmax()
            raise ValueError(
                _("{name} has a missing answer at {label!r} ({n_missing} missing in all); clean the data or pass dropna=True to leave missing answers out").format(name=name, label=label, n_missing=int(missing.sum()))
            )
        numbers = numbers[~missing]
    array = numbers.to_numpy(dtype=float)
    if array.size == 0:
        raise ValueError(_("{name} has no answers").format(name=name))
    low, high = scale
    outside = (array < low) | (array > high) | ~np.isfinite(array)
    if outside.any():
        position = int(np.flatnonzero(outside)[0])
        raise ValueError(
            _("{name} has the answer {answer:g} at position {position}, outside the scale {low}–{high}").format(name=name, answer=array[position], position=position, low=low, high=high)
        )
    fractional = array != np.round(array)
    if fractional.any():
        position = int(np.flatnonzero(fractional)[0])
        raise ValueError(_("{name} has the answer {answer:g} at position {position}; answers are whole numbers").format(name=name, answer=array[position], position=position))
    return array


def _as_int(value: Any) -> Any:
    """Booleans as 0/1 (pandas does not read True/False as numbers)."""
    return int(value) if isinstance(value, (bool, np.bool_)) else value


def _scale(scale: Any, name: str = "scale") -> tuple[int, int]:
    try:
        low, high = (as_number(bound, name) for bound in scale)
    except TypeError:
        raise ValueError(_("{name} must be a pair (lowest, highest), got {scale!r}").format(name=name, scale=scale)) from None
    if low != int(low) or high != int(high) or high - low < 2:
        raise ValueError(_("{name} must be two whole numbers at least 2 apart, got {scale!r}").format(name=name, scale=scale))
    return int(low), int(high)


@dataclass(frozen=True)
class NPSResult:
    """A Net Promoter Score: ``score`` in points (−100…100) and the three shares (fractions)."""

    score: float
    promoters: float
    passives: float
    detractors: float
    n: int


def nps(scores: Any, dropna: bool = False) -> NPSResult:
    """Net Promoter Score (净推荐值) of 0–10 "how likely are you to recommend us" answers.

    Reichheld (2003, HBR): promoters answer 9–10, passives 7–8, detractors 0–6;
    NPS = 100 × (share of promoters − share of detractors), from −100 to +100 (docs/references.md).
    Passives count in the total but in neither group. Example: 5 promoters, 3 passives,
    2 detractors of 10 → 100 × (0.5 − 0.2) = 30 points.
    """
    answers = _answers(scores, "scores", NPS_SCALE, dropna)
    promoters = float(np.mean(answers >= 9))
    detractors = float(np.mean(answers <= 6))
    passives = float(np.mean((answers >= 7) & (answers <= 8)))
    return NPSResult(
        score=100.0 * (promoters - detractors), promoters=promoters, passives=passives,
        detractors=detractors, n=int(answers.size),
    )


def csat(scores: Any, satisfied_from: int = 4, scale: tuple[int, int] = CSAT_SCALE, dropna: bool = False) -> float:
    """CSAT (客户满意度得分): share of answers ≥ ``satisfied_from`` on ``scale`` (a fraction 0–1).

    The usual "top-two-box" reading of a 1–5 scale counts 4 (satisfied, 满意) and 5 (very
    satisfied, 非常满意). Example: answers 5, 4, 3, 2 → 2 of 4 = 0.5.
    """
    low, high = _scale(scale)
    threshold = as_number(satisfied_from, "satisfied_from")
    if not low < threshold <= high or threshold != int(threshold):
        raise ValueError(_("satisfied_from must be a whole number in ({low}, {high}], got {satisfied_from!r}").format(low=low, high=high, satisfied_from=satisfied_from))
    answers = _answers(scores, "scores", (low, high), dropna)
    return float(np.mean(answers >= threshold))


def satisfaction_loyalty_table(
    satisfaction: Any, repurchased: Any, spend: Any = None, scale: tuple[int, int] = CSAT_SCALE
) -> pd.DataFrame:
    """Repurchase (and spend) by satisfaction level: does satisfaction turn into loyalty?

    One row per level of ``scale`` (levels nobody chose show 0 respondents and NaN rates):
    ``respondents``, ``share`` (fraction of respondents), ``repurchase_rate`` (fraction who
    bought again), ``mean_spend`` (yuan, when ``spend`` is given) and ``vs_satisfied`` =
    repurchase_rate / the repurchase rate of the "satisfied" level (scale top − 1, i.e. 4 on
    1–5). Seed 002's "1:6" claims ``vs_satisfied`` ≈ 6 for the top level ("非常满意" vs "满意");
    Jones & Sasser (1995) report the same gap between completely satisfied and satisfied
    customers. ``repurchased``: booleans or 0/1, same length as ``satisfaction``.
    """
    low, high = _scale(scale)
    levels = _answers(satisfaction, "satisfaction", (low, high), dropna=False)
    bought = _answers(pd.Series(repurchased, dtype="object").astype(object).map(_as_int), "repurchased", (0, 1), dropna=False)
    if bought.size != levels.size:
        raise ValueError(_("repurchased has {n_repurchased} values but satisfaction has {n_satisfaction}").format(n_repurchased=bought.size, n_satisfaction=levels.size))
    frame = pd.DataFrame({"level": levels.astype(int), "repurchased": bought})
    if spend is not None:
        amounts = as_array(spend, "spend")
        if amounts.size != levels.size:
            raise ValueError(_("spend has {n_spend} values but satisfaction has {n_satisfaction}").format(n_spend=amounts.size, n_satisfaction=levels.size))
        if (amounts < 0).any():
            position = int(np.flatnonzero(amounts < 0)[0])
            raise ValueError(_("spend must be money ≥ 0; position {position} is {value}").format(position=position, value=amounts[position]))
        frame["spend"] = amounts
    grouped = frame.groupby("level")
    table = pd.DataFrame(index=pd.RangeIndex(low, high + 1, name="satisfaction"))
    table["respondents"] = grouped.size().reindex(table.index, fill_value=0).astype(int)
    table["share"] = table["respondents"] / len(frame)
    table["repurchase_rate"] = grouped["repurchased"].mean().reindex(table.index)
    if spend is not None:
        table["mean_spend"] = grouped["spend"].mean().reindex(table.index)
    satisfied_rate = table.loc[high - 1, "repurchase_rate"]
    table["vs_satisfied"] = table["repurchase_rate"] / satisfied_rate if satisfied_rate > 0 else np.nan
    return table


def complaint_recovery(
    value_per_customer: float,
    complainers: float,
    resolution_rate: float,
    retention_if_resolved: float,
    retention_if_unresolved: float,
    told_if_dissatisfied: float = 5,
    conversion: float = 0.2,
) -> pd.Series:
    """What resolving complaints is worth (投诉处理的价值), in customers and yuan.

    Of ``complainers``, ``resolved`` = complainers × resolution_rate get their problem solved.
    * Customers kept: resolved × (retention_if_resolved − retention_if_unresolved): the extra
      customers who stay because their complaint was resolved rather than left unresolved.
    * Word of mouth avoided: a resolved complainer no longer tells ``told_if_dissatisfied``
      people about a bad experience (course material 002 "1:5": 一个不满意的客户平均要影响5个人); with
      ``conversion`` of listeners lost (module 03's KFC analysis, course material 000: 20 %), that is
      resolved × told × conversion customers.
    * Values: customers × ``value_per_customer`` (yuan, e.g. a CLV from module 03 or 04).
    Returns resolved, customers_kept, value_kept, word_of_mouth_customers,
    word_of_mouth_value and total_value (= value_kept + word_of_mouth_value).
    Example (KFC, 26,000 yuan; 100 complaints, 60 % resolved, retention 0.7 vs 0.2, 5 told,
    20 %): 60 resolved, 30 customers kept (780,000 yuan), 60 avoided losses by word of mouth
    (1,560,000 yuan), 2,340,000 yuan in all.
    """
    value = check_nonnegative(value_per_customer, "value_per_customer")
    count = check_nonnegative(complainers, "complainers")
    resolved = count * check_fraction(resolution_rate, "resolution_rate")
    kept_if_resolved = check_fraction(retention_if_resolved, "retention_if_resolved")
    kept_if_unresolved = check_fraction(retention_if_unresolved, "retention_if_unresolved")
    if kept_if_resolved < kept_if_unresolved:
        raise ValueError(
            _("retention_if_resolved ({kept_if_resolved}) is below retention_if_unresolved ({kept_if_unresolved}): resolving a complaint would drive customers away; check the order of the two arguments").format(kept_if_resolved=kept_if_resolved, kept_if_unresolved=kept_if_unresolved)
        )
    told = check_nonnegative(told_if_dissatisfied, "told_if_dissatisfied")
    rate = check_fraction(conversion, "conversion")
    kept = resolved * (kept_if_resolved - kept_if_unresolved)
    word_of_mouth = resolved * told * rate
    return pd.Series(
        {
            "resolved": resolved,
            "customers_kept": kept,
            "value_kept": kept * value,
            "word_of_mouth_customers": word_of_mouth,
            "word_of_mouth_value": word_of_mouth * value,
            "total_value": (kept + word_of_mouth) * value,
        },
        name="complaint_recovery",
    )
