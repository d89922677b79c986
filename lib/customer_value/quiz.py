"""Practice quizzes with immediate, explained feedback, written once and fed by data.

The questions live in ``content/quiz_<lesson>.json`` (checked against a schema on load, see
``_content.py``); each user-facing string has an English (``en``/``why_en``) and a Chinese
(``zh``/``why_zh``) field; ``source`` cites the course material, ``source_zh`` is that citation in
Chinese. In Chinese (``lang="zh"``, the default after ``cv.set_language("zh-CN")``) only the
Chinese fields are shown. Three kinds of question:

- ``choice``: multiple choice with one or several right options; every option explains why it
  is right or wrong;
- ``classify``: sort cases into categories (buying roles, customer types …); every case explains
  which category it belongs to and why;
- ``number``: a small computation, with the working and the explanation of common wrong results.

:func:`check` grades an answer in plain Python (terminal, tests); :func:`widget` shows the same
question as an ipywidgets form that explains each choice as soon as it is made.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

from . import _content
from .i18n import get_language
from .i18n import gettext as _

__all__ = ["KINDS", "Feedback", "Note", "Quiz", "check", "ids", "question", "widget"]

#: the kinds of question a quiz file may hold
KINDS = ("choice", "classify", "number")
_LANGS = ("en", "zh", "both")


@dataclass(frozen=True)
class Note:
    """One line of feedback: whether the part it explains is right, in English and Chinese."""

    ok: bool
    en: str
    zh: str

    def text(self, lang: str | None = None) -> str:
        lang = _default_lang(lang)
        mark = "✔" if self.ok else "✘"
        return f"{mark} {_pick(self.en, self.zh, lang)}"


@dataclass(frozen=True)
class Feedback:
    """The result of :func:`check`: right or not, how many parts were right, and why."""

    question: str
    correct: bool
    right: int
    total: int
    notes: tuple[Note, ...]

    def text(self, lang: str | None = None) -> str:
        lang = _default_lang(lang)
        en = "Correct" if self.correct else f"{self.right} of {self.total} right"
        zh = "正确" if self.correct else f"答对 {self.right}/{self.total}"
        head = {"en": en, "zh": zh}.get(lang, f"{en} {zh}")
        return "\n".join([f"{self.question}: {head}", *(note.text(lang) for note in self.notes)])

    def __str__(self) -> str:
        return self.text()


def _default_lang(lang: str | None) -> str:
    """``lang`` as given, or the library's language: "zh" (Chinese only) when it speaks zh-CN, else "both"."""
    if lang is None:
        return "zh" if get_language() == "zh-CN" else "both"
    return lang


def _pick(en: str, zh: str, lang: str) -> str:
    if lang == "en":
        return en
    if lang == "zh":
        return zh
    return f"{en} ({zh})"


def _check_lang(lang: str) -> None:
    if lang not in _LANGS:
        raise ValueError(_("lang must be one of {langs}, got {lang!r}").format(langs=_LANGS, lang=lang))


def _bank() -> dict[str, dict[str, Any]]:
    """Every question of every quiz file, by id, with its kind and lesson added; checked for consistency."""
    bank: dict[str, dict[str, Any]] = {}
    for name in sorted(_content.SCHEMAS):
        if not name.startswith("quiz_"):
            continue
        data = _content.load(name)
        for kind in KINDS:
            for qid, item in data[kind].items():
                if qid in bank:
                    raise ValueError(_("{where}: question id already used in {lesson}").format(where=f"{name}.{kind}.{qid}", lesson=bank[qid]["lesson"]))
                _check_question(f"{name}.{kind}.{qid}", kind, item)
                bank[qid] = {**item, "kind": kind, "lesson": name[len("quiz_"):]}
    return bank


def _check_question(where: str, kind: str, item: dict[str, Any]) -> None:
    """What the schema cannot say: answers name options that exist, a wrong option exists, cases use known categories."""
    if kind == "choice":
        unknown = [key for key in item["answer"] if key not in item["options"]]
        if unknown or len(set(item["answer"])) != len(item["answer"]):
            raise ValueError(_("{where}.answer must name distinct options of {options}, got {answer}").format(where=where, options=sorted(item["options"]), answer=item["answer"]))
        if len(item["answer"]) == len(item["options"]):
            raise ValueError(_("{where}: at least one option must be wrong").format(where=where))
    elif kind == "classify":
        for key, case in item["cases"].items():
            if case["category"] not in item["categories"]:
                raise ValueError(_("{where}.category must be one of {categories}, got {category!r}").format(where=f"{where}.cases.{key}", categories=sorted(item["categories"]), category=case["category"]))
    elif any(abs(m["value"] - item["answer"]) <= item["tolerance"] for m in item["mistakes"]):
        raise ValueError(_("{where}: a listed mistake lies within the tolerance of the answer").format(where=where))


_BANK: dict[str, dict[str, Any]] | None = None


def _questions() -> dict[str, dict[str, Any]]:
    global _BANK
    if _BANK is None:
        _BANK = _bank()
    return _BANK


def ids(lesson: str | None = None) -> list[str]:
    """The question ids, of every lesson or of one (e.g. ``"12_customer_identification"``)."""
    bank = _questions()
    lessons = sorted({item["lesson"] for item in bank.values()})
    if lesson is not None and lesson not in lessons:
        raise ValueError(_("lesson must be one of {lessons}, got {lesson!r}").format(lessons=lessons, lesson=lesson))
    return [qid for qid, item in bank.items() if lesson is None or item["lesson"] == lesson]


def question(question_id: str) -> dict[str, Any]:
    """The question's data (kind, lesson, source, prompt, options/cases/answer …); do not mutate."""
    bank = _questions()
    if question_id not in bank:
        raise ValueError(_("question_id must be a known question id such as {example!r}, got {question_id!r}").format(example=next(iter(bank)), question_id=question_id))
    return bank[question_id]


def check(question_id: str, answer: Any) -> Feedback:
    """Grade ``answer`` and explain every part of it.

    - choice: an option key (``"b"``) or a list of keys when several are right;
    - classify: a dict case key → category key (cases left out count as not yet sorted);
    - number: a number (compared within the question's tolerance).
    """
    item = question(question_id)
    kind = item["kind"]
    if kind == "choice":
        return _check_choice(question_id, item, answer)
    if kind == "classify":
        return _check_classify(question_id, item, answer)
    return _check_number(question_id, item, answer)


def _check_choice(qid: str, item: dict[str, Any], answer: Any) -> Feedback:
    chosen = [answer] if isinstance(answer, str) else list(answer) if isinstance(answer, (list, tuple, set)) else None
    if chosen is None or any(key not in item["options"] for key in chosen):
        raise ValueError(_("answer must be an option key or a list of option keys from {options}, got {answer!r}").format(options=sorted(item["options"]), answer=answer))
    right = set(item["answer"])
    notes = []
    for key in sorted(set(chosen)):
        option = item["options"][key]
        notes.append(Note(key in right, f"{key}. {option['en']}: {option['why_en']}", f"{key}. {option['zh']}：{option['why_zh']}"))
    missed = len(right - set(chosen))
    if missed:
        notes.append(Note(False, f"{missed} right option(s) not chosen yet.", f"还有 {missed} 个正确选项没有选。"))
    score = len(right & set(chosen))
    return Feedback(qid, set(chosen) == right, score, len(right), tuple(notes))


def _check_classify(qid: str, item: dict[str, Any], answer: Any) -> Feedback:
    if not isinstance(answer, dict):
        raise ValueError(_("answer must be a dict case -> category, got {type}").format(type=type(answer).__name__))
    unknown = [key for key in answer if key not in item["cases"]]
    if unknown:
        raise ValueError(_("answer names unknown cases {unknown}; cases are {cases}").format(unknown=unknown, cases=sorted(item["cases"])))
    bad = {key: value for key, value in answer.items() if value is not None and value not in item["categories"]}
    if bad:
        raise ValueError(_("answer uses unknown categories {bad}; categories are {categories}").format(bad=bad, categories=sorted(item["categories"])))
    notes, right = [], 0
    for key, case in item["cases"].items():
        given = answer.get(key)
        if given is None:
            continue
        ok = given == case["category"]
        right += ok
        target = item["categories"][case["category"]]
        if ok:
            en, zh = case["why_en"], case["why_zh"]
        else:
            chosen = item["categories"][given]
            en = f"not {chosen['en']} but {target['en']}: {case['why_en']}"
            zh = f"不是{chosen['zh']}，而是{target['zh']}：{case['why_zh']}"
        notes.append(Note(ok, f"{case['en']}: {en}", f"{case['zh']}：{zh}"))
    total = len(item["cases"])
    missing = sum(answer.get(key) is None for key in item["cases"])
    if missing:
        notes.append(Note(False, f"{missing} case(s) not sorted yet.", f"还有 {missing} 项没有分类。"))
    return Feedback(qid, right == total, right, total, tuple(notes))


def _check_number(qid: str, item: dict[str, Any], answer: Any) -> Feedback:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
        raise ValueError(_("answer must be a finite number, got {answer!r}").format(answer=answer))
    ok = abs(answer - item["answer"]) <= item["tolerance"]
    if ok:
        note = Note(True, item["working_en"], item["working_zh"])
    else:
        known = next((m for m in item["mistakes"] if abs(answer - m["value"]) <= item["tolerance"]), None)
        if known:
            note = Note(False, known["why_en"], known["why_zh"])
        else:
            note = Note(False, f"{answer:g} is not it; {item['hint_en']}", f"{answer:g} 不对；{item['hint_zh']}")
    return Feedback(qid, ok, int(ok), 1, (note,))


class Quiz:
    """An ipywidgets form for one question: ``inputs`` (by option or case key, or ``"value"``), ``feedback``."""

    def __init__(self, question_id: str, lang: str | None = None):
        import ipywidgets as widgets

        lang = _default_lang(lang)
        _check_lang(lang)
        self.question_id, self.lang = question_id, lang
        item = question(question_id)
        self.kind = item["kind"]
        auto = widgets.Layout(width="auto")
        self.feedback = widgets.HTML(layout=auto)
        source = item["source_zh"] if lang == "zh" else item["source"]
        prompt = widgets.HTML(f"<b>{_html(_pick(item['prompt']['en'], item['prompt']['zh'], lang))}</b>"
                              f"<br><small>{_html(source)}</small>", layout=auto)
        rows: list[Any] = []
        self.inputs: dict[str, Any] = {}
        if self.kind == "choice":
            several = len(item["answer"]) > 1
            hint = (("Several options are right: tick all of them", "多选：选出所有正确项") if several
                    else ("One option is right", "单选：选一项"))
            rows.append(widgets.HTML(f"<i>{_html(_pick(*hint, lang))}</i>", layout=auto))
            for key, option in item["options"].items():
                box = widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="28px"))
                label = widgets.HTML(f"<b>{key}.</b> {_html(_pick(option['en'], option['zh'], lang))}", layout=auto)
                self.inputs[key] = box
                rows.append(widgets.HBox([box, label], layout=auto))
                box.observe(self._on_choice(key, several), names="value")
        elif self.kind == "classify":
            options = [(_("— choose 选择 —"), "")] + [(_pick(c["en"], c["zh"], lang), k) for k, c in item["categories"].items()]
            for key, case in item["cases"].items():
                menu = widgets.Dropdown(options=options, value="", layout=auto, style={"description_width": "initial"})
                label = widgets.HTML(_html(_pick(case["en"], case["zh"], lang)), layout=widgets.Layout(width="60%"))
                self.inputs[key] = menu
                rows.append(widgets.HBox([label, menu], layout=widgets.Layout(width="auto", align_items="center")))
                menu.observe(lambda change: self._show(), names="value")
        else:
            entry = widgets.FloatText(value=0.0, description=_("your answer 你的答案"), layout=auto,
                                      style={"description_width": "initial"})
            self.inputs["value"] = entry
            rows.append(entry)
            entry.observe(lambda change: self._show(), names="value")
        self.widget = widgets.VBox([prompt, *rows, self.feedback], layout=widgets.Layout(width="100%", border="1px solid #ccc", padding="6px"))

    def _on_choice(self, key: str, several: bool):
        def react(change: dict[str, Any]) -> None:
            if change["new"] and not several:  # one right option: choosing one clears the others
                for other, box in self.inputs.items():
                    if other != key and box.value:
                        box.value = False
            self._show()
        return react

    def answer(self) -> Any:
        """The answer as it stands in the form, in the shape :func:`check` takes (None if nothing chosen yet)."""
        if self.kind == "choice":
            chosen = [key for key, box in self.inputs.items() if box.value]
            return chosen or None
        if self.kind == "classify":
            chosen = {key: menu.value for key, menu in self.inputs.items() if menu.value}  # "" = not chosen yet
            return chosen or None
        return self.inputs["value"].value

    def _show(self) -> None:
        answer = self.answer()
        if answer is None:
            self.feedback.value = ""
            return
        result = check(self.question_id, answer)
        colour = "#1a7f37" if result.correct else "#b35900"
        lines = "".join(f"<li style='color:{'#1a7f37' if n.ok else '#b35900'}'>{_html(n.text(self.lang))}</li>" for n in result.notes)
        head = result.text(self.lang).splitlines()[0].split(": ", 1)[1]
        self.feedback.value = f"<div style='white-space:normal'><b style='color:{colour}'>{_html(head)}</b><ul>{lines}</ul></div>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def _html(text: str) -> str:
    return html.escape(text, quote=False)


def widget(question_id: str, lang: str | None = None) -> Quiz:
    """The question as an interactive form (display it as a cell's last value); feedback appears as answers are chosen.

    ``lang``: "en", "zh" or "both"; by default "zh" when the library speaks Chinese
    (``cv.set_language("zh-CN")``), otherwise "both".
    """
    return Quiz(question_id, lang)
