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

#: The criteria a channel is rated on, 1 (poor) … 5 (excellent), with their bilingual names.
CRITERIA: Mapping[str, dict[str, str]] = MappingProxyType({
    "interactivity": {"zh": "互动性", "en": "interactivity", "meaning": "two-way, fast feedback 反馈快"},
    "richness": {"zh": "丰富性", "en": "richness", "meaning": "carries body language and tone 肢体语言、语气"},
    "reach": {"zh": "覆盖面", "en": "reach", "meaning": "reaches many customers at once"},
    "economy": {"zh": "经济性", "en": "economy", "meaning": "low cost per contact"},
    "formality": {"zh": "正式性", "en": "formality", "meaning": "carries the firm's official word"},
    "record": {"zh": "书面记录", "en": "written record", "meaning": "leaves a record both sides can check"},
    "complexity": {"zh": "复杂内容", "en": "complex content", "meaning": "suits long or complex content"},
    "speed": {"zh": "及时性", "en": "speed", "meaning": "reaches the customer at once"},
    "showing": {"zh": "产品展示", "en": "showing the product", "meaning": "the customer can see, touch and try the product"},
})


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
    "face_to_face": Channel(
        "面谈", "face to face", "面对面：最主要、最有效的手段", interactivity=5, richness=5, reach=1,
        formality=4, record=1, complexity=4, speed=2, showing=3, cost_per_contact=150.0,
        cost_basis="a visit: about 2 hours of a salesperson's time with travel (≈ 50 yuan/h) plus ≈ 50 yuan of travel",
    ),
    "phone": Channel(
        "电话", "telephone", "电话：最常用、最便捷的手段", interactivity=5, richness=3, reach=3,
        formality=2, record=1, complexity=3, speed=5, showing=1, cost_per_contact=5.0,
        cost_basis="about 8 minutes of staff time (≈ 35 yuan/h) plus call charges",
    ),
    "sms": Channel(
        "短信", "text message (SMS)", "手机短信：最经济的手段", interactivity=1, richness=1, reach=5,
        formality=1, record=4, complexity=1, speed=5, showing=1, cost_per_contact=0.05,
        cost_basis="bulk SMS price, ≈ 0.03–0.06 yuan a message",
    ),
    "internet": Channel(
        "网络平台", "internet platforms (WeChat, QQ, e-mail, web)", "互联网平台：QQ、微信、邮箱等",
        interactivity=3, richness=2, reach=5, formality=2, record=5, complexity=3, speed=4, showing=3,
        cost_per_contact=0.5,
        cost_basis="a message or e-mail sent to many: platform fees and a little staff time per customer",
    ),
    "letter": Channel(
        "信函", "letter", "信函：最正式的手段", interactivity=1, richness=1, reach=3,
        formality=5, record=5, complexity=4, speed=1, showing=2, cost_per_contact=6.0,
        cost_basis="printing, envelope and postage (≈ 1.20 yuan) plus staff time",
    ),
    "call_centre": Channel(
        "呼叫中心", "call centre", "呼叫中心：集团客户", interactivity=4, richness=3, reach=4,
        formality=3, record=4, complexity=3, speed=4, showing=1, cost_per_contact=4.0,
        cost_basis="one handled call in an (outsourced) call centre, ≈ 3–6 yuan; calls are logged",
    ),
    "demonstration": Channel(
        "现场演示", "on-site demonstration", "现场演示：效果明显、难度大", interactivity=4, richness=4, reach=2,
        formality=3, record=1, complexity=5, speed=1, showing=5, cost_per_contact=200.0,
        cost_basis="staff, samples and venue of a demonstration, shared by the few customers who attend",
    ),
})

#: Purposes of a contact and how much each criterion matters for it (weights add up to 1).
#: Our reading of "fit the purpose and content": complex or emotional matters need interactive,
#: rich channels; routine information needs cheap, fast channels that reach many.
PURPOSES: Mapping[str, dict] = MappingProxyType({
    "complaint": {
        "zh": "处理投诉", "en": "handling a complaint",
        "weights": {"interactivity": 0.30, "richness": 0.30, "speed": 0.15, "record": 0.10, "complexity": 0.15},
    },
    "product_intro": {
        "zh": "介绍产品", "en": "introducing a product",
        "weights": {"showing": 0.30, "complexity": 0.20, "richness": 0.20, "interactivity": 0.15, "economy": 0.10, "reach": 0.05},
    },
    "reminder": {
        "zh": "提醒通知", "en": "a reminder or notice (delivery, appointment, payment, event)",
        "weights": {"economy": 0.35, "reach": 0.25, "speed": 0.25, "record": 0.15},
    },
    "relationship": {
        "zh": "关系维护（客户关怀）", "en": "keeping in touch (customer care)",
        "weights": {"richness": 0.35, "interactivity": 0.30, "economy": 0.20, "reach": 0.15},
    },
    "negotiation": {
        "zh": "商务谈判", "en": "negotiating (price, terms, contract)",
        "weights": {"interactivity": 0.30, "richness": 0.25, "complexity": 0.20, "formality": 0.15, "record": 0.10},
    },
    "survey": {
        "zh": "满意度调查、回访", "en": "a satisfaction survey or follow-up",
        "weights": {"reach": 0.30, "economy": 0.30, "record": 0.25, "interactivity": 0.15},
    },
    "formal_notice": {
        "zh": "正式通知（合同、价格变更）", "en": "a formal notice (contract or price change)",
        "weights": {"formality": 0.45, "record": 0.35, "complexity": 0.10, "reach": 0.10},
    },
})

#: How a customer's personality type (cv.personality.TYPES) shifts the weights: added to the
#: purpose's weights, negatives clipped at 0, then rescaled to add up to 1. Read from the trait
#: descriptions of course material 000 (性格分析).
TYPE_ADJUSTMENTS: Mapping[str, dict] = MappingProxyType({
    "tiger": {
        "changes": {"speed": 0.20, "interactivity": 0.10},
        "zh": "老虎：重结果、性急，要快速、直接的沟通", "en": "tiger: results first and impatient; fast, direct contact",
    },
    "peacock": {
        "changes": {"richness": 0.25, "interactivity": 0.10},
        "zh": "孔雀：热情、爱表达，喜欢面对面的交流", "en": "peacock: expressive and sociable; wants lively, personal contact",
    },
    "koala": {
        "changes": {"richness": 0.10, "record": 0.05},
        "zh": "熊猫/考拉：随和、耐心、避免冲突，要亲切、给时间考虑", "en": "koala: easy-going, patient, avoids conflict; warm contact and time to think it over",
    },
    "owl": {
        "changes": {"record": 0.20, "complexity": 0.10, "richness": -0.10},
        "zh": "猫头鹰/啄木鸟：精确、重细节，要书面记录和完整资料", "en": "owl: precise, detail-minded; wants the facts in writing",
    },
    "chameleon": {
        "changes": {},
        "zh": "变色龙：适应性强，按沟通目的选择", "en": "chameleon: adapts; the purpose decides",
    },
})

#: Extra weight on speed when the matter is urgent (before rescaling).
URGENT_SPEED_WEIGHT = 0.30

def _economy(cost: pd.Series) -> pd.Series:
    """1 (dearest) … 5 (cheapest) on a log scale of cost: 10 × cheaper is always the same step."""
    log_cost = np.log(cost)
    return 1 + 4 * (log_cost.max() - log_cost) / (log_cost.max() - log_cost.min())


def channel_table() -> pd.DataFrame:
    """The seven channels with their ratings (1–5), cost per contact (yuan) and what the seed says.

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
    return table


def _check_choice(value, name: str, allowed: Mapping) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
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
        _check_choice(customer_type, "customer_type", TYPE_ADJUSTMENTS)
        weights = weights.add(pd.Series(TYPE_ADJUSTMENTS[customer_type]["changes"], dtype=float), fill_value=0.0)
    if not isinstance(urgent, (bool, np.bool_)):
        raise ValueError(f"urgent must be True or False, got {urgent!r}")
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

    Follows our reading of seed 001's 沟通工具选择的原则 (module docstring): fit the purpose and
    content, the customer, the time, and weigh economy against effect. Each channel's score is

        score = 100 × Σ_k w_k (x_k − 1) / 4

    with x_k its 1–5 rating on criterion k (:func:`channel_table`) and w_k the weights of
    :func:`channel_weights` (they add up to 1), so 0 = worst on everything that matters, 100 = best.
    ``purpose`` is a key of :data:`PURPOSES` (complaint, product_intro, reminder, relationship,
    negotiation, survey, formal_notice); ``customer_type`` a personality code (tiger, peacock,
    koala, owl, chameleon; see ``cv.personality``) or None; ``urgent`` adds weight on speed.
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
        "reason_en": [en for en, _ in reasons],
        "reason_zh": [zh for _, zh in reasons],
    }, index=table.index)
    result = result.sort_values("score", ascending=False, kind="stable")
    result.insert(0, "rank", np.arange(1, len(result) + 1))
    result.attrs["weights"] = weights
    return result


#: The communication process (沟通过程): Shannon & Weaver (1949) with Schramm's (1954) feedback loop.
PROCESS: tuple[dict[str, str], ...] = (
    {"stage": "sender", "zh": "发送者", "en": "sender",
     "meaning": "who has something to say: the salesperson, the service agent, the firm",
     "example": "客服 Xiao Li wants to tell a customer that her cake order is late"},
    {"stage": "encoding", "zh": "编码", "en": "encoding",
     "meaning": "turning the idea into words, tone, pictures and gestures the receiver can understand",
     "example": "she chooses plain words, an apology first and a new delivery time"},
    {"stage": "channel", "zh": "渠道（沟通媒介）", "en": "channel (medium)",
     "meaning": "the tool that carries the message: face to face, phone, SMS, WeChat, letter …",
     "example": "she calls rather than texting, because the customer will be upset"},
    {"stage": "decoding", "zh": "解码", "en": "decoding",
     "meaning": "the receiver interprets the message through her own experience, mood and expectations",
     "example": "the customer hears 'late again' and 'they care enough to call'"},
    {"stage": "receiver", "zh": "接收者", "en": "receiver",
     "meaning": "the customer the message is meant for",
     "example": "the customer who ordered a birthday cake for tonight"},
    {"stage": "feedback", "zh": "反馈", "en": "feedback",
     "meaning": "the receiver's response, which tells the sender what was understood",
     "example": "'Can it come by six?' — now Xiao Li knows what matters to her"},
    {"stage": "noise", "zh": "噪声（干扰）", "en": "noise",
     "meaning": "anything that distorts the message at any stage: a bad line, a busy shop, jargon, anger, prejudice",
     "example": "the customer is in a noisy bus and misses the new time"},
)

#: The six ways to avoid communication barriers of course material 001 (如何避免沟通障碍), in order.
REMEDIES: tuple[dict[str, str], ...] = (
    {"zh": "保持对交流对象（客户）的敏感性", "en": "stay sensitive to the customer (mood, needs, signals)"},
    {"zh": "明确交流意图", "en": "be clear what the contact is for"},
    {"zh": "选择适当的时间、交流方式和沟通媒介", "en": "choose the right time, manner and channel"},
    {"zh": "站在客户的角度去考虑问题", "en": "see the matter from the customer's side"},
    {"zh": "重视反馈", "en": "value feedback: check what was understood"},
    {"zh": "争取客户的配合", "en": "win the customer's cooperation"},
)

#: Barriers to effective communication (影响有效沟通的因素; the seed gives the heading only: these are
#: the usual textbook barriers), the process stage each hits, and the seed's remedy (1–6 of REMEDIES).
BARRIERS: tuple[dict, ...] = (
    {"zh": "目的不明确，想到哪说到哪", "en": "no clear purpose: rambling, several messages at once",
     "stage": "sender", "remedy": 2,
     "how_zh": "沟通前写下一句话的目的和希望客户做什么", "how_en": "write down in one sentence what the contact is for and what the customer should do"},
    {"zh": "用语不当：专业术语、含糊不清", "en": "poor encoding: jargon, vague words",
     "stage": "encoding", "remedy": 4,
     "how_zh": "用客户的语言，说具体的时间、数量、价格", "how_en": "use the customer's words; give concrete times, quantities, prices"},
    {"zh": "时机、方式或媒介不当", "en": "wrong time, manner or channel",
     "stage": "channel", "remedy": 3,
     "how_zh": "按目的和客户选择渠道（choose_channel），避开客户忙碌的时段", "how_en": "choose the channel for the purpose and customer (choose_channel); avoid the customer's busy hours"},
    {"zh": "环境干扰：噪声、电话打断、东张西望", "en": "noise: a loud place, interruptions, wandering eyes",
     "stage": "noise", "remedy": 3,
     "how_zh": "选安静的地点；有电话打进来，请对方稍后再打", "how_en": "pick a quiet place; if a call comes in, ask the caller to ring back later"},
    {"zh": "情绪和成见：客户生气，员工防卫", "en": "emotions and prejudice: an angry customer, a defensive employee",
     "stage": "decoding", "remedy": 1,
     "how_zh": "先处理情绪再处理事情：倾听、致歉、复述客户的感受", "how_en": "deal with feelings before facts: listen, apologise, name the customer's feeling"},
    {"zh": "只说不听，不核实对方的理解", "en": "talking without listening, never checking understanding",
     "stage": "feedback", "remedy": 5,
     "how_zh": "提问、复述要点，请客户确认", "how_en": "ask questions, sum up, let the customer confirm"},
    {"zh": "以自我为中心，只讲公司的立场", "en": "self-centred: only the firm's point of view",
     "stage": "sender", "remedy": 4,
     "how_zh": "先说客户得到什么，再说公司需要什么", "how_en": "say what the customer gains before what the firm needs"},
    {"zh": "客户不信任、不配合", "en": "distrust: the customer will not cooperate",
     "stage": "receiver", "remedy": 6,
     "how_zh": "兑现小承诺，给客户选择，请客户参与解决方案", "how_en": "keep small promises, offer choices, involve the customer in the solution"},
)


def process_table() -> pd.DataFrame:
    """The communication process as a table, one row per stage (:data:`PROCESS`)."""
    return pd.DataFrame(list(PROCESS)).set_index("stage")


def barrier_table() -> pd.DataFrame:
    """Barriers, the stage each hits and how to avoid them, with the seed's remedy spelled out."""
    table = pd.DataFrame(list(BARRIERS))
    table["remedy_zh"] = [REMEDIES[n - 1]["zh"] for n in table["remedy"]]
    table["remedy_en"] = [REMEDIES[n - 1]["en"] for n in table["remedy"]]
    return table
