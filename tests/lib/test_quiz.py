"""Practice quizzes: the data is consistent, checking explains every part, the widgets react to answers."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from customer_value import _content, quiz

ALL = quiz.ids()
BY_KIND = {kind: [qid for qid in ALL if quiz.question(qid)["kind"] == kind] for kind in quiz.KINDS}


def _right(qid):
    item = quiz.question(qid)
    if item["kind"] == "choice":
        return item["answer"] if len(item["answer"]) > 1 else item["answer"][0]
    if item["kind"] == "classify":
        return {key: case["category"] for key, case in item["cases"].items()}
    return item["answer"]


def test_the_new_lessons_have_quizzes_of_every_kind():
    for lesson in ("12_customer_identification", "13_service_and_target_customers"):
        kinds = {quiz.question(qid)["kind"] for qid in quiz.ids(lesson)}
        assert kinds == set(quiz.KINDS) and len(quiz.ids(lesson)) >= 5
        assert all(quiz.question(qid)["source"].startswith("course material 00") for qid in quiz.ids(lesson))


@pytest.mark.parametrize("qid", ALL)
def test_the_right_answer_is_correct_and_explained(qid):
    result = quiz.check(qid, _right(qid))
    assert result.correct and result.right == result.total
    assert result.notes and all(note.ok and note.en and note.zh for note in result.notes)


@pytest.mark.parametrize("qid", BY_KIND["choice"])
def test_every_wrong_option_says_why_it_is_wrong(qid):
    item = quiz.question(qid)
    wrong = [key for key in item["options"] if key not in item["answer"]]
    assert wrong, "a question needs a wrong option"
    for key in wrong:
        result = quiz.check(qid, [key])
        assert not result.correct and result.right == 0
        assert not result.notes[0].ok and item["options"][key]["why_en"] in result.notes[0].en
        assert item["options"][key]["why_zh"] in result.notes[0].zh


@pytest.mark.parametrize("qid", [q for q in BY_KIND["choice"] if len(quiz.question(q)["answer"]) > 1])
def test_several_right_options_count_one_by_one(qid):
    answer = quiz.question(qid)["answer"]
    result = quiz.check(qid, answer[:1])
    assert (result.correct, result.right, result.total) == (False, 1, len(answer))
    assert "not chosen yet" in result.notes[-1].en


@pytest.mark.parametrize("qid", BY_KIND["classify"])
def test_every_wrong_category_names_the_right_one_and_why(qid):
    item = quiz.question(qid)
    right = _right(qid)
    for key, case in item["cases"].items():
        for category in item["categories"]:
            if category == case["category"]:
                continue
            result = quiz.check(qid, {**right, key: category})
            assert not result.correct and result.right == result.total - 1
            (note,) = [n for n in result.notes if not n.ok]
            assert f"not {item['categories'][category]['en']} but {item['categories'][case['category']]['en']}" in note.en
            assert case["why_en"] in note.en and case["why_zh"] in note.zh


def test_a_partly_sorted_answer_says_how_many_are_left():
    result = quiz.check("12_buying_roles", {"xiaomei": "user"})
    assert (result.correct, result.right, result.total) == (False, 1, 4)
    assert result.notes[-1].en == "3 case(s) not sorted yet."


@pytest.mark.parametrize("qid", BY_KIND["number"])
def test_numbers_within_tolerance_and_known_mistakes_explained(qid):
    item = quiz.question(qid)
    assert quiz.check(qid, item["answer"] + 0.9 * item["tolerance"]).correct
    assert not quiz.check(qid, item["answer"] + 1.1 * item["tolerance"] + 0.01).correct
    for mistake in item["mistakes"]:
        result = quiz.check(qid, mistake["value"])
        assert not result.correct and result.notes[0].en == mistake["why_en"]
    assert item["hint_en"] in quiz.check(qid, -12345.0).notes[0].en


def test_worked_figures():
    # the weighted prospect of lesson 12: 0.25·4 + 0.20·3 + 0.20·5 + 0.15·2 + 0.15·4 + 0.05·5
    assert quiz.question("12_weighted_prospect")["answer"] == pytest.approx(3.75)
    assert quiz.question("13_wasted_prospects")["answer"] == pytest.approx(0.38 * 250)
    assert quiz.question("13_growth_rate")["answer"] == pytest.approx((104_000 - 80_000) / 80_000)


@pytest.mark.parametrize(
    "qid, answer, message",
    [
        ("nonsense", "a", "question_id must be a known question id"),
        ("12_development", "z", "answer must be an option key"),
        ("12_development", 1, "answer must be an option key"),
        ("12_buying_roles", ["user"], "answer must be a dict"),
        ("12_buying_roles", {"grandma": "user"}, "unknown cases \\['grandma'\\]"),
        ("12_buying_roles", {"xiaomei": "payer"}, "unknown categories"),
        ("12_weighted_prospect", "3.75", "answer must be a finite number"),
        ("12_weighted_prospect", True, "answer must be a finite number"),
        ("12_weighted_prospect", float("nan"), "answer must be a finite number"),
    ],
)
def test_bad_answers_are_refused_naming_the_argument(qid, answer, message):
    with pytest.raises(ValueError, match=message):
        quiz.check(qid, answer)


def test_unknown_lesson_and_language_are_refused():
    with pytest.raises(ValueError, match="lesson must be one of"):
        quiz.ids("99_nothing")
    with pytest.raises(ValueError, match="lang must be one of"):
        quiz.widget("12_development", lang="fr")


@pytest.mark.parametrize(
    "kind, damage, message",
    [
        ("choice", lambda q: q.update(answer=["z"]), "answer must name distinct options"),
        ("choice", lambda q: q.update(answer=["a", "a"]), "answer must name distinct options"),
        ("choice", lambda q: q.update(answer=list(q["options"])), "at least one option must be wrong"),
        ("classify", lambda q: next(iter(q["cases"].values())).update(category="nobody"), "category must be one of"),
        ("number", lambda q: q["mistakes"][0].update(value=q["answer"]), "within the tolerance"),
    ],
)
def test_inconsistent_questions_are_refused(kind, damage, message):
    item = copy.deepcopy(quiz.question(BY_KIND[kind][0]))
    damage(item)
    with pytest.raises(ValueError, match=message):
        quiz._check_question("quiz_x", kind, item)


def test_a_quiz_file_missing_a_why_is_refused_by_its_schema():
    data = copy.deepcopy(_content.load("quiz_12_customer_identification"))
    del data["choice"]["12_development"]["options"]["b"]["why_zh"]
    with pytest.raises(ValueError, match="choice.12_development.options.b: missing fields \\['why_zh'\\]"):
        _content.validate(data, _content.SCHEMAS["quiz_12_customer_identification"])


def test_checking_needs_no_widgets():
    code = "import sys; from customer_value import quiz; quiz.check('12_development', 'a'); print('ipywidgets' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


# --- widgets: built for every question, and they react when an answer is chosen ---

@pytest.mark.parametrize("qid", ALL)
def test_every_question_builds_a_form_with_wrapping_labels(qid):
    form = quiz.widget(qid)
    assert form.feedback.value == ""
    assert form.widget.children[-1] is form.feedback
    assert "text/plain" in form._repr_mimebundle_()
    for child in form.widget.children:
        for part in getattr(child, "children", [child]):
            if getattr(part, "description", ""):
                assert part.style.description_width == "initial", "a described widget must not truncate its label"
            assert part.layout.width in ("auto", "28px", "60%") or part is form.widget


def test_single_choice_explains_and_keeps_one_option():
    form = quiz.widget("12_gartner", lang="en")
    form.inputs["c"].value = True
    assert "not Gartner's definition" in form.feedback.value and "0 of 1 right" in form.feedback.value
    form.inputs["a"].value = True
    assert form.inputs["c"].value is False and form.answer() == ["a"]
    assert "Correct" in form.feedback.value and "资料" not in form.feedback.value
    form.inputs["a"].value = False
    assert form.feedback.value == ""


def test_multiple_choice_keeps_several_ticks():
    form = quiz.widget("13_key_customers")
    for key in ("a", "b", "d"):
        form.inputs[key].value = True
    assert form.answer() == ["a", "b", "d"]
    assert "2 of 3 right" in form.feedback.value and "silent customers" in form.feedback.value
    form.inputs["d"].value, form.inputs["c"].value = False, True
    assert "Correct" in form.feedback.value


def test_classification_menus_react():
    form = quiz.widget("13_service_traits", lang="zh")
    form.inputs["seats"].value = "variability"
    assert "不是差异性，而是易失性" in form.feedback.value and "答对 0/4" in form.feedback.value
    for key, category in _right("13_service_traits").items():
        form.inputs[key].value = category
    assert "正确" in form.feedback.value
    form.inputs["seats"].value = ""  # back to "choose": counted as not sorted yet
    assert "答对 3/4" in form.feedback.value and "还有 1 项没有分类" in form.feedback.value


def test_menus_start_on_a_visible_choose_option():
    form = quiz.widget("12_buying_roles")
    menu = form.inputs["xiaomei"]
    assert menu.value == "" and menu.index == 0 and menu.label.startswith("— choose")
    assert form.answer() is None


def test_number_entry_reacts():
    form = quiz.widget("12_weighted_prospect")
    form.inputs["value"].value = 3.8333
    assert "plain mean" in form.feedback.value
    form.inputs["value"].value = 3.75
    assert "Correct" in form.feedback.value and "1.00 + 0.60" in form.feedback.value
