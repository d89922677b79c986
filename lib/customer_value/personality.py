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
* The note on PDP questionnaires (docs/references.md) as used in Chinese sales training: 30
  statements on a 5-point scale (非常同意 5 … 不同意 1), six per type (老虎, 孔雀, 考拉, 猫头鹰,
  变色龙), a type's score being the sum of its six answers (so 6–30).
* The original PDP instrument (Professional DynaMetric Programs), as that note
  describes it, has people rate adjectives from three perspectives (natural self, the self in
  the work environment, the outward self others see): the origin of the seed's three lines.

The 30 statements are ours, written from the seed's trait descriptions (the peacock's and the
chameleon's, which the seed does not describe, from the usual descriptions in PDP training:
expressive and sociable; adaptable and integrating). The seed's chart runs from −100 to 150 with
a scoring it does not give; we use the scoring of that note (raw sums 6–30).

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

from . import _content
from .i18n import get_language
from .i18n import gettext as _

__all__ = [
    "ADVICE_KEYS", "ADVICE_LABELS", "CHAMELEON_SPREAD", "ITEMS_PER_TYPE", "N_ITEMS", "PERSPECTIVES", "PERSPECTIVE_NAMES",
    "SCALE", "SCALE_LABELS", "SCORE_RANGE", "TYPES", "TYPE_ALIASES", "TYPE_NAMES", "advice", "dominant_type", "items",
    "main", "profile", "report", "resolve_type", "score",
]

_CONTENT = _content.load("personality")

#: The five PDP types, in the order of the items (item k is of type TYPES[(k − 1) % 5]).
TYPES: tuple[str, ...] = tuple(_CONTENT["types"])

#: Chinese and English names and the trait each type stands for.
TYPE_NAMES: dict[str, dict[str, str]] = {
    code: {"zh": t["zh"], "en": t["en"], "trait": f"{t['trait_en']} {t['trait_zh']}"} for code, t in _CONTENT["types"].items()
}

#: Other names a type goes by; course material 000 calls the koala 熊猫 (panda) and the owl 啄木鸟 (woodpecker).
TYPE_ALIASES: dict[str, str] = {
    **_CONTENT["aliases"],
    **{names["zh"]: code for code, names in TYPE_NAMES.items()},
    **{names["en"].lower(): code for code, names in TYPE_NAMES.items()},
}

#: Labels of the scale points (the wording of the common Chinese PDP forms).
SCALE_LABELS: dict[int, dict[str, str]] = {row["value"]: {"zh": row["zh"], "en": row["en"]} for row in _CONTENT["scale"]}
#: The answer scale: 1 (disagree) … 5 (strongly agree), both ends included.
SCALE: tuple[int, int] = (min(SCALE_LABELS), max(SCALE_LABELS))

#: The three perspectives of the PDP profile.
PERSPECTIVE_NAMES: dict[str, dict[str, str]] = {code: dict(names) for code, names in _CONTENT["perspectives"].items()}
PERSPECTIVES: tuple[str, ...] = tuple(PERSPECTIVE_NAMES)

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

#: Keys of :func:`advice`, with their Chinese and English labels.
ADVICE_LABELS: dict[str, dict[str, str]] = {key: dict(names) for key, names in _CONTENT["advice_labels"].items()}
ADVICE_KEYS: tuple[str, ...] = tuple(ADVICE_LABELS)


def resolve_type(type_code: Any, name: str = "type_code") -> str:
    """The code of a type given by code, English name or Chinese name (incl. 熊猫, 啄木鸟);
    ``ValueError`` naming ``name`` otherwise."""
    if isinstance(type_code, str):
        key = type_code.strip()
        if key in TYPES:
            return key
        if key in TYPE_ALIASES or key.lower() in TYPE_ALIASES:
            return TYPE_ALIASES.get(key, TYPE_ALIASES.get(key.lower()))
    listed = ", ".join(repr(code) for code in TYPES)
    raise ValueError(_("{name} must be one of {listed} (or a Chinese name such as '老虎'), got {type_code!r}").format(name=name, listed=listed, type_code=type_code))


def items() -> pd.DataFrame:
    """The 30 statements: columns item (1…30), type, statement_zh, statement_en.

    Interleaved so that item k is of type ``TYPES[(k − 1) % 5]`` (1 tiger, 2 peacock, 3 koala,
    4 owl, 5 chameleon, 6 tiger, …), six per type.
    """
    rows = []
    for k in range(1, N_ITEMS + 1):
        kind = TYPES[(k - 1) % len(TYPES)]
        statement = _CONTENT["statements"][kind][(k - 1) // len(TYPES)]
        rows.append({"item": k, "type": kind, "statement_zh": statement["zh"], "statement_en": statement["en"]})
    return pd.DataFrame(rows)


def _answer_value(value: Any, item: int, name: str) -> int:
    """One answer as an int on :data:`SCALE`, or a ValueError naming the item."""
    where = _("{name}: item {item}").format(name=name, item=item)
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(_("{where} must be a whole number {low}–{high}, got {value!r} ({type})").format(where=where, low=SCALE[0], high=SCALE[1], value=value, type=type(value).__name__))
    number = float(value)
    if math.isnan(number):
        raise ValueError(_("{where} is missing (NaN); answer every item {low}–{high}").format(where=where, low=SCALE[0], high=SCALE[1]))
    if not math.isfinite(number) or number != int(number):
        raise ValueError(_("{where} must be a whole number {low}–{high}, got {value!r}").format(where=where, low=SCALE[0], high=SCALE[1], value=value))
    if not SCALE[0] <= number <= SCALE[1]:
        raise ValueError(_("{where} is {value!r}, outside the scale {low}–{high}").format(where=where, value=value, low=SCALE[0], high=SCALE[1]))
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
                raise ValueError(_("{name} has an unknown item number {key!r}; items are numbered 1–{n}").format(name=name, key=key, n=N_ITEMS))
            by_item[int(key)] = value
        missing = [k for k in range(1, N_ITEMS + 1) if k not in by_item]
        if missing:
            raise ValueError(_("{name} is missing item(s) {missing}; answer all {n} items").format(name=name, missing=missing, n=N_ITEMS))
        return [_answer_value(by_item[k], k, name) for k in range(1, N_ITEMS + 1)]
    is_sequence = isinstance(answers, Sequence) or hasattr(answers, "__array__")
    if isinstance(answers, (str, bytes)) or not is_sequence or getattr(answers, "ndim", 1) != 1:
        raise ValueError(_("{name} must be {n} answers in item order or a mapping item → answer, got {answers!r}").format(name=name, n=N_ITEMS, answers=answers))
    values = list(answers)
    if len(values) != N_ITEMS:
        raise ValueError(_("{name} must have {n} answers (one per item), got {count}").format(name=name, n=N_ITEMS, count=len(values)))
    return [_answer_value(value, k, name) for k, value in enumerate(values, start=1)]


def score(answers: Any) -> pd.Series:
    """Each type's score: the sum of its six answers, 6–30 (the PDP scoring of docs/references.md).

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
        raise ValueError(_(
            "answers_by_perspective must be a non-empty mapping perspective → answers, "
            "e.g. {{'natural': [...]}}; got {answers!r}"
        ).format(answers=answers_by_perspective))
    unknown = [key for key in answers_by_perspective if key not in PERSPECTIVES]
    if unknown:
        listed = ", ".join(repr(p) for p in PERSPECTIVES)
        raise ValueError(_("answers_by_perspective has unknown perspective(s) {unknown}; use {listed}").format(unknown=unknown, listed=listed))
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
        raise ValueError(_("scores must be one column of scores (a Series), got a DataFrame; pass e.g. table['natural']"))
    if not isinstance(scores, (Mapping, pd.Series)):
        raise ValueError(_("scores must be a Series or mapping type → score (the result of score()), got {scores!r}").format(scores=scores))
    values = dict(scores.items())
    unknown = [key for key in values if key not in TYPES]
    missing = [kind for kind in TYPES if kind not in values]
    if unknown or missing:
        raise ValueError(_("scores must have exactly the types {types}; unknown {unknown}, missing {missing}").format(types=list(TYPES), unknown=unknown, missing=missing))
    checked = {}
    for kind in TYPES:
        value = values[kind]
        if isinstance(value, bool) or not isinstance(value, Real) or math.isnan(float(value)):
            raise ValueError(_("scores[{kind!r}] must be a number {low}–{high}, got {value!r}").format(kind=kind, low=SCORE_RANGE[0], high=SCORE_RANGE[1], value=value))
        if not SCORE_RANGE[0] <= float(value) <= SCORE_RANGE[1]:
            raise ValueError(_("scores[{kind!r}] is {value!r}, outside {low}–{high} (6 items × 1–5)").format(kind=kind, value=value, low=SCORE_RANGE[0], high=SCORE_RANGE[1]))
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
    follows course material 000's trait lists, peacock and chameleon the usual PDP descriptions.
    """
    code = resolve_type(type_code)
    return {key: dict(_CONTENT["advice"][code][key]) for key in ADVICE_KEYS}


def report(table: pd.DataFrame, advice_for: str | None = None) -> str:
    """Plain-text report of a profile: the scores, each perspective's type, and the advice.

    ``table``: the result of :func:`profile`; the advice is for the type of the ``advice_for``
    perspective (default the first column), phrased for a customer of that type.
    """
    if not isinstance(table, pd.DataFrame) or list(table.index) != list(TYPES) or table.empty:
        raise ValueError(_("table must be the result of profile(): rows the five types, one column per perspective"))
    if advice_for is None:
        advice_for = table.columns[0]
    if advice_for not in table.columns:
        raise ValueError(_("advice_for must be one of the table's perspectives {perspectives}, got {advice_for!r}").format(perspectives=list(table.columns), advice_for=advice_for))
    if get_language() == "zh-CN":
        return _report_chinese(table, advice_for)
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


def _report_chinese(table: pd.DataFrame, advice_for: str) -> str:
    """:func:`report` in Chinese only (the library speaks zh-CN): the zh fields of the content, translated frame."""
    lines = [_("得分 Scores ({low}–{high}):").format(low=SCORE_RANGE[0], high=SCORE_RANGE[1])]
    shown = table.rename(index=lambda t: TYPE_NAMES[t]["zh"]).rename_axis(None)
    shown.columns = [PERSPECTIVE_NAMES[p]["zh"] for p in table.columns]
    lines += [shown.to_string(), "", _("主要类型 Dominant type:")]
    for perspective in table.columns:
        kind = dominant_type(table[perspective])
        trait = _CONTENT["types"][kind]["trait_zh"]
        lines.append(f"  {PERSPECTIVE_NAMES[perspective]['zh']}：{TYPE_NAMES[kind]['zh']}（{trait}）")
    kind = dominant_type(table[advice_for])
    lines += ["", _("Communicating with a {type} customer:").format(type=TYPE_NAMES[kind]["zh"])]
    for key, text in advice(kind).items():
        lines.append(f"  {ADVICE_LABELS[key]['zh']}：{text['zh']}")
    lines += ["", _("教学工具，不是经过验证的心理测验。A teaching instrument, not a validated psychometric test.")]
    return "\n".join(lines)


def _ask(stdin, stdout) -> list[int]:
    """Ask the 30 items on a terminal; re-ask until each answer is a whole number 1–5."""
    chinese = get_language() == "zh-CN"
    scale = "  ".join(f"{k} {v['zh']}" if chinese else f"{k} {v['zh']} {v['en']}" for k, v in SCALE_LABELS.items())
    print(_("请按 1–5 回答 Answer 1–5:  {scale}").format(scale=scale), file=stdout)
    answers = []
    for row in items().itertuples():
        while True:
            english = "" if chinese else f"\n       {row.statement_en}"
            print(f"\n{row.item:2d}/{N_ITEMS}  {row.statement_zh}{english}", file=stdout)
            print("> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:
                raise SystemExit(_("input ended after {count} of {n} answers").format(count=len(answers), n=N_ITEMS))
            text = line.strip()
            if text in {str(k) for k in range(SCALE[0], SCALE[1] + 1)}:
                answers.append(int(text))
                break
            again = _("Please type a whole number {low}–{high}").format(low=SCALE[0], high=SCALE[1])
            if not chinese:  # the English edition shows both languages
                again = f"请输入 {SCALE[0]}–{SCALE[1]} 的整数 {again}"
            print(again, file=stdout)
    return answers


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m customer_value.personality [--answers 5,4,3,…] [--perspective work]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m customer_value.personality",
        description=_(
            "PDP-style personality questionnaire (性格分析): answer 30 statements 1–5 and get your scores, "
            "type and how to communicate with customers of that type. A teaching instrument, not a "
            "validated psychometric test."
        ),
    )
    parser.add_argument("--answers", help=_("{n} answers 1–5 in item order, comma-separated (no questions asked)").format(n=N_ITEMS))
    parser.add_argument(
        "--perspective", choices=PERSPECTIVES, default="natural",
        help=_("which self you describe: natural 天生, work 工作中, others 别人眼中 (default natural)"),
    )
    args = parser.parse_args(argv)
    if args.answers is None:
        answers: list[Any] = _ask(sys.stdin, sys.stdout)
    else:
        parts = [part.strip() for part in args.answers.split(",")]
        try:
            answers = [int(part) for part in parts]
        except ValueError:
            parser.error(_("--answers must be whole numbers separated by commas, got {answers!r}").format(answers=args.answers))
    try:
        table = profile({args.perspective: answers})
    except ValueError as exc:
        parser.error(str(exc))
    print(report(table))


if __name__ == "__main__":
    main()
