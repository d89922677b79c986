"""A PDP-style personality questionnaire (性格分析) for practising communication with customers.

Sources
-------
* Course material 000 (实训1 客户价值计算及沟通能力分析, slides "性格分析"): the animal types
  老虎 (tiger), 孔雀 (peacock), 熊猫 (panda, called 考拉 koala in most PDP versions) and 啄木鸟
  (woodpecker, called 猫头鹰 owl in most PDP versions), the trait lists of the tiger (控制特征:
  工作型, 重结果、轻细节, 性急 …), the panda/koala (行动特征: 温和、稳定、聆听者、避免冲突、难以决定 …)
  and the woodpecker/owl (精确、关注细节、有条理、守时、先思考后发言, "正确比开心更重要"), and a
  chart of one line per perspective — 天生 (natural), 工作中 (at work), 别人眼中 (as others see
  you) — across the types.
* The course's REFERENCES note on PDP questionnaires as used in Chinese sales training: 30
  statements on a 5-point scale (非常同意 5 … 不同意 1), six per type (老虎, 孔雀, 考拉, 猫头鹰,
  变色龙), a type's score being the sum of its six answers (so 6–30).
* The original PDP instrument (Professional DynaMetric Programs), as the REFERENCES note
  describes it, has people rate adjectives from three perspectives (natural self, the self in
  the work environment, the outward self others see): the origin of the seed's three lines.

The 30 statements are ours, written from the seed's trait descriptions (the peacock's and the
chameleon's, which the seed does not describe, from the usual descriptions in PDP training:
expressive and sociable; adaptable and integrating). The seed's chart runs from −100 to 150 with
a scoring it does not give; we use the REFERENCES scoring (raw sums 6–30).

This is a **teaching instrument, not a validated psychometric test**: use it to talk about
communication styles, never to judge, hire or label people or customers.

In a terminal: ``python -m customer_value.personality`` (``--answers 5,4,3,…`` to score 30 answers
without questions, ``--perspective work`` for the at-work profile, ``--help``); in a notebook
``cv.widgets.personality_questionnaire()``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Integral, Real
from typing import Any

import pandas as pd

#: The five PDP types, in the order of the items (item k is of type TYPES[(k − 1) % 5]).
TYPES: tuple[str, ...] = ("tiger", "peacock", "koala", "owl", "chameleon")

#: Chinese and English names and the trait each type stands for.
TYPE_NAMES: dict[str, dict[str, str]] = {
    "tiger": {"zh": "老虎", "en": "Tiger", "trait": "dominance 支配型"},
    "peacock": {"zh": "孔雀", "en": "Peacock", "trait": "expressiveness 表达型"},
    "koala": {"zh": "考拉", "en": "Koala", "trait": "patience 耐心型"},
    "owl": {"zh": "猫头鹰", "en": "Owl", "trait": "precision 精确型"},
    "chameleon": {"zh": "变色龙", "en": "Chameleon", "trait": "adaptability 整合型"},
}

#: Other names a type goes by; seed 000 calls the koala 熊猫 (panda) and the owl 啄木鸟 (woodpecker).
TYPE_ALIASES: dict[str, str] = {
    "熊猫": "koala", "panda": "koala", "啄木鸟": "owl", "woodpecker": "owl",
    **{names["zh"]: code for code, names in TYPE_NAMES.items()},
    **{names["en"].lower(): code for code, names in TYPE_NAMES.items()},
}

#: The answer scale: 1 (disagree) … 5 (strongly agree), both ends included.
SCALE: tuple[int, int] = (1, 5)
#: Labels of the scale points (the wording of the common Chinese PDP forms).
SCALE_LABELS: dict[int, dict[str, str]] = {
    1: {"zh": "不同意", "en": "disagree"},
    2: {"zh": "有一点同意", "en": "agree a little"},
    3: {"zh": "差不多", "en": "partly agree"},
    4: {"zh": "比较同意", "en": "mostly agree"},
    5: {"zh": "非常同意", "en": "strongly agree"},
}

#: The three perspectives of the PDP profile.
PERSPECTIVES: tuple[str, ...] = ("natural", "work", "others")
PERSPECTIVE_NAMES: dict[str, dict[str, str]] = {
    "natural": {"zh": "天生", "en": "natural"},
    "work": {"zh": "工作中", "en": "at work"},
    "others": {"zh": "别人眼中", "en": "as others see you"},
}

#: Items per type and number of items.
ITEMS_PER_TYPE = 6
N_ITEMS = ITEMS_PER_TYPE * len(TYPES)
#: Lowest and highest possible type score (6 × 1 and 6 × 5).
SCORE_RANGE: tuple[int, int] = (ITEMS_PER_TYPE * SCALE[0], ITEMS_PER_TYPE * SCALE[1])

#: A profile whose five scores lie within this many points of each other (max − min) is flat:
#: no style stands out, which PDP readings call the chameleon (变色龙, 整合型). Three points is
#: half a scale step per item (3 / 6), i.e. smaller than one answer moved by one step on half of
#: a type's statements.
CHAMELEON_SPREAD = 3

# Six statements per type, from seed 000's trait lists (tiger, koala/熊猫, owl/啄木鸟) and the usual
# PDP descriptions (peacock, chameleon). Listed by type; items() interleaves them.
_STATEMENTS: dict[str, list[tuple[str, str]]] = {
    "tiger": [
        ("我喜欢掌控局面，由自己来做决定。", "I like to be in control and make the decisions myself."),
        ("我做事重结果，细节可以以后再说。", "I care about results; the details can wait."),
        ("我做决定快，想好了马上就行动。", "I decide quickly and act at once."),
        ("遇到挫折，我会更加努力，愈挫愈勇。", "Setbacks make me push even harder."),
        ("与工作无关的闲聊让我觉得浪费时间。", "Small talk that has nothing to do with the task feels like a waste of time."),
        ("等待别人让我很不耐烦。", "Having to wait for other people makes me impatient."),
    ],
    "peacock": [
        ("我喜欢结交新朋友，在人多的场合很自在。", "I enjoy meeting new people and feel at ease in a crowd."),
        ("我说话生动，喜欢用故事和例子打动别人。", "I speak vividly and like to win people over with stories and examples."),
        ("我喜欢成为大家关注的焦点。", "I like being the centre of attention."),
        ("我对新想法充满热情，常常带动别人一起参与。", "I get excited about new ideas and often carry others along."),
        ("别人的赞美和认可对我很重要。", "Praise and recognition from others matter a lot to me."),
        ("我很乐观，相信事情总会有好的结果。", "I am optimistic and believe things will turn out well."),
    ],
    "koala": [
        ("我是一个好的倾听者，愿意耐心听别人说完。", "I am a good listener and patiently let people finish."),
        ("我尽量避免冲突，希望大家和和气气。", "I avoid conflict and want everyone to get along."),
        ("我喜欢稳定、有节奏的生活，不喜欢突然的变化。", "I like a steady, regular pace and dislike sudden change."),
        ("做重要的决定之前，我需要较长的时间考虑。", "I need a good while to think before an important decision."),
        ("我待人温和亲切，对别人不苛求。", "I am gentle and kind with people and do not demand much of them."),
        ("在集体中，我更愿意旁观，能不开口就不开口。", "In a group I would rather watch and only speak when I need to."),
    ],
    "owl": [
        ("我做事有条理、有计划，注重细节。", "I work in an orderly, planned way and pay attention to detail."),
        ("下结论之前，我会先收集资料、仔细分析。", "Before I conclude anything I collect the facts and analyse them."),
        ("对我来说，做得正确比做得开心更重要。", "Getting it right matters more to me than enjoying it."),
        ("我守时，遵守规则和流程。", "I am punctual and follow rules and procedures."),
        ("我先思考后发言，说话很谨慎。", "I think before I speak and choose my words carefully."),
        ("我交朋友很慎重，不轻易赞美别人。", "I choose my friends carefully and do not praise people easily."),
    ],
    "chameleon": [
        ("我会根据不同的场合调整自己的做法。", "I adjust the way I act to the situation."),
        ("和各种性格的人相处，我都能应付自如。", "I get on easily with people of every temperament."),
        ("出现分歧时，我常常充当协调者，找到各方都能接受的办法。", "When people disagree I often mediate and find a solution everyone accepts."),
        ("我没有很强的固定立场，容易接受不同的意见。", "I hold no fixed positions and readily accept other views."),
        ("面对变化，我能很快适应。", "I adapt quickly to change."),
        ("需要的时候我可以领导，也可以配合别人。", "I can lead or follow, whichever is needed."),
    ],
}

#: How to communicate with a customer of each type. Tiger, koala and owl follow seed 000's trait
#: lists; peacock and chameleon the usual PDP descriptions; all apply seed 001's 如何避免沟通障碍
#: (be sensitive to the customer, clear intent, the right time and medium, the customer's view).
_ADVICE: dict[str, dict[str, dict[str, str]]] = {
    "tiger": {
        "pace": {"zh": "快：直奔主题，守时，简短。", "en": "Fast: get to the point, be on time, keep it short."},
        "detail": {"zh": "少：先给结论和结果，细节放在附件里备查。", "en": "Low: lead with the bottom line and results; keep details in an appendix."},
        "emphasise": {"zh": "结果、效率、价值和可选方案，让客户自己拍板。", "en": "Results, efficiency, value and options, so the customer makes the decision."},
        "avoid": {"zh": "与主题无关的寒暄、啰嗦的解释、替客户做决定或与其争夺控制权。", "en": "Small talk, long explanations, deciding for the customer or fighting for control."},
        "opening": {"zh": "“王总，我用三分钟说清楚这个方案能帮您多赚多少。”", "en": "\"Mr Wang, in three minutes: what this plan adds to your bottom line.\""},
    },
    "peacock": {
        "pace": {"zh": "轻快热情：留出聊天和表达的时间。", "en": "Lively and warm: leave room to chat and for them to talk."},
        "detail": {"zh": "少：讲故事、看图片和案例，细节之后以书面形式补充。", "en": "Low: stories, pictures and examples; send the details in writing afterwards."},
        "emphasise": {"zh": "新意、口碑与认可、别人的成功案例、与客户本人的关系。", "en": "Novelty, recognition, other customers' success stories, the personal relationship."},
        "avoid": {"zh": "堆砌数据、冷淡生硬、打断或忽视客户的想法。", "en": "Data dumps, a cold manner, interrupting or ignoring their ideas."},
        "opening": {"zh": "“李姐，上次您提的那个想法太好了，我们真做出来了，您先看看！”", "en": "\"Ms Li, that idea you had last time was great: we built it, have a look!\""},
    },
    "koala": {
        "pace": {"zh": "慢而稳：耐心，给客户时间考虑，不催促。", "en": "Slow and steady: be patient, give them time to think, never rush them."},
        "detail": {"zh": "适中：一步一步讲清楚，说明会发生什么、由谁负责。", "en": "Moderate: step by step, what will happen and who looks after them."},
        "emphasise": {"zh": "安全、保障和售后支持，长期关系，身边的人也在用。", "en": "Safety, guarantees and after-sales support, a long relationship, people they know use it."},
        "avoid": {"zh": "施加压力、强行成交、突然改变约定、当面冲突。", "en": "Pressure, hard closing, sudden changes to what was agreed, open confrontation."},
        "opening": {"zh": "“张阿姨，您最近好吗？不着急，我们慢慢看，有问题随时问我。”", "en": "\"Mrs Zhang, how have you been? No hurry, let's go through it together; ask me anything.\""},
    },
    "owl": {
        "pace": {"zh": "稳：准时、按议程进行，给客户思考和核对的时间。", "en": "Measured: punctual, follow an agenda, give them time to think and check."},
        "detail": {"zh": "多：准确的数据、规格、书面资料和依据。", "en": "High: exact figures, specifications, written material and evidence."},
        "emphasise": {"zh": "质量、准确、流程和证据，对比与风险说明。", "en": "Quality, accuracy, process and evidence; comparisons and the risks, stated plainly."},
        "avoid": {"zh": "夸大其词、含糊的承诺、迟到、过分热络、催促决定。", "en": "Exaggeration, vague promises, being late, over-familiarity, pushing for a decision."},
        "opening": {"zh": "“陈经理，这是今天的议程和产品参数表，您看完后我们逐条讨论。”", "en": "\"Mr Chen, here are today's agenda and the specification sheet; we can go through them point by point.\""},
    },
    "chameleon": {
        "pace": {"zh": "跟随客户：先观察，再配合客户的节奏。", "en": "Follow the customer: observe first, then match their pace."},
        "detail": {"zh": "按需：先问清楚客户想了解到多细。", "en": "As needed: ask how much detail they want."},
        "emphasise": {"zh": "灵活的方案、各方都能接受的共识、对不同需求的照顾。", "en": "Flexible options, a solution all parties accept, care for different needs."},
        "avoid": {"zh": "一刀切的方案、过早逼客户表态、前后不一致。", "en": "One-size-fits-all offers, forcing an early position, being inconsistent."},
        "opening": {"zh": "“赵先生，您今天最想先解决哪件事？我们就从那里开始。”", "en": "\"Mr Zhao, what would you most like to settle today? Let's start there.\""},
    },
}

#: Keys of :func:`advice`, with their Chinese and English labels.
ADVICE_KEYS: tuple[str, ...] = ("pace", "detail", "emphasise", "avoid", "opening")
ADVICE_LABELS: dict[str, dict[str, str]] = {
    "pace": {"zh": "节奏", "en": "pace"},
    "detail": {"zh": "细节", "en": "detail"},
    "emphasise": {"zh": "强调", "en": "emphasise"},
    "avoid": {"zh": "避免", "en": "avoid"},
    "opening": {"zh": "开场白", "en": "opening"},
}


def _type_code(type_code: Any, name: str = "type_code") -> str:
    """The code of a type given by code, English name or Chinese name (incl. 熊猫, 啄木鸟)."""
    if isinstance(type_code, str):
        key = type_code.strip()
        if key in TYPES:
            return key
        if key in TYPE_ALIASES or key.lower() in TYPE_ALIASES:
            return TYPE_ALIASES.get(key, TYPE_ALIASES.get(key.lower()))
    listed = ", ".join(repr(code) for code in TYPES)
    raise ValueError(f"{name} must be one of {listed} (or a Chinese name such as '老虎'), got {type_code!r}")


def items() -> pd.DataFrame:
    """The 30 statements: columns item (1…30), type, statement_zh, statement_en.

    Interleaved so that item k is of type ``TYPES[(k − 1) % 5]`` (1 tiger, 2 peacock, 3 koala,
    4 owl, 5 chameleon, 6 tiger, …), six per type.
    """
    rows = []
    for k in range(1, N_ITEMS + 1):
        kind = TYPES[(k - 1) % len(TYPES)]
        zh, en = _STATEMENTS[kind][(k - 1) // len(TYPES)]
        rows.append({"item": k, "type": kind, "statement_zh": zh, "statement_en": en})
    return pd.DataFrame(rows)


def _answer_value(value: Any, item: int, name: str) -> int:
    """One answer as an int on :data:`SCALE`, or a ValueError naming the item."""
    where = f"{name}: item {item}"
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{where} must be a whole number {SCALE[0]}–{SCALE[1]}, got {value!r} ({type(value).__name__})")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{where} is missing (NaN); answer every item {SCALE[0]}–{SCALE[1]}")
    if not math.isfinite(number) or number != int(number):
        raise ValueError(f"{where} must be a whole number {SCALE[0]}–{SCALE[1]}, got {value!r}")
    if not SCALE[0] <= number <= SCALE[1]:
        raise ValueError(f"{where} is {value!r}, outside the scale {SCALE[0]}–{SCALE[1]}")
    return int(number)


def _answers_list(answers: Any, name: str = "answers") -> list[int]:
    """Answers in item order (30 ints 1–5) from a sequence in item order or a mapping item → answer.

    A pandas Series with a default 0…29 index is read in order; any other Series as a mapping.
    """
    if isinstance(answers, pd.Series):
        in_order = answers.index.equals(pd.RangeIndex(len(answers)))
        answers = answers.tolist() if in_order else answers.to_dict()
    if isinstance(answers, Mapping):
        by_item = {}
        for key, value in answers.items():
            if isinstance(key, bool) or not isinstance(key, Integral) or not 1 <= key <= N_ITEMS:
                raise ValueError(f"{name} has an unknown item number {key!r}; items are numbered 1–{N_ITEMS}")
            by_item[int(key)] = value
        missing = [k for k in range(1, N_ITEMS + 1) if k not in by_item]
        if missing:
            raise ValueError(f"{name} is missing item(s) {missing}; answer all {N_ITEMS} items")
        return [_answer_value(by_item[k], k, name) for k in range(1, N_ITEMS + 1)]
    is_sequence = isinstance(answers, Sequence) or hasattr(answers, "__array__")
    if isinstance(answers, (str, bytes)) or not is_sequence or getattr(answers, "ndim", 1) != 1:
        raise ValueError(f"{name} must be {N_ITEMS} answers in item order or a mapping item → answer, got {answers!r}")
    values = list(answers)
    if len(values) != N_ITEMS:
        raise ValueError(f"{name} must have {N_ITEMS} answers (one per item), got {len(values)}")
    return [_answer_value(value, k, name) for k, value in enumerate(values, start=1)]


def score(answers: Any) -> pd.Series:
    """Each type's score: the sum of its six answers, 6–30 (REFERENCES' PDP scoring).

    ``answers``: 30 whole numbers 1–5 in item order (list, array, Series with a 0…29 index) or a
    mapping item number (1…30) → answer. Returns a Series indexed by :data:`TYPES`.
    """
    values = _answers_list(answers)
    totals = {kind: 0 for kind in TYPES}
    for k, value in enumerate(values, start=1):
        totals[TYPES[(k - 1) % len(TYPES)]] += value
    return pd.Series(totals, name="score", dtype=int).rename_axis("type")


def profile(answers_by_perspective: Mapping[str, Any]) -> pd.DataFrame:
    """The PDP profile: scores per type (rows, :data:`TYPES`) for each perspective answered (columns).

    ``answers_by_perspective``: perspective code (``"natural"`` 天生, ``"work"`` 工作中,
    ``"others"`` 别人眼中) → answers as for :func:`score`. Columns follow :data:`PERSPECTIVES`.
    """
    if not isinstance(answers_by_perspective, Mapping) or not answers_by_perspective:
        raise ValueError(
            "answers_by_perspective must be a non-empty mapping perspective → answers, "
            f"e.g. {{'natural': [...]}}; got {answers_by_perspective!r}"
        )
    unknown = [key for key in answers_by_perspective if key not in PERSPECTIVES]
    if unknown:
        listed = ", ".join(repr(p) for p in PERSPECTIVES)
        raise ValueError(f"answers_by_perspective has unknown perspective(s) {unknown}; use {listed}")
    columns = {}
    for perspective in PERSPECTIVES:
        if perspective in answers_by_perspective:
            try:
                columns[perspective] = score(answers_by_perspective[perspective])
            except ValueError as exc:
                raise ValueError(f"answers_by_perspective[{perspective!r}]: {exc}") from None
    table = pd.DataFrame(columns)
    table.columns.name = "perspective"
    return table


def dominant_type(scores: Any) -> str:
    """The type that stands out in a set of five scores (one column of :func:`profile`).

    Rules, in order:

    1. Flat profile → ``"chameleon"`` (变色龙): when max − min of the five scores is at most
       :data:`CHAMELEON_SPREAD` (3 points), no style stands out, and PDP readings call such a
       balanced, adaptable profile the chameleon.
    2. Otherwise the type with the highest score.
    3. Tie for the highest score → ``"chameleon"``: a person who shows two or more styles equally
       strongly switches between them, the chameleon's trait; picking one of the tied types by
       list order would label them on an arbitrary basis.

    ``scores``: a Series or mapping indexed by the five type codes, each 6–30.
    """
    if isinstance(scores, pd.DataFrame):
        raise ValueError("scores must be one column of scores (a Series), got a DataFrame; pass e.g. table['natural']")
    if not isinstance(scores, (Mapping, pd.Series)):
        raise ValueError(f"scores must be a Series or mapping type → score (the result of score()), got {scores!r}")
    values = dict(scores.items())
    unknown = [key for key in values if key not in TYPES]
    missing = [kind for kind in TYPES if kind not in values]
    if unknown or missing:
        raise ValueError(f"scores must have exactly the types {list(TYPES)}; unknown {unknown}, missing {missing}")
    checked = {}
    for kind in TYPES:
        value = values[kind]
        if isinstance(value, bool) or not isinstance(value, Real) or math.isnan(float(value)):
            raise ValueError(f"scores[{kind!r}] must be a number {SCORE_RANGE[0]}–{SCORE_RANGE[1]}, got {value!r}")
        if not SCORE_RANGE[0] <= float(value) <= SCORE_RANGE[1]:
            raise ValueError(f"scores[{kind!r}] is {value!r}, outside {SCORE_RANGE[0]}–{SCORE_RANGE[1]} (6 items × 1–5)")
        checked[kind] = float(value)
    highest, lowest = max(checked.values()), min(checked.values())
    if highest - lowest <= CHAMELEON_SPREAD:
        return "chameleon"
    top = [kind for kind, value in checked.items() if value == highest]
    return top[0] if len(top) == 1 else "chameleon"


def advice(type_code: str) -> dict[str, dict[str, str]]:
    """How to communicate with a customer of a type: pace, detail, emphasise, avoid, opening.

    Each value is ``{"zh": …, "en": …}``. ``type_code`` is a code of :data:`TYPES` (Chinese and
    English names, and the seed's 熊猫 / 啄木鸟, are accepted too). Tiger, koala and owl advice
    follows seed 000's trait lists, peacock and chameleon the usual PDP descriptions.
    """
    code = _type_code(type_code)
    return {key: dict(_ADVICE[code][key]) for key in ADVICE_KEYS}


def report(table: pd.DataFrame, advice_for: str | None = None) -> str:
    """Plain-text report of a profile: the scores, each perspective's type, and the advice.

    ``table``: the result of :func:`profile`; the advice is for the type of the ``advice_for``
    perspective (default the first column), phrased for a customer of that type.
    """
    if not isinstance(table, pd.DataFrame) or list(table.index) != list(TYPES) or table.empty:
        raise ValueError("table must be the result of profile(): rows the five types, one column per perspective")
    if advice_for is None:
        advice_for = table.columns[0]
    if advice_for not in table.columns:
        raise ValueError(f"advice_for must be one of the table's perspectives {list(table.columns)}, got {advice_for!r}")
    lines = [f"得分 Scores ({SCORE_RANGE[0]}–{SCORE_RANGE[1]}):"]
    shown = table.rename(index=lambda t: f"{TYPE_NAMES[t]['zh']} {TYPE_NAMES[t]['en']}").rename_axis(None)
    shown.columns = [f"{PERSPECTIVE_NAMES[p]['zh']} {PERSPECTIVE_NAMES[p]['en']}" for p in table.columns]
    lines += [shown.to_string(), "", "主要类型 Dominant type:"]
    for perspective in table.columns:
        kind = dominant_type(table[perspective])
        names = PERSPECTIVE_NAMES[perspective]
        lines.append(f"  {names['zh']} {names['en']}: {TYPE_NAMES[kind]['zh']} {TYPE_NAMES[kind]['en']} ({TYPE_NAMES[kind]['trait']})")
    kind = dominant_type(table[advice_for])
    lines += ["", f"与{TYPE_NAMES[kind]['zh']}型客户沟通 Communicating with a {TYPE_NAMES[kind]['en']} customer:"]
    for key, text in advice(kind).items():
        label = f"{ADVICE_LABELS[key]['zh']} {ADVICE_LABELS[key]['en']}"
        lines.append(f"  {label}: {text['zh']}\n  {' ' * len(label)}  {text['en']}")
    lines += ["", "教学工具，不是经过验证的心理测验。A teaching instrument, not a validated psychometric test."]
    return "\n".join(lines)


def _ask(stdin, stdout) -> list[int]:
    """Ask the 30 items on a terminal; re-ask until each answer is a whole number 1–5."""
    scale = "  ".join(f"{k} {v['zh']} {v['en']}" for k, v in SCALE_LABELS.items())
    print(f"请按 1–5 回答 Answer 1–5:  {scale}", file=stdout)
    answers = []
    for row in items().itertuples():
        while True:
            print(f"\n{row.item:2d}/{N_ITEMS}  {row.statement_zh}\n       {row.statement_en}", file=stdout)
            print("> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:
                raise SystemExit(f"input ended after {len(answers)} of {N_ITEMS} answers")
            text = line.strip()
            if text in {str(k) for k in range(SCALE[0], SCALE[1] + 1)}:
                answers.append(int(text))
                break
            print(f"请输入 {SCALE[0]}–{SCALE[1]} 的整数 Please type a whole number {SCALE[0]}–{SCALE[1]}", file=stdout)
    return answers


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m customer_value.personality [--answers 5,4,3,…] [--perspective work]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m customer_value.personality",
        description=(
            "PDP-style personality questionnaire (性格分析): answer 30 statements 1–5 and get your scores, "
            "type and how to communicate with customers of that type. A teaching instrument, not a "
            "validated psychometric test."
        ),
    )
    parser.add_argument("--answers", help=f"{N_ITEMS} answers 1–5 in item order, comma-separated (no questions asked)")
    parser.add_argument(
        "--perspective", choices=PERSPECTIVES, default="natural",
        help="which self you describe: natural 天生, work 工作中, others 别人眼中 (default natural)",
    )
    args = parser.parse_args(argv)
    if args.answers is None:
        answers: list[Any] = _ask(sys.stdin, sys.stdout)
    else:
        parts = [part.strip() for part in args.answers.split(",")]
        try:
            answers = [int(part) for part in parts]
        except ValueError:
            parser.error(f"--answers must be whole numbers separated by commas, got {args.answers!r}")
    try:
        table = profile({args.perspective: answers})
    except ValueError as exc:
        parser.error(str(exc))
    print(report(table))


if __name__ == "__main__":
    main()
