"""Communicating with customers (与客户沟通): channels, choosing one, the process and its barriers.

Source: course material 001 (项目二 客户开发: 沟通的主要工具, 沟通工具选择的原则, 影响有效沟通的因素,
如何避免沟通障碍) and 000 (实训1 沟通能力分析: personality types, body language and tone). The
communication-process model is the sender–channel–receiver model of Shannon & Weaver (1949,
*The Mathematical Theory of Communication*) with the encoding/decoding and feedback loop of
Schramm (1954, "How communication works"), as taught in marketing textbooks (Kotler & Keller,
*Marketing Management*, ch. "Designing and managing integrated marketing communications").

The seed lists seven tools and what each is best at (face to face 最主要、最有效, phone 最常用、最便捷,
SMS 最经济, internet platforms, letter 最正式, call centre for 集团客户, demonstration 效果明显、难度大);
it gives the heading 沟通工具选择的原则 but not the principles themselves. Our reading, which
:func:`choose_channel` implements:

1. **fit the purpose and content** (目的与内容): complex or emotional matters need an interactive,
   rich channel; routine information a cheap one that reaches many; a formal matter a formal one;
2. **fit the customer** (站在客户的角度, the seed's remedy 4): the personality type's preferences;
3. **fit the time** (选择适当的时间、交流方式和沟通媒介, remedy 3): urgent matters need a fast channel;
4. **weigh effect against economy**: no channel is best on everything (最有效 face to face is the
   dearest, 最经济 SMS the thinnest), so the choice is a weighted sum over criteria.

The criteria (:data:`CRITERIA`) are the seed's own words: 有效 → interactivity and richness,
便捷 → speed, 经济 → economy, 正式 → formality and written record, 效果明显 → shows the product,
集团客户 (many customers) → reach; 难度大 shows as low speed and economy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np
import pandas as pd

from . import _content
from .i18n import gettext as _
from .personality import TYPES, resolve_type

__all__ = [
    "BARRIERS", "CHANNELS", "CRITERIA", "Channel", "PROCESS", "PURPOSES", "REMEDIES", "TYPE_ADJUSTMENTS",
    "URGENT_SPEED_WEIGHT", "barrier_table", "channel_table", "channel_weights", "choose_channel", "process_table",
]

_CONTENT = _content.load("communication")

#: The criteria a channel is rated on, 1 (poor) … 5 (excellent), with their bilingual names.
CRITERIA: Mapping[str, dict[str, str]] = MappingProxyType({code: dict(c) for code, c in _CONTENT["criteria"].items()})


@dataclass(frozen=True)
class Channel:
    """One communication tool (沟通工具). Ratings are 1 (poor) … 5 (excellent); see :data:`CRITERIA`.

    ``cost_per_contact`` (yuan, 2024 prices) is a **teaching assumption**, not a market survey:
    the order of magnitude of what one contact with one customer costs the firm (staff time, travel,
    charges). ``economy`` is derived from it (see :func:`channel_table`). ``seed`` quotes what
    course material 001 says of the tool.
    """

    zh: str
    en: str
    seed: str
    interactivity: int
    richness: int
    reach: int
    formality: int
    record: int
    complexity: int
    speed: int
    showing: int
    cost_per_contact: float
    cost_basis: str


#: The seven tools of course material 001 (沟通的主要工具), in the seed's order.
CHANNELS: Mapping[str, Channel] = MappingProxyType({
    code: Channel(
        c["zh"], c["en"], c["seed"], **c["ratings"], cost_per_contact=float(c["cost_per_contact"]), cost_basis=c["cost_basis"]
    )
    for code, c in _CONTENT["channels"].items()
})

#: Purposes of a contact and how much each criterion matters for it (weights add up to 1).
#: Our reading of "fit the purpose and content": complex or emotional matters need interactive,
#: rich channels; routine information needs cheap, fast channels that reach many.
PURPOSES: Mapping[str, dict] = MappingProxyType({code: dict(p) for code, p in _CONTENT["purposes"].items()})

#: How a customer's personality type (:data:`customer_value.personality.TYPES`) shifts the
#: weights: added to the purpose's weights, negatives clipped at 0, then rescaled to add up to 1.
#: Read from the trait descriptions of course material 000 (性格分析).
TYPE_ADJUSTMENTS: Mapping[str, dict] = MappingProxyType({code: dict(_CONTENT["type_adjustments"][code]) for code in TYPES})

#: Extra weight on speed when the matter is urgent (before rescaling).
URGENT_SPEED_WEIGHT = 0.30

def _economy(cost: pd.Series) -> pd.Series:
    """1 (dearest) … 5 (cheapest) on a log scale of cost: 10 × cheaper is always the same step."""
    log_cost = np.log(cost)
    return 1 + 4 * (log_cost.max() - log_cost) / (log_cost.max() - log_cost.min())


def channel_table() -> pd.DataFrame:
    """The seven channels with their ratings (1–5), cost per contact (yuan) and what the seed says.

    ``cost_basis`` (how the cost was reckoned) is in the library's language: Chinese when it speaks zh-CN.

    ``economy`` = 1 + 4 (ln c_max − ln c) / (ln c_max − ln c_min) over the seven costs c: the
    cheapest channel (SMS) rates 5, the dearest (demonstration) 1. Costs span four orders of
    magnitude, so a log scale is used (a linear one would rate every channel but the two dearest
    about 5).
    """
    table = pd.DataFrame(
        [{f.name: getattr(channel, f.name) for f in fields(Channel)} for channel in CHANNELS.values()],
        index=pd.Index(list(CHANNELS), name="channel"),
    )
    table.insert(table.columns.get_loc("cost_per_contact"), "economy", _economy(table["cost_per_contact"]))
    # cost_basis in the library's language (Chinese in zh-CN, content's cost_basis_zh); CHANNELS stay English
    table["cost_basis"] = [_content.localized(_CONTENT["channels"][code], "cost_basis") for code in table.index]
    return table


def _check_choice(value, name: str, allowed: Mapping) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(_("{name} must be one of {allowed}; got {value!r}").format(name=name, allowed=", ".join(allowed), value=value))
    return value


def channel_weights(purpose: str, customer_type: str | None = None, urgent: bool = False) -> pd.Series:
    """The criterion weights (adding up to 1) :func:`choose_channel` uses, indexed by :data:`CRITERIA`.

    Purpose weights (:data:`PURPOSES`) + the customer type's changes (:data:`TYPE_ADJUSTMENTS`)
    + :data:`URGENT_SPEED_WEIGHT` on speed if ``urgent``; negatives clipped at 0; rescaled to sum 1.
    """
    _check_choice(purpose, "purpose", PURPOSES)
    weights = pd.Series(0.0, index=list(CRITERIA), name="weight")
    weights.update(pd.Series(PURPOSES[purpose]["weights"], dtype=float))
    if customer_type is not None:
        code = resolve_type(customer_type, "customer_type")
        weights = weights.add(pd.Series(TYPE_ADJUSTMENTS[code]["changes"], dtype=float), fill_value=0.0)
    if not isinstance(urgent, (bool, np.bool_)):
        raise ValueError(_("urgent must be True or False, got {urgent!r}").format(urgent=urgent))
    if urgent:
        weights["speed"] += URGENT_SPEED_WEIGHT
    weights = weights.clip(lower=0.0).reindex(list(CRITERIA))
    return weights / weights.sum()


def _reasons(ratings: pd.Series, weights: pd.Series) -> tuple[str, str]:
    """Strengths (rated ≥ 4) and weaknesses (rated ≤ 2) on the criteria that matter (weight ≥ 0.1)."""
    relevant = weights[weights >= 0.1].index
    gains = (weights[relevant] * (ratings[relevant] - 1)).sort_values(ascending=False, kind="stable")
    losses = (weights[relevant] * (5 - ratings[relevant])).sort_values(ascending=False, kind="stable")
    strong = [k for k in gains.index if ratings[k] >= 4][:2]
    weak = [k for k in losses.index if ratings[k] <= 2][:2]
    en = "; ".join(part for part in (
        "strong on " + ", ".join(CRITERIA[k]["en"] for k in strong) if strong else "",
        "weak on " + ", ".join(CRITERIA[k]["en"] for k in weak) if weak else "",
    ) if part) or "average on what matters here"
    zh = "；".join(part for part in (
        "优势：" + "、".join(CRITERIA[k]["zh"] for k in strong) if strong else "",
        "不足：" + "、".join(CRITERIA[k]["zh"] for k in weak) if weak else "",
    ) if part) or "各项表现一般"
    return en, zh


def choose_channel(purpose: str, customer_type: str | None = None, urgent: bool = False) -> pd.DataFrame:
    """Rank the seven channels for a contact: score 0–100, best first, with a bilingual reason.

    Follows our reading of course material 001's 沟通工具选择的原则 (module docstring): fit the purpose and
    content, the customer, the time, and weigh economy against effect. Each channel's score is

        score = 100 × Σ_k w_k (x_k − 1) / 4

    with x_k its 1–5 rating on criterion k (:func:`channel_table`) and w_k the weights of
    :func:`channel_weights` (they add up to 1), so 0 = worst on everything that matters, 100 = best.
    ``purpose`` is a key of :data:`PURPOSES` (complaint, product_intro, reminder, relationship,
    negotiation, survey, formal_notice); ``customer_type`` a personality type (tiger, peacock,
    koala, owl, chameleon, or a name :func:`customer_value.personality.resolve_type` accepts:
    老虎, course material 000's 熊猫 …) or None; ``urgent`` adds weight on speed.
    Ties keep the seed's order of the tools. The ratings and weights are teaching assumptions:
    the table shows *why* a channel wins, and students should argue with it.

    Returns a DataFrame indexed by channel: rank, zh, en, score, cost_per_contact (yuan),
    reason_en, reason_zh; ``.attrs["weights"]`` holds the weights used.
    """
    weights = channel_weights(purpose, customer_type, urgent)
    table = channel_table()
    ratings = table[list(CRITERIA)]
    score = 100 * (ratings - 1).div(4).mul(weights).sum(axis=1)
    reasons = [_reasons(ratings.loc[code], weights) for code in table.index]
    result = pd.DataFrame({
        "zh": table["zh"],
        "en": table["en"],
        "score": score.round(10),  # ties stay ties despite floating-point sums
        "cost_per_contact": table["cost_per_contact"],
        "reason_en": [en for en, _zh in reasons],
        "reason_zh": [zh for _en, zh in reasons],
    }, index=table.index)
    result = result.sort_values("score", ascending=False, kind="stable")
    result.insert(0, "rank", np.arange(1, len(result) + 1))
    result.attrs["weights"] = weights
    return result


#: The communication process (沟通过程): Shannon & Weaver (1949) with Schramm's (1954) feedback loop.
PROCESS: tuple[dict[str, str], ...] = tuple(
    {key: stage[key] for key in ("stage", "zh", "en", "meaning", "example")} for stage in _CONTENT["process"]
)

#: The six ways to avoid communication barriers of course material 001 (如何避免沟通障碍), in order.
REMEDIES: tuple[dict[str, str], ...] = tuple(dict(remedy) for remedy in _CONTENT["remedies"])

#: Barriers to effective communication (影响有效沟通的因素; the seed gives the heading only: these are
#: the usual textbook barriers), the process stage each hits, and the seed's remedy (1–6 of REMEDIES).
BARRIERS: tuple[dict, ...] = tuple(dict(barrier) for barrier in _CONTENT["barriers"])


def process_table() -> pd.DataFrame:
    """The communication process as a table, one row per stage (:data:`PROCESS`).

    Indexed by stage code; columns zh, en (the stage's names), meaning and example, these two in the
    library's language (Chinese when it speaks zh-CN).
    """
    rows = [
        {**{key: stage[key] for key in ("stage", "zh", "en")},
         **{key: _content.localized(stage, key) for key in ("meaning", "example")}}
        for stage in _CONTENT["process"]
    ]
    return pd.DataFrame(rows).set_index("stage")


def barrier_table() -> pd.DataFrame:
    """Barriers, the stage each hits and how to avoid them, with the seed's remedy spelled out."""
    table = pd.DataFrame(list(BARRIERS))
    table["remedy_zh"] = [REMEDIES[n - 1]["zh"] for n in table["remedy"]]
    table["remedy_en"] = [REMEDIES[n - 1]["en"] for n in table["remedy"]]
    return table
