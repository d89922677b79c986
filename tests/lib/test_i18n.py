"""The library speaks the student's language: gettext catalogs in step with the code, Chinese errors
and self-checks after ``cv.set_language("zh-CN")``, today's English otherwise (and by default)."""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import customer_value as cv
from customer_value import i18n
from customer_value.btyd import BetaGeoModel, ConvergenceError
from customer_value.messages import unanswered_message
from customer_value.selfcheck import SelfCheckFailed, answer_digest, check

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _tools():
    spec = importlib.util.spec_from_file_location("i18n_tools", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


tools = _tools()


@pytest.fixture
def zh():
    """The library speaks Chinese in the test, English again after it."""
    cv.set_language("zh-CN")
    yield
    cv.set_language("en")


@pytest.fixture(autouse=True)
def english_after():
    yield
    cv.set_language("en")


# ---------------------------------------------------------------------------------------------
# (1), (2) the catalogs and the tool that keeps them in step


@pytest.mark.parametrize("domain", list(tools.library_domains()))
@pytest.mark.parametrize("lang", list(tools.languages()))
def test_library_catalogs_are_in_step_with_the_code(domain, lang):
    problems = tools.library_check(domain, lang)
    assert not problems, "\n".join(problems) + "\n(run `make translations` and translate what it lists)"


def test_library_check_command_passes():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "library", "check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def library(tmp_path) -> Path:
    """A copy of the library's modules and catalogs to plant drift in (the real files stay untouched)."""
    source = Path(cv.__file__).resolve().parent
    target = tmp_path / "customer_value"
    shutil.copytree(source, target, ignore=lambda folder, names: [
        n for n in names if n == "__pycache__" or (Path(folder) == source and n in ("data", "fonts", "content"))])
    return target


MESSAGES = tools.MESSAGES_DOMAIN


def _po(library: Path) -> Path:
    return tools.library_catalog_path(MESSAGES, "zh_CN", library)


def _edit_catalog(library: Path, msgid: str, **changes) -> None:
    catalog = tools.read_catalog(_po(library))
    message = catalog.get(msgid)
    for name, value in changes.items():
        if name == "fuzzy":
            message.flags.add("fuzzy")
        else:
            setattr(message, name, value)
    tools._write_po(catalog, _po(library))


def test_extract_keeps_every_translation_and_a_second_run_changes_nothing(library):
    for domain in tools.library_domains(library):
        tools.library_extract(domain, "zh_CN", library)
        tools.library_build(domain, "zh_CN", library)
        assert tools.library_check(domain, "zh_CN", library) == tools.library_check(domain, "zh_CN")
    before = {p: p.read_bytes() for p in (library / "locale").rglob("*.[pm]o")}
    for domain in tools.library_domains(library):
        tools.library_extract(domain, "zh_CN", library)
        tools.library_build(domain, "zh_CN", library)
    assert {p: p.read_bytes() for p in (library / "locale").rglob("*.[pm]o")} == before


def test_a_new_message_missing_from_the_catalog_is_named(library):
    clv = library / "clv.py"
    clv.write_text(clv.read_text(encoding="utf-8") + '\n\ndef _planted():\n    return _("A planted message about {name}")\n',
                   encoding="utf-8")
    problems = tools.library_check(MESSAGES, "zh_CN", library)
    assert any("not in the catalog" in p and "A planted message about {name}" in p and "customer_value/clv.py" in p
               for p in problems), problems
    tools.library_extract(MESSAGES, "zh_CN", library)  # now in the catalog, still to translate
    tools.library_build(MESSAGES, "zh_CN", library)
    assert [p for p in tools.library_check(MESSAGES, "zh_CN", library)] == [
        "customer_value [zh_CN]: translation missing: 'A planted message about {name}'"]


def test_an_empty_translation_is_named(library):
    msgid = "{name} is NaN; give a number"
    _edit_catalog(library, msgid, string="")
    tools.library_build(MESSAGES, "zh_CN", library)
    assert tools.library_check(MESSAGES, "zh_CN", library) == [f"customer_value [zh_CN]: translation missing: {msgid!r}"]


def test_a_fuzzy_translation_is_named(library):
    msgid = "{name} must be positive, got {number}"
    _edit_catalog(library, msgid, fuzzy=True)
    tools.library_build(MESSAGES, "zh_CN", library)
    [problem] = tools.library_check(MESSAGES, "zh_CN", library)
    assert "translation fuzzy" in problem and repr(msgid) in problem


def test_a_translation_with_other_fields_is_named(library):
    msgid = "{name} must be one of {listed}, got {value!r}"
    _edit_catalog(library, msgid, string="{name} 必须是 {choices} 之一，实际是 {value}")
    tools.library_build(MESSAGES, "zh_CN", library)
    [problem] = tools.library_check(MESSAGES, "zh_CN", library)
    assert "fields" in problem and repr(msgid) in problem and "{choices}" in problem


def test_a_stale_mo_is_named(library):
    _edit_catalog(library, "{name} is NaN; give a number", string="{name} 是 NaN；请给出数字")  # .po edited, not built
    [problem] = tools.library_check(MESSAGES, "zh_CN", library)
    assert "stale .mo" in problem and "customer_value.mo" in problem
    tools.library_build(MESSAGES, "zh_CN", library)
    assert tools.library_check(MESSAGES, "zh_CN", library) == []


def test_a_message_the_extractor_cannot_read_is_named(library):
    cohort = library / "cohort.py"
    cohort.write_text(cohort.read_text(encoding="utf-8") + '\n\ndef _planted(x):\n    _, y = x\n    return _(f"got {y}")\n',
                      encoding="utf-8")
    problems = tools.library_check(MESSAGES, "zh_CN", library)
    assert any("one plain string literal" in p and "customer_value/cohort.py" in p for p in problems), problems
    assert any("`_` assigned" in p for p in problems), problems


def test_format_fields_ignore_order_and_see_specs():
    assert tools.format_fields("{b} and {a!r} at {c:.1%}") == tools.format_fields("{c:.1%} 与 {a!r}、{b}")
    assert tools.format_fields("{value:g}") != tools.format_fields("{value}")
    assert tools.format_fields("one } brace") is None


# ---------------------------------------------------------------------------------------------
# (3) errors from several modules


def _bool_for_a_number():
    cv.simple_clv(avg_purchase=True, purchases_per_period=2, periods=3)


def _nan():
    cv.retention_clv(margin=100, retention=float("nan"), discount_rate=0.1)


def _bad_choice():
    cv.discounted_clv([100, 200], discount_rate=0.1, timing="middle")


def _duplicated_customers():
    summary = pd.DataFrame({"days_since_last": [1, 2], "n_purchases": [1, 2], "total_spend": [1.0, 2.0]}, index=[7, 7])
    cv.rfm_scores(summary)


def _empty_frame():
    cv.summarize(pd.DataFrame(columns=["customer_id", "date", "amount"]))


def _no_repeat_purchases():
    BetaGeoModel().fit([0, 0, 0], [0, 0, 0], [5, 5, 5])


def _boolean_answer():
    cv.nps([9, 10, True])


def _ambiguous_date():
    cv.summarize(pd.DataFrame({"customer_id": [1], "date": ["01/02/2020"], "amount": [10.0]}))


ERRORS = [
    # (raise it, the exception class, today's English, what a translation must still show)
    (_bool_for_a_number, ValueError, "avg_purchase must be a number, got the boolean True", ["avg_purchase", "True"]),
    (_nan, ValueError, "retention is NaN; give a number", ["retention", "NaN"]),
    (_bad_choice, ValueError, "timing must be one of 'end', 'begin', got 'middle'", ["timing", "'middle'", "'end'"]),
    (_duplicated_customers, ValueError,
     "summary's index lists customer 7 more than once (1 repeated rows); give one row per customer", ["summary", "7"]),
    (_empty_frame, ValueError, "df is empty: there are no rows", ["df"]),
    (_no_repeat_purchases, ConvergenceError,
     "BG/NBD: none of the 3 customers made a repeat purchase, so the data cannot identify purchase and dropout "
     "rates; use a longer observation window", ["BG/NBD", "3"]),
    (_boolean_answer, ValueError, "scores has the boolean True at 2; answers are numbers on the scale", ["scores", "True", "2"]),
    (_ambiguous_date, ValueError,
     "column 'date' has the date '01/02/2020' at row 0, which reads as day/month or month/day; give "
     "date_format='%d/%m/%Y' (day first) or '%m/%d/%Y' (month first)", ["'date'", "'01/02/2020'", "date_format"]),
]


def _message(raise_it, kind) -> str:
    with pytest.raises(kind) as caught:
        raise_it()
    return str(caught.value)


@pytest.mark.parametrize("raise_it, kind, english, shown", ERRORS, ids=[e[0].__name__.strip("_") for e in ERRORS])
def test_errors_are_today_s_english_by_default(raise_it, kind, english, shown):
    assert cv.get_language() == "en"
    assert _message(raise_it, kind) == english


@pytest.mark.parametrize("raise_it, kind, english, shown", ERRORS, ids=[e[0].__name__.strip("_") for e in ERRORS])
def test_errors_are_chinese_in_zh_mode_and_still_name_argument_and_value(zh, raise_it, kind, english, shown):
    message = _message(raise_it, kind)  # still the same exception class (a ValueError)
    assert issubclass(kind, ValueError)
    assert CJK.search(message), f"not translated: {message!r}"
    assert not re.search(r"\b(must|got|give|the)\b", message), f"English words left: {message!r}"
    for text in shown:
        assert text in message, f"{text!r} missing from {message!r}"


def test_switching_back_and_forth(zh):
    for tag in ("en", "zh-CN", "en", "zh-CN", "en"):
        cv.set_language(tag)
        message = _message(_nan, ValueError)
        assert bool(CJK.search(message)) == (tag == "zh-CN"), (tag, message)


def test_set_language_clears_registered_caches():
    @i18n.translated_cache
    @functools.lru_cache(maxsize=None)
    def title() -> str:
        return i18n.gettext("recency exceeds T")

    try:
        assert title() == "recency exceeds T"
        cv.set_language("zh-CN")
        assert CJK.search(title())
        cv.set_language("en")
        assert title() == "recency exceeds T"
    finally:
        i18n._on_change.remove(title.cache_clear)


def test_speaking_restores_the_language():
    with i18n.speaking("zh-CN"):
        assert cv.get_language() == "zh-CN"
    assert cv.get_language() == "en"


def test_a_wrong_tag_is_refused_in_english():
    with pytest.raises(ValueError, match=r"^tag must be one of 'en', 'zh-CN', got 'zh'$"):
        cv.set_language("zh")


def test_warnings_are_translated(zh):
    from customer_value.rfm import RFMTiesWarning

    summary = pd.DataFrame({"days_since_last": [1, 1, 1, 1, 2], "n_purchases": [1, 2, 3, 4, 5],
                            "total_spend": [1.0, 2, 3, 4, 5]})
    with pytest.warns(RFMTiesWarning) as caught:
        cv.rfm_scores(summary)
    assert CJK.search(str(caught[0].message)), str(caught[0].message)


# ---------------------------------------------------------------------------------------------
# (4) self-checks, (5) the unanswered-question message


def test_self_check_messages_in_chinese(zh, capsys):
    digest = answer_digest(26000, "q1_kfc_clv")
    check(26000, "q1_kfc_clv", digest)
    assert capsys.readouterr().out == "自我检查 q1_kfc_clv：正确 ✔\n"
    with pytest.raises(SelfCheckFailed) as caught:
        check(25000, "q1_kfc_clv", digest)
    assert isinstance(caught.value, AssertionError)
    assert str(caught.value).startswith("自我检查 q1_kfc_clv：还不对。") and "2 位小数" in str(caught.value)
    assert caught.value._render_traceback_() == [f"SelfCheckFailed: {caught.value}"]


def test_self_check_messages_in_english(capsys):
    digest = answer_digest(26000, "q1_kfc_clv")
    check(26000, "q1_kfc_clv", digest)
    assert capsys.readouterr().out == "Self-check q1_kfc_clv: correct ✔\n"
    with pytest.raises(SelfCheckFailed, match=r"^Self-check q1_kfc_clv: not yet right\. Re-read the question"):
        check(25000, "q1_kfc_clv", digest)


def test_unanswered_message_in_chinese(zh):
    source = "# Tests for question 2\nassert customers_won > 0"
    assert unanswered_message(source, NameError("name 'customers_won' is not defined")) == \
        "第 2 题：找不到答案——是否运行了上面的单元格？（名称 'customers_won' 未定义）"
    assert unanswered_message("# Tests for question 3\nx", KeyError("value_won")) == \
        "第 3 题：找不到答案——是否运行了上面的单元格？（名称 'value_won' 未定义）"
    assert unanswered_message("x = 1", NameError("x")) is None


def test_unanswered_message_in_english():
    assert unanswered_message("# Tests for question 2\nx", NameError("name 'customers_won' is not defined")) == \
        "q2: answer not found — did you run the cell above? (name 'customers_won' is not defined)"


# ---------------------------------------------------------------------------------------------
# grading: the summary and the feedback note in the assignment's language


def test_assignment_language():
    assert i18n.assignment_language("03_clv_basics_zh-CN") == "zh-CN"
    assert i18n.assignment_language("03_clv_basics") == "en"
    assert i18n.assignment_language("03_clv_basics", "zh-CN") == "zh-CN"
    assert i18n.assignment_language("03_clv_basics_zh-CN", "python") == "zh-CN"


def test_grading_summary_speaks_the_assignment_s_language():
    from customer_value.grading.report import summary

    assert summary("03_clv_basics", [], {}, isolation="bubblewrap") == \
        "Student kernels: bubblewrap\n03_clv_basics: no submissions"
    assert summary("03_clv_basics_zh-CN", [], {}, isolation="bubblewrap") == \
        "学生内核：bubblewrap\n03_clv_basics_zh-CN：没有提交"
    cv.set_language("zh-CN")  # a kernel in Chinese still reports an English assignment in English, and stays Chinese
    assert summary("03_clv_basics", [], {}) == "03_clv_basics: no submissions"
    assert cv.get_language() == "zh-CN"


def test_feedback_note_speaks_the_notebook_s_language():
    import nbformat

    from customer_value.grading.feedback import HIDDEN_NOTE, HideHiddenTests

    def feedback(language: str | None, assignment: str) -> str:
        cell = nbformat.v4.new_code_cell("# Tests for question 1\n### BEGIN HIDDEN TESTS\nassert x == 1\n### END HIDDEN TESTS")
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t1", "points": 1, "locked": True}
        nb = nbformat.v4.new_notebook(cells=[cell])
        if language:
            nb.metadata["language"] = language
        out, _resources = HideHiddenTests().preprocess(nb, {"nbgrader": {"assignment": assignment}})
        return out.cells[0].source

    assert feedback(None, "01_customer_value").endswith("\n" + HIDDEN_NOTE)
    assert feedback("zh-CN", "01_customer_value_zh-CN").endswith("\n# （隐藏测试不显示：请看下面的断言信息，它说明了该检查什么）")
    assert feedback(None, "01_customer_value_zh-CN").endswith("\n# （隐藏测试不显示：请看下面的断言信息，它说明了该检查什么）")
    assert cv.get_language() == "en"


# ---------------------------------------------------------------------------------------------
# (6) English by default


def _fresh(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "CUSTOMER_VALUE_LANGUAGE"} | env
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True)
    return result.stdout


PROBE = """
import customer_value as cv
print(cv.get_language())
try:
    cv.retention_clv(margin=100, retention=float("nan"), discount_rate=0.1)
except ValueError as error:
    print(error)
"""


def test_a_fresh_interpreter_speaks_english():
    assert _fresh(PROBE) == "en\nretention is NaN; give a number\n"


def test_the_environment_variable_sets_the_default_for_scripts():
    assert _fresh(PROBE, CUSTOMER_VALUE_LANGUAGE="zh-CN") == "zh-CN\nretention 是 NaN（缺失值）；请给出一个数字\n"


def test_numbers_in_messages_are_formatted_as_in_english(zh):
    # the translation keeps each field's format spec: 25 → 2500%, not a different rounding
    with pytest.raises(ValueError) as caught:
        cv.retention_clv(margin=100, retention=0.8, discount_rate=25)
    assert "2500%" in str(caught.value) and not math.isnan(np.float64(1.0))


def test_feedback_outputs_cut_by_the_grader_speak_the_notebook_s_language():
    import nbformat

    from customer_value.grading.preprocessors import LimitOutputSize

    def cut(language: str | None) -> str:
        cell = nbformat.v4.new_code_cell("print('x' * 50)")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 50)]
        nb = nbformat.v4.new_notebook(cells=[cell])
        if language:
            nb.metadata["language"] = language
        out, _resources = LimitOutputSize(max_chars=10).preprocess(nb, {})
        return out.cells[0].outputs[0].text

    assert cut(None) == "x" * 10 + "\n... output truncated: 50 characters ..."
    assert cut("zh-CN") == "x" * 10 + "\n……输出已截断：共 50 个字符……"
    assert cv.get_language() == "en"
