"""The display domain speaks the library's language: charts, widgets, quizzes, glossary, personality report.

With ``cv.set_language("zh-CN")`` every word the library draws or shows is Chinese: no English prose
(lower-case ASCII words) beside identifiers (``t_x``, ``total_spend``), names and acronyms (``BG/NBD``,
``Zeithaml``), numbers and units. With ``"en"`` (the default) the texts are exactly those the English
edition always showed.

Each Chinese check runs twice: as written, and with the catalog planted away (gettext answering its
English msgid, as when a translation is missing), where it must fail: ``planted`` below proves that every
check notices a missing translation.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import html
import io
import re
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

import customer_value as cv
from customer_value import i18n

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
#: lower-case names that are identifiers, not English prose (a tool's name)
IDENTIFIERS = {"nbgrader"}


def english_words(text: str) -> list[str]:
    """English prose in ``text``: lower-case ASCII words of two letters or more (HTML tags left out).

    Identifiers (``t_x``, ``total_spend``), names and acronyms (``Zeithaml``, ``CLV``, ``BG/NBD``),
    single letters (``d``, ``r``) and numbers are not prose.
    """
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    words = re.findall(r"[A-Za-z0-9_]+(?:['’][a-z]+)?", text)
    return [w for w in words if len(w) > 1 and w[0].islower() and w.isascii() and w.replace("'", "").isalpha()
            and w not in IDENTIFIERS]


def assert_chinese(text: str, where: str) -> None:
    assert CJK.search(text), f"{where}: no Chinese in {text!r}"
    assert not english_words(text), f"{where}: English words {english_words(text)} in {text!r}"


@pytest.fixture
def language():
    """Restores the library's language after a test that changes it."""
    before = i18n.get_language()
    yield
    i18n.set_language(before)


def speak(mode: str) -> None:
    """zh-CN as shipped, or ("planted") zh-CN whose catalog has lost every translation."""
    i18n.set_language("zh-CN")
    if mode == "planted":
        i18n._state["translation"] = _gettext.NullTranslations()


@pytest.fixture(params=["zh-CN", "planted"])
def chinese(request, language):
    """Run the test's Chinese check as shipped, and with the translations planted away (must fail)."""
    speak(request.param)
    if request.param == "planted":
        return lambda check, *args: pytest.raises(AssertionError, check, *args)
    return lambda check, *args: check(*args)


# --------------------------------------------------------------------------------------------- charts

VALUES = np.array([500.0, 300, 120, 80, 60, 40, 30, 20, 10, 5])
PROFITS = np.array([900.0, 400, 300, 200, 150, 100, 80, 60, 40, 30, 20, 10, 5, 0, -10, -20, -30, 15, 25, 35])


class _Model:
    """A stand-in fitted model: P(alive) rises with recency."""

    def p_alive(self, x, t_x, T):
        return np.clip(0.2 + 0 * x + t_x / (2 * T), 0, 1)


def _charts():
    from customer_value import clv, personality, plotting, tiers

    offers = pd.DataFrame(
        {"product": [70, 60], "service": [60, 40], "personnel": [65, 45], "image": [70, 40],
         "monetary": [45, 25], "time": [15, 10], "energy": [10, 10], "psychic": [5, 15]},
        index=["A", "B"],
    )
    scores = pd.DataFrame({"R": [1, 1, 2, 2, 3, 3], "F": [1, 2, 1, 2, 1, 2], "total_spend": [10.0, 20, 30, 40, 50, 60]})
    return {
        "value_stream": lambda: plotting.plot_value_stream([100, 100, 100], 0.1),
        "word_of_mouth": lambda: plotting.plot_word_of_mouth(clv.word_of_mouth(1000, 5, 10, 0.2)),
        "margin_multiple": lambda: plotting.plot_margin_multiple(
            pd.DataFrame({0.1: [1.0, 2.0], 0.2: [0.8, 1.5]}, index=[0.6, 0.8])),
        "pareto": lambda: plotting.plot_pareto(VALUES),
        "lorenz": lambda: plotting.plot_lorenz(VALUES),
        "rfm_heatmap": lambda: plotting.plot_rfm_heatmap(scores),
        "tracking": lambda: plotting.plot_tracking(
            pd.DataFrame({"actual": [1, 3, 6], "model": [1, 2.8, 6.2]}, index=[1, 2, 3]), calibration_weeks=2),
        "p_alive": lambda: plotting.plot_p_alive(_Model(), 10, max_frequency=5),
        "value_radar": lambda: plotting.plot_value_radar(offers),
        "dwyer": lambda: plotting.plot_dwyer(
            pd.DataFrame({"npv": [-50.0, 30, 20], "clv_per_customer": [-50.0, -20, 0]}, index=[0, 1, 2])),
        "value_matrix": lambda: plotting.plot_value_matrix(VALUES, VALUES[::-1]),
        "pyramid": lambda: plotting.plot_pyramid(tiers.customer_pyramid(PROFITS), PROFITS),
        "personality_profile": lambda: plotting.plot_personality_profile(
            personality.profile({"natural": [5, 1, 3, 2, 4] * 6, "work": [3] * 30})),
    }


CHARTS = list(_charts())


def _draw(name: str) -> tuple[list[str], list[str]]:
    """The worded texts of the chart (two letters or a CJK character) and the glyph warnings of drawing it."""
    cv.use_cjk_font()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = _charts()[name]()
        ax.figure.canvas.draw()
        texts = [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text) if t.get_visible()]
    plt.close("all")
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    return [t for t in texts if re.search(r"[A-Za-z]{2}|[\u4e00-\u9fff]", t)], missing


#: what each chart wrote before the library spoke Chinese (the English edition must not change)
ENGLISH_CHARTS = {
    "value_stream": ["期 period", "现金流 cash flow", "客户价值流 Value stream (d = 10%)", "名义值 nominal", "折现值 discounted",
                     "累计现值 cumulative PV", "累计现值 cumulative present value"],
    "word_of_mouth": ["满意\nsatisfied", "不满意\ndissatisfied", "价值变化 value change", "一位客户的总影响 Total impact of one customer",
                      "自身价值 own value", "口碑价值 word of mouth"],
    "margin_multiple": ["保持率 retention rate r", "利润乘数 margin multiple r/(1+d−r)",
                        "保持率越高，客户越值钱 Higher retention, higher value", "折现率 discount"],
    "pareto": ["前 20% 客户 → 69% 价值\ntop 20% → 69% of value", "客户占比（按价值从高到低）share of customers, most valuable first",
               "价值占比 share of value", "二八法则检验 Pareto (80/20) check"],
    "lorenz": ["客户累计占比（价值从低到高）share of customers, least valuable first", "价值累计占比 share of value",
               "基尼系数 Gini = 0.61", "洛伦兹曲线 Lorenz curve", "完全平均 equality"],
    "rfm_heatmap": ["F 频次得分 frequency score", "R 近度得分 recency score", "R × F 客户地图 customer map", "平均 mean total_spend"],
    "tracking": ["校准期 | 验证期\ncalibration | holdout", "周 week", "累计重复购买 cumulative repeat transactions", "跟踪图 Tracking plot",
                 "实际 actual", "模型 BG/NBD model"],
    "p_alive": ["近度 recency t_x (T = 10)", "频次 frequency x", "客户仍活跃的概率 Probability a customer is still alive",
                "P(仍活跃 alive)"],
    "value_radar": ["product value\n产品价值", "service value\n服务价值", "personnel value\n人员价值", "image value\n形象价值",
                    "monetary cost\n货币成本", "time cost\n时间成本", "energy cost\n精力成本", "psychic cost\n心理成本",
                    "价值与成本构成 Value and cost components"],
    "dwyer": ["期 period", "净现值 NPV", "DWYER 客户群组价值 Cohort value by period", "每期净现值 NPV of the period",
              "每位客户累计价值 CLV per customer", "每位客户累计净现值 cumulative NPV per customer"],
    "value_matrix": ["目前价值 current value", "未来价值 future value", "客户分级 A–F: 目前价值 × 未来价值 Current × future value",
                     "类别 class"],
    "pyramid": ["白金层 platinum: 1 (5%)\n利润占比 profit share 39%", "黄金层 gold: 3 (15%)\n利润占比 profit share 39%",
                "钢铁层 iron: 13 (65%)\n利润占比 profit share 25%", "重铅层 lead: 3 (15%)\n利润占比 profit share -3%",
                "客户金字塔 The customer pyramid (Zeithaml, Rust & Lemon 2001)"],
    "personality_profile": ["老虎\nTiger", "孔雀\nPeacock", "考拉\nKoala", "猫头鹰\nOwl", "变色龙\nChameleon", "得分 score (6–30)",
                            "性格分析 PDP personality profile", "天生 natural", "工作中 at work"],
}


def _check_chart_in_chinese(name: str) -> None:
    texts, missing = _draw(name)
    assert not missing, f"{name}: glyphs missing from the font: {missing}"
    assert texts, f"{name}: no words drawn"
    for text in texts:  # title, axis labels, legend, annotations, tick labels, colour bar
        assert_chinese(text, name)


@pytest.mark.parametrize("name", CHARTS)
def test_charts_speak_chinese(name, chinese):
    chinese(_check_chart_in_chinese, name)


@pytest.mark.parametrize("name", CHARTS)
def test_charts_keep_their_english(name, language):
    i18n.set_language("en")
    texts, _missing = _draw(name)
    assert texts == ENGLISH_CHARTS[name]


def test_the_value_stream_title_is_chinese(language):
    i18n.set_language("zh-CN")
    cv.use_cjk_font()
    ax = cv.plotting.plot_value_stream([100, 100], 0.1)
    assert ax.get_title() == "客户价值流（折现率 d = 10%）" and ax.get_xlabel() == "期"
    plt.close("all")


# -------------------------------------------------------------------------------------------- widgets


def _texts(widget, out: list[str] | None = None) -> list[str]:
    """Every text a widget tree shows: descriptions, HTML, option labels, tooltips, button texts."""
    import ipywidgets

    out = [] if out is None else out
    if getattr(widget, "description", ""):
        out.append(widget.description)
    if isinstance(widget, ipywidgets.HTML) and widget.value:
        out.append(widget.value)
    for label in getattr(widget, "_options_labels", ()) or ():
        if not label.isdigit():
            out.append(label)
    out += [tip for tip in (getattr(widget, "tooltips", None) or ()) if tip]
    for child in getattr(widget, "children", ()):
        _texts(child, out)
    return out


def _build_widget(name: str):
    """The widget and what building it printed (the first redraw's tables)."""
    from customer_value import widgets

    cv.use_cjk_font()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        built = getattr(widgets, name)()
    plt.close("all")
    return getattr(built, "widget", built), printed.getvalue()


WIDGETS = ["clv_calculator", "retention_simulator", "offer_comparison", "personality_questionnaire"]


def _check_widget_in_chinese(name: str) -> None:
    widget, printed = _build_widget(name)
    texts = _texts(widget)
    assert texts
    for text in texts:
        assert_chinese(text, name)
    # the tables the sliders redraw (printed as text outside a notebook): Chinese headers and rows
    table = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", printed)
    assert not english_words(table), f"{name}: English in its table {english_words(table)}"


@pytest.mark.parametrize("name", WIDGETS)
def test_widgets_speak_chinese(name, chinese):
    chinese(_check_widget_in_chinese, name)


ENGLISH_DESCRIPTIONS = {
    "clv_calculator": ["每次消费 spend / visit", "每年次数 visits / year", "关系年数 years", "折现率 discount rate",
                       "满意时告诉 told if happy", "不满时告诉 told if unhappy", "转化率 conversion", "不满客户流失 unhappy customer leaves"],
    "retention_simulator": ["首年利润 year-1 profit", "利润年增长 profit growth / year", "计算年限 horizon (years)", "保持率 retention",
                            "保持率提高 improvement", "折现率 discount rate"],
    "offer_comparison": ["<b>A 精品店 boutique café</b>", "product value 产品价值", "service value 服务价值", "personnel value 人员价值",
                         "image value 形象价值", "monetary cost 货币成本", "time cost 时间成本", "energy cost 精力成本",
                         "psychic cost 心理成本"],
}


@pytest.mark.parametrize("name", list(ENGLISH_DESCRIPTIONS))
def test_widgets_keep_their_english(name, language):
    i18n.set_language("en")
    widget, printed = _build_widget(name)
    expected = ENGLISH_DESCRIPTIONS[name]
    assert _texts(widget)[: len(expected)] == expected
    if name == "clv_calculator":
        assert "narrow CLV" in printed and "狭义终身价值" in printed and "value" in printed


def test_personality_widget_keeps_its_english(language):
    i18n.set_language("en")
    form = cv.widgets.personality_questionnaire()
    assert form.widget.children[0].value == (
        "<b>性格分析问卷 PDP-style questionnaire</b> — 教学工具，不是经过验证的心理测验 (a teaching instrument, not a validated "
        "psychometric test).<br>每题选 1–5 Answer each statement: 1 不同意 disagree · 2 有一点同意 agree a little · 3 差不多 "
        "partly agree · 4 比较同意 mostly agree · 5 非常同意 strongly agree"
    )
    assert form.widget.children[2].children[0].value == (
        "<b>1.</b> 我喜欢掌控局面，由自己来做决定。<br><small>I like to be in control and make the decisions myself.</small>"
    )
    assert form.perspective._options_labels == ("天生 natural", "工作中 at work", "别人眼中 as others see you")
    assert form.score_button.description == "计分 Score"


def test_personality_widget_scores_in_chinese(language):
    i18n.set_language("zh-CN")
    form = cv.widgets.personality_questionnaire()
    form.set_answers([5, 1, 3, 2, 4] * 6)
    with contextlib.redirect_stdout(io.StringIO()):
        form.score()
    plt.close("all")
    assert_chinese(form.report_, "report_")
    assert form.ax_.get_title() == "PDP 性格分析"


# -------------------------------------------------------------------------------------------- quizzes

QUIZZES = {"choice": ("12_gartner", "c"), "classify": ("13_service_traits", {"seats": "variability"}),
           "number": ("12_weighted_prospect", 3.8333)}


def _check_quizzes_in_chinese() -> None:
    for kind, (qid, answer) in QUIZZES.items():
        form = cv.quiz.widget(qid)
        for text in _texts(form.widget):
            assert_chinese(text, f"{qid} form")
        if kind == "choice":
            form.inputs[answer].value = True
        elif kind == "classify":
            for key, category in answer.items():
                form.inputs[key].value = category
        else:
            form.inputs["value"].value = answer
        assert_chinese(form.feedback.value, f"{qid} feedback")
        assert_chinese(str(cv.quiz.check(qid, answer)).split(": ", 1)[1], f"{qid} check()")


def test_quizzes_speak_chinese(chinese):
    chinese(_check_quizzes_in_chinese)


def test_quiz_feedback_says_right_and_wrong_in_chinese(language):
    i18n.set_language("zh-CN")
    form = cv.quiz.widget("12_gartner")
    form.inputs["c"].value = True
    assert "答对 0/1" in form.feedback.value and "还有 1 个正确选项没有选" in form.feedback.value
    form.inputs["a"].value = True
    assert "正确" in form.feedback.value and "Correct" not in form.feedback.value
    menu = next(iter(cv.quiz.widget("13_service_traits").inputs.values()))
    assert menu.label == "— 请选择 —"


def test_quizzes_keep_their_english(language):
    i18n.set_language("en")
    form = cv.quiz.widget("12_gartner")
    assert form.widget.children[0].value == (
        "<b>Which statement is Gartner Group's definition of CRM as the material gives it? (下面哪一项是资料给出的 Gartner Group "
        "对CRM的定义？)</b><br><small>course material 001 (客户关系课件, 项目二 客户识别与开发): 客户关系管理的定义 (Gartner Group)</small>"
    )
    assert str(cv.quiz.check("12_gartner", "c")).startswith("12_gartner: 0 of 1 right 答对 0/1\n✘ c. CRM means finding")
    assert next(iter(cv.quiz.widget("13_service_traits").inputs.values())).label == "— choose 选择 —"
    assert cv.quiz.widget("12_weighted_prospect").inputs["value"].description == "your answer 你的答案"


# ------------------------------------------------------------------------------------------- glossary


def _check_glossary_in_chinese() -> None:
    table = cv.glossary.glossary()
    assert list(table.columns) == ["english", "chinese", "definition"]  # code selects by these names
    for definition in table["definition"]:
        assert_chinese(definition, "definition")
    lines = cv.glossary.to_markdown().splitlines()
    for line in (lines[0], lines[2], lines[6]):  # title, introduction, table header (lines 3-4 quote code)
        assert_chinese(line, "glossary page")
    assert lines[6] == "| 英文 | 中文 | 释义 |"


def test_glossary_speaks_chinese(chinese):
    chinese(_check_glossary_in_chinese)


def test_every_glossary_term_has_a_chinese_definition():
    from customer_value import _content

    for entry in _content.load("glossary")["terms"]:
        assert_chinese(entry["definition_zh"], entry["en"])


def test_glossary_keeps_its_english(language, root):
    i18n.set_language("en")
    assert cv.glossary.to_markdown() == (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert cv.glossary.glossary()["definition"][0] == "What a customer is worth to the firm, or what an offer is worth to the customer."


# ---------------------------------------------------------------------------------------- personality

PROFILE_ANSWERS = {"natural": [5, 1, 3, 2, 4] * 6, "work": [3] * 30}

ENGLISH_REPORT = """得分 Scores (6–30):
               天生 natural  工作中 at work
老虎 Tiger               30           18
孔雀 Peacock              6           18
考拉 Koala               18           18
猫头鹰 Owl                12           18
变色龙 Chameleon          24           18

主要类型 Dominant type:
  天生 natural: 老虎 Tiger (dominance 支配型)
  工作中 at work: 变色龙 Chameleon (adaptability 整合型)

与老虎型客户沟通 Communicating with a Tiger customer:
  节奏 pace: 快：直奔主题，守时，简短。
           Fast: get to the point, be on time, keep it short.
  细节 detail: 少：先给结论和结果，细节放在附件里备查。
             Low: lead with the bottom line and results; keep details in an appendix.
  强调 emphasise: 结果、效率、价值和可选方案，让客户自己拍板。
                Results, efficiency, value and options, so the customer makes the decision.
  避免 avoid: 与主题无关的寒暄、啰嗦的解释、替客户做决定或与其争夺控制权。
            Small talk, long explanations, deciding for the customer or fighting for control.
  开场白 opening: “王总，我用三分钟说清楚这个方案能帮您多赚多少。”
               "Mr Wang, in three minutes: what this plan adds to your bottom line."

教学工具，不是经过验证的心理测验。A teaching instrument, not a validated psychometric test."""


def _check_report_in_chinese() -> None:
    report = cv.personality.report(cv.personality.profile(PROFILE_ANSWERS))
    assert_chinese(report, "report")
    assert "与老虎型客户沟通：" in report and "天生：老虎（支配型）" in report


def test_personality_report_speaks_chinese(chinese):
    chinese(_check_report_in_chinese)


def test_personality_report_keeps_its_english(language):
    i18n.set_language("en")
    assert cv.personality.report(cv.personality.profile(PROFILE_ANSWERS)) == ENGLISH_REPORT


def _check_terminal_questionnaire_in_chinese() -> None:
    answers = io.StringIO("x\n" + "3\n" * 30)
    shown = io.StringIO()
    cv.personality._ask(answers, shown)
    assert_chinese(shown.getvalue(), "terminal questionnaire")
    assert "请输入 1–5 的整数" in shown.getvalue()


def test_terminal_questionnaire_speaks_chinese(chinese):
    chinese(_check_terminal_questionnaire_in_chinese)


# ------------------------------------------------------------------------- messages of the display modules


def _check_errors_in_chinese() -> None:
    cases = [
        lambda: cv.quiz.check("no_such_question", 1),
        lambda: cv.quiz.check("12_weighted_prospect", float("nan")),
        lambda: cv.plotting.plot_dwyer(pd.DataFrame({"npv": [1.0]})),
        lambda: cv.personality.score([1] * 29),
        lambda: cv.communication.choose_channel("gossip"),
        lambda: cv.glossary.term("banana"),
    ]
    for case in cases:
        with pytest.raises(ValueError) as raised:
            case()
        assert CJK.search(str(raised.value)), f"not Chinese: {raised.value}"


def test_errors_of_display_modules_speak_chinese(chinese):
    chinese(_check_errors_in_chinese)


def _check_font_warning_in_chinese(monkeypatch) -> None:
    monkeypatch.setattr(cv.cjk, "find_cjk_font", lambda: None)
    with pytest.warns(cv.cjk.CJKFontMissingWarning) as caught:
        cv.cjk.use_cjk_font()
    assert "中文字体" in str(caught[0].message)


def test_missing_font_warning_speaks_chinese(chinese, monkeypatch):
    chinese(_check_font_warning_in_chinese, monkeypatch)
