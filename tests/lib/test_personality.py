"""The PDP-style questionnaire: item bank, scoring, profiles, dominant type, advice, chart, widget, CLI."""

import math
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import customer_value as cv  # noqa: E402
from customer_value import personality as pdp  # noqa: E402

# Worked example: tiger items (1, 6, …, 26) answered 5, peacock 2, koala 3, owl 4, chameleon 1
# except item 30 (a chameleon item) answered 3. By hand: tiger 6×5 = 30, peacock 6×2 = 12,
# koala 6×3 = 18, owl 6×4 = 24, chameleon 5×1 + 3 = 8.
WORKED = [5, 2, 3, 4, 1] * 5 + [5, 2, 3, 4, 3]
WORKED_SCORES = {"tiger": 30, "peacock": 12, "koala": 18, "owl": 24, "chameleon": 8}
answer_lists = st.lists(st.integers(1, 5), min_size=30, max_size=30)


@pytest.fixture(autouse=True)
def _close_figures():
    with matplotlib.rc_context():
        yield
    plt.close("all")


# --- item bank -------------------------------------------------------------------------------


def test_item_bank_has_six_interleaved_bilingual_items_per_type():
    table = pdp.items()
    assert list(table.columns) == ["item", "type", "statement_zh", "statement_en"]
    assert table["item"].tolist() == list(range(1, 31))
    assert table["type"].value_counts().to_dict() == {t: 6 for t in pdp.TYPES}
    assert all(row.type == pdp.TYPES[(row.item - 1) % 5] for row in table.itertuples())
    for column in ("statement_zh", "statement_en"):
        assert table[column].str.strip().str.len().gt(5).all()
        assert table[column].is_unique
    assert table["statement_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert not table["statement_en"].str.contains(r"[\u4e00-\u9fff]").any()


def test_names_and_perspectives():
    assert pdp.TYPES == ("tiger", "peacock", "koala", "owl", "chameleon")
    assert [pdp.TYPE_NAMES[t]["zh"] for t in pdp.TYPES] == ["老虎", "孔雀", "考拉", "猫头鹰", "变色龙"]
    assert all(set(pdp.TYPE_NAMES[t]) >= {"zh", "en", "trait"} for t in pdp.TYPES)
    assert pdp.SCALE == (1, 5)
    assert pdp.PERSPECTIVES == ("natural", "work", "others")
    assert [pdp.PERSPECTIVE_NAMES[p]["zh"] for p in pdp.PERSPECTIVES] == ["天生", "工作中", "别人眼中"]


# --- scoring ---------------------------------------------------------------------------------


def test_all_fives_score_thirty_and_all_ones_six():
    assert pdp.score([5] * 30).tolist() == [30] * 5
    assert pdp.score([1] * 30).tolist() == [6] * 5


def test_worked_example():
    scores = pdp.score(WORKED)
    assert list(scores.index) == list(pdp.TYPES)
    assert scores.to_dict() == WORKED_SCORES
    assert pdp.dominant_type(scores) == "tiger"


def test_items_are_scored_on_their_own_type_not_in_blocks():
    # Answering items 1-6 with 5 (a block of six) is not "all tiger": items 1 and 6 are tiger,
    # items 2-5 one each of the other types (the "item scored on the wrong type" mistake).
    scores = pdp.score([5] * 6 + [1] * 24)
    assert scores.to_dict() == {"tiger": 14, "peacock": 10, "koala": 10, "owl": 10, "chameleon": 10}


def test_mapping_array_and_series_inputs_agree():
    expected = pdp.score(WORKED)
    by_item = {k: v for k, v in enumerate(WORKED, start=1)}
    shuffled = dict(sorted(by_item.items(), key=lambda kv: -kv[0]))
    pd.testing.assert_series_equal(pdp.score(shuffled), expected)
    pd.testing.assert_series_equal(pdp.score(np.array(WORKED)), expected)
    pd.testing.assert_series_equal(pdp.score(pd.Series(WORKED)), expected)
    pd.testing.assert_series_equal(pdp.score(pd.Series(WORKED, index=range(1, 31))[::-1]), expected)
    pd.testing.assert_series_equal(pdp.score({np.int64(k): v for k, v in by_item.items()}), expected)
    pd.testing.assert_series_equal(pdp.score([float(v) for v in WORKED]), expected)


def test_profile_has_one_column_per_perspective_in_order():
    table = pdp.profile({"others": [3] * 30, "natural": WORKED})
    assert list(table.index) == list(pdp.TYPES)
    assert list(table.columns) == ["natural", "others"]
    assert table["natural"].to_dict() == WORKED_SCORES
    assert table["others"].tolist() == [18] * 5
    assert pdp.profile({p: WORKED for p in pdp.PERSPECTIVES}).shape == (5, 3)


# --- dominant type ---------------------------------------------------------------------------


def _scores(tiger, peacock, koala, owl, chameleon):
    return pd.Series([tiger, peacock, koala, owl, chameleon], index=pdp.TYPES)


@pytest.mark.parametrize(
    "scores, expected",
    [
        (_scores(25, 12, 18, 20, 10), "tiger"),
        (_scores(12, 25, 18, 20, 10), "peacock"),
        (_scores(12, 18, 25, 20, 10), "koala"),
        (_scores(12, 18, 20, 25, 10), "owl"),
        (_scores(12, 18, 20, 10, 25), "chameleon"),
        (_scores(21, 18, 18, 18, 18), "chameleon"),  # spread 3 = CHAMELEON_SPREAD: flat profile
        (_scores(22, 18, 18, 18, 18), "tiger"),  # spread 4: the tiger stands out
        (_scores(30, 30, 6, 6, 6), "chameleon"),  # tie at the top
        (_scores(10, 24, 10, 24, 10), "chameleon"),
        (_scores(30, 30, 30, 30, 30), "chameleon"),
    ],
)
def test_dominant_type_rules(scores, expected):
    assert pdp.dominant_type(scores) == expected
    assert pdp.dominant_type(scores.to_dict()) == expected


def test_chameleon_threshold_is_three_points():
    assert pdp.CHAMELEON_SPREAD == 3


# --- advice ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", pdp.TYPES)
def test_advice_has_every_key_in_both_languages(kind):
    text = pdp.advice(kind)
    assert tuple(text) == ("pace", "detail", "emphasise", "avoid", "opening")
    for key, value in text.items():
        assert set(value) == {"zh", "en"}, key
        assert value["zh"].strip() and value["en"].strip(), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in value["zh"]), key


def test_advice_accepts_the_seed_names_and_differs_by_type():
    assert pdp.advice("熊猫") == pdp.advice("koala")
    assert pdp.advice("啄木鸟") == pdp.advice("owl")
    assert pdp.advice("老虎") == pdp.advice("Tiger") == pdp.advice("tiger")
    assert len({pdp.advice(t)["pace"]["en"] for t in pdp.TYPES}) == 5
    pdp.advice("tiger")["pace"]["en"] = "changed"
    assert pdp.advice("tiger")["pace"]["en"] != "changed"  # a copy, not the module's table


def test_report_names_types_and_advice():
    table = pdp.profile({"natural": WORKED, "work": [1, 4, 3, 2, 1] * 6})
    text = pdp.report(table, advice_for="work")
    assert "天生 natural: 老虎 Tiger" in text
    assert "工作中 at work: 孔雀 Peacock" in text
    assert pdp.advice("peacock")["opening"]["en"] in text
    assert "not a validated psychometric test" in text


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers, message",
    [
        ([3] * 29, "must have 30 answers.*got 29"),
        ([3] * 31, "must have 30 answers.*got 31"),
        ({k: 3 for k in range(1, 30)}, r"missing item\(s\) \[30\]"),
        ({**{k: 3 for k in range(1, 31)}, 31: 3}, "unknown item number 31"),
        ({**{k: 3 for k in range(2, 31)}, 0: 3}, "unknown item number 0"),
        ({**{k: 3 for k in range(2, 31)}, "1": 3}, "unknown item number '1'"),
        ([3] * 29 + [6], "item 30 is 6, outside the scale 1–5"),
        ([0] + [3] * 29, "item 1 is 0, outside the scale 1–5"),
        ([3, 3.5] + [3] * 28, "item 2 must be a whole number 1–5, got 3.5"),
        ([3, 3, float("nan")] + [3] * 27, "item 3 is missing"),
        ([3, 3, 3, "4"] + [3] * 26, "item 4 must be a whole number 1–5, got '4'"),
        ([True] + [3] * 29, "item 1 must be a whole number"),
        ([3] * 29 + [math.inf], "item 30 must be a whole number"),
        ([3, None] + [3] * 28, "item 2 must be a whole number"),
        ("5" * 30, "answers must be 30 answers"),
        (5, "answers must be 30 answers"),
        (np.full((30, 2), 3), "answers must be 30 answers"),
    ],
)
def test_score_rejects_bad_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        pdp.score(answers)


def test_profile_rejects_unknown_or_no_perspective_and_names_the_bad_one():
    with pytest.raises(ValueError, match="unknown perspective.*'home'"):
        pdp.profile({"home": WORKED})
    with pytest.raises(ValueError, match="non-empty mapping"):
        pdp.profile({})
    with pytest.raises(ValueError, match="non-empty mapping"):
        pdp.profile(WORKED)
    with pytest.raises(ValueError, match=r"answers_by_perspective\['work'\].*item 1 is 9"):
        pdp.profile({"natural": WORKED, "work": [9] + [3] * 29})


@pytest.mark.parametrize(
    "scores, message",
    [
        ({"tiger": 20, "peacock": 20, "koala": 20, "owl": 20}, r"missing \['chameleon'\]"),
        ({**WORKED_SCORES, "panda": 20}, r"unknown \['panda'\]"),
        ({**WORKED_SCORES, "owl": 31}, r"scores\['owl'\] is 31, outside 6–30"),
        ({**WORKED_SCORES, "owl": 5}, r"scores\['owl'\] is 5"),
        ({**WORKED_SCORES, "koala": float("nan")}, r"scores\['koala'\] must be a number"),
        ({**WORKED_SCORES, "koala": "high"}, r"scores\['koala'\] must be a number"),
        ([30, 12, 18, 24, 8], "scores must be a Series or mapping"),
    ],
)
def test_dominant_type_rejects_bad_scores(scores, message):
    with pytest.raises(ValueError, match=message):
        pdp.dominant_type(scores)


def test_dominant_type_rejects_a_whole_profile():
    with pytest.raises(ValueError, match="got a DataFrame"):
        pdp.dominant_type(pdp.profile({"natural": WORKED}))


@pytest.mark.parametrize("bad", ["lion", "", None, 3])
def test_advice_rejects_unknown_types(bad):
    with pytest.raises(ValueError, match=f"type_code must be one of .*got {bad!r}"):
        pdp.advice(bad)


def test_report_rejects_a_perspective_not_in_the_table():
    with pytest.raises(ValueError, match="advice_for.*'others'"):
        pdp.report(pdp.profile({"natural": WORKED}), advice_for="others")


# --- properties ------------------------------------------------------------------------------


@given(answer_lists)
def test_scores_lie_in_range_and_sum_to_the_answers(answers):
    scores = pdp.score(answers)
    assert scores.between(6, 30).all()
    assert scores.sum() == sum(answers)
    assert pdp.dominant_type(scores) in pdp.TYPES


@given(answer_lists, st.sampled_from(pdp.TYPES), st.permutations(range(6)))
def test_permuting_answers_within_a_type_leaves_the_scores_unchanged(answers, kind, order):
    positions = [k - 1 for k in range(1, 31) if pdp.TYPES[(k - 1) % 5] == kind]
    permuted = list(answers)
    for target, source in zip(positions, order):
        permuted[target] = answers[positions[source]]
    pd.testing.assert_series_equal(pdp.score(permuted), pdp.score(answers))


@given(answer_lists, st.integers(0, 29))
def test_raising_one_answer_raises_only_its_type(answers, position):
    if answers[position] == 5:
        return
    raised = list(answers)
    raised[position] += 1
    change = pdp.score(raised) - pdp.score(answers)
    kind = pdp.TYPES[position % 5]
    assert change[kind] == 1
    assert change.drop(kind).eq(0).all()


@settings(max_examples=50)
@given(st.lists(st.integers(6, 30), min_size=5, max_size=5))
def test_dominant_type_is_a_top_scorer_unless_chameleon(values):
    scores = pd.Series(values, index=pdp.TYPES)
    kind = pdp.dominant_type(scores)
    if kind != "chameleon":
        assert scores[kind] == scores.max()
        assert (scores == scores.max()).sum() == 1
        assert scores.max() - scores.min() > pdp.CHAMELEON_SPREAD


# --- chart and widget ------------------------------------------------------------------------


def _glyph_warnings(record):
    return [str(w.message) for w in record if "Glyph" in str(w.message) or "missing from font" in str(w.message)]


def test_profile_chart_draws_one_line_per_perspective_without_missing_glyphs(tmp_path):
    cv.use_cjk_font()
    table = pdp.profile({"natural": WORKED, "work": [4, 4, 3, 3, 2] * 6, "others": [3] * 30})
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        ax = cv.plotting.plot_personality_profile(table)
        ax.figure.savefig(tmp_path / "profile.png")
    assert _glyph_warnings(record) == []
    assert len(ax.lines) == 3
    assert ax.lines[0].get_ydata().tolist() == [30, 12, 18, 24, 8]
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert labels[0].startswith("老虎") and labels[-1].startswith("变色龙")
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["天生 natural", "工作中 at work", "别人眼中 as others see you"]
    assert (tmp_path / "profile.png").stat().st_size > 1000


def test_profile_chart_rejects_other_tables():
    with pytest.raises(ValueError, match="indexed by"):
        cv.plotting.plot_personality_profile(pd.DataFrame({"natural": [1, 2]}))
    with pytest.raises(ValueError, match="unknown perspective column"):
        cv.plotting.plot_personality_profile(pdp.profile({"natural": WORKED}).rename(columns={"natural": "me"}))


def test_questionnaire_widget_scores_answers_set_from_code(capsys):
    import ipywidgets

    quiz = cv.widgets.personality_questionnaire()
    assert isinstance(quiz.widget, ipywidgets.VBox)
    assert "application/vnd.jupyter.widget-view+json" in quiz._repr_mimebundle_()  # displays as the widget
    assert len(quiz.buttons) == 30
    assert quiz.score() is None  # nothing answered yet
    assert "Not answered yet" in capsys.readouterr().out

    quiz.set_answers(WORKED, "natural")
    quiz.set_answers([1, 4, 3, 2, 1] * 6, "work")
    quiz.perspective.value = "natural"  # switching back shows the natural answers again
    assert [b.value for b in quiz.buttons] == WORKED
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        quiz.score_button.click()
    assert _glyph_warnings(record) == []
    assert list(quiz.profile_.columns) == ["natural", "work"]
    assert quiz.profile_["natural"].to_dict() == WORKED_SCORES
    assert quiz.dominant_ == {"natural": "tiger", "work": "peacock"}
    assert pdp.advice("tiger")["opening"]["zh"] in quiz.report_  # advice for the perspective shown
    assert len(quiz.ax_.lines) == 2
    assert "天生 natural: 老虎 Tiger" in capsys.readouterr().out


def test_questionnaire_widget_skips_incomplete_perspectives(capsys):
    quiz = cv.widgets.personality_questionnaire()
    quiz.set_answers(WORKED, "others")
    quiz.perspective.value = "work"
    quiz.buttons[0].value = 4  # one answer only
    result = quiz.score()
    assert list(result.columns) == ["others"]
    out = capsys.readouterr().out
    assert "Not answered yet (work)" in out and "2, 3" in out
    with pytest.raises(ValueError, match="perspective must be one of"):
        quiz.set_answers(WORKED, "home")
    with pytest.raises(ValueError, match="must have 30 answers"):
        quiz.set_answers([3] * 10)


# --- command line ----------------------------------------------------------------------------


def _run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "customer_value.personality", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_command_line_with_answers():
    result = _run("--answers", ",".join(map(str, WORKED)), "--perspective", "work")
    assert result.returncode == 0, result.stderr
    assert "工作中 at work: 老虎 Tiger" in result.stdout
    assert pdp.advice("tiger")["avoid"]["en"] in result.stdout


def test_command_line_asks_each_item_and_re_asks_bad_answers():
    lines = ["7", "x", ""] + [str(v) for v in [1, 4, 3, 2, 1] * 6]
    result = _run(stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Please type a whole number 1–5") == 3
    assert pdp.items()["statement_en"].iloc[29] in result.stdout
    assert "天生 natural: 孔雀 Peacock" in result.stdout


def test_command_line_help_and_errors():
    assert "--answers" in _run("--help").stdout
    short = _run("--answers", "5,4,3")
    assert short.returncode == 2 and "must have 30 answers" in short.stderr
    words = _run("--answers", "a,b")
    assert words.returncode == 2 and "whole numbers separated by commas" in words.stderr
    ended = _run(stdin="5\n4\n")
    assert ended.returncode != 0 and "after 2 of 30 answers" in ended.stderr
