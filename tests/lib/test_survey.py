"""Survey measures: NPS (Reichheld 2003), CSAT, satisfaction → repurchase, complaint recovery."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import customer_value as cv
from customer_value import survey


def test_nps_worked_example():
    # docs/references.md: NPS = % promoters (9-10) - % detractors (0-6). 5 promoters, 3 passives,
    # 2 detractors of 10 answers -> 50 % - 20 % = 30 points.
    result = cv.nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 0])
    assert result == survey.NPSResult(score=pytest.approx(30.0), promoters=0.5, passives=0.3, detractors=0.2, n=10)


def test_nps_bounds_and_boundaries():
    assert cv.nps([10] * 4).score == 100 and cv.nps([0, 6]).score == -100
    assert cv.nps([7, 8]).score == 0 and cv.nps([7, 8]).passives == 1
    assert cv.nps([9, 6]).score == 0  # 9 is a promoter, 6 a detractor


def test_csat_top_two_box():
    assert cv.csat([5, 4, 3, 2]) == 0.5
    assert cv.csat([5, 4, 3, 2], satisfied_from=5) == 0.25
    assert cv.csat([7, 6, 1], satisfied_from=6, scale=(1, 7)) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    "scores, message",
    [
        ([11, 9], "answer 11 at position 0, outside the scale 0–10"),
        ([-1], "outside the scale"),
        ([8.5], "whole numbers"),
        ([9, None], "missing answer"),
        ([9, np.nan], "missing answer"),
        ([], "no answers"),
        (["nine"], "non-numeric answer 'nine'"),
        ("9", "string"),
    ],
)
def test_nps_bad_answers_raise(scores, message):
    with pytest.raises(ValueError, match=message):
        cv.nps(scores)


def test_dropna_is_an_explicit_choice():
    result = cv.nps(pd.Series([10, None, 0, np.nan]), dropna=True)
    assert result.n == 2 and result.score == 0
    assert cv.csat([5, None], dropna=True) == 1.0
    with pytest.raises(ValueError, match="no answers"):
        cv.nps([None], dropna=True)
    with pytest.raises(ValueError, match="dropna"):
        cv.nps([9], dropna="yes")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"scores": [6]}, "outside the scale 1–5"),
        ({"scores": [0.9]}, "outside the scale"),
        ({"scores": [5], "satisfied_from": 1}, "satisfied_from"),
        ({"scores": [5], "satisfied_from": 6}, "satisfied_from"),
        ({"scores": [5], "satisfied_from": 4.5}, "satisfied_from"),
        ({"scores": [5], "scale": (1, 2)}, "scale"),
        ({"scores": [5], "scale": 5}, "scale"),
    ],
)
def test_csat_bad_input_raises(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cv.csat(**kwargs)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=200))
def test_nps_invariants(scores):
    result = cv.nps(scores)
    assert -100 <= result.score <= 100
    assert math.isclose(result.promoters + result.passives + result.detractors, 1.0)
    assert math.isclose(result.score, 100 * (result.promoters - result.detractors), abs_tol=1e-9)
    assert cv.nps(list(reversed(scores))) == result  # the order of answers does not matter


@given(st.lists(st.integers(1, 5), min_size=1, max_size=200), st.integers(2, 5))
def test_csat_is_monotone_in_the_threshold(scores, threshold):
    assert 0 <= cv.csat(scores, satisfied_from=threshold) <= 1
    if threshold > 2:
        assert cv.csat(scores, satisfied_from=threshold) <= cv.csat(scores, satisfied_from=threshold - 1)


def test_satisfaction_loyalty_table():
    table = survey.satisfaction_loyalty_table(
        [5, 5, 4, 4, 3, 1], [True, True, False, True, False, False], spend=[10, 20, 0, 5, 0, 0]
    )
    assert table.index.tolist() == [1, 2, 3, 4, 5]
    assert table["respondents"].tolist() == [1, 0, 1, 2, 2]
    assert table.loc[5, "repurchase_rate"] == 1.0 and table.loc[4, "repurchase_rate"] == 0.5
    assert table.loc[5, "vs_satisfied"] == 2.0  # the seed's "1:6" would be 6
    assert table.loc[5, "mean_spend"] == 15.0 and math.isnan(table.loc[2, "repurchase_rate"])
    assert table["share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        (([5, 4], [1]), {}, "repurchased has 1 values but satisfaction has 2"),
        (([5, 4], [1, 2]), {}, "repurchased has the answer 2"),
        (([6, 4], [1, 0]), {}, "satisfaction has the answer 6"),
        (([5, 4], [1, 0]), {"spend": [10, -1]}, "spend must be money"),
        (([5, 4], [1, 0]), {"spend": [10]}, "spend has 1 values"),
    ],
)
def test_satisfaction_loyalty_table_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        survey.satisfaction_loyalty_table(*args, **kwargs)


def test_complaint_recovery_worked_example():
    # KFC value per customer 26,000 yuan (course material 000); 100 complaints, 60 % resolved; retention 0.7
    # if resolved vs 0.2 if not; an unhappy customer tells 5 (course material 002 "1:5"), 20 % are lost (course material 000).
    result = survey.complaint_recovery(26_000, 100, 0.6, 0.7, 0.2)
    assert result.to_dict() == pytest.approx(
        {"resolved": 60, "customers_kept": 30, "value_kept": 780_000, "word_of_mouth_customers": 60,
         "word_of_mouth_value": 1_560_000, "total_value": 2_340_000}
    )


def test_complaint_recovery_word_of_mouth_matches_module_03():
    # One resolved complaint avoids exactly the word-of-mouth loss of lesson 03's dissatisfied customer.
    one = survey.complaint_recovery(26_000, 1, 1.0, 0.0, 0.0, told_if_dissatisfied=10, conversion=0.2)
    kfc = cv.word_of_mouth(26_000)
    assert one["word_of_mouth_value"] == -kfc.loc["dissatisfied", "word_of_mouth_value"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"value_per_customer": -1}, "value_per_customer must not be negative"),
        ({"complainers": float("nan")}, "complainers is NaN"),
        ({"resolution_rate": 60}, "resolution_rate must be a fraction"),
        ({"retention_if_resolved": 1.5}, "retention_if_resolved"),
        ({"conversion": -0.1}, "conversion"),
        ({"retention_if_resolved": 0.2}, "retention_if_resolved \\(0.2\\) is below retention_if_unresolved"),
    ],
)
def test_complaint_recovery_bad_input(kwargs, message):
    base = {"value_per_customer": 100, "complainers": 10, "resolution_rate": 0.5,
            "retention_if_resolved": 0.6, "retention_if_unresolved": 0.3}
    with pytest.raises(ValueError, match=message):
        survey.complaint_recovery(**{**base, **kwargs})


def test_company_survey():
    answers = cv.load_company_survey()
    transactions = cv.load_company_transactions()
    assert len(answers) == 1200 and answers["customer_id"].is_unique
    assert (answers["survey_date"] == pd.Timestamp("2024-06-30")).all()
    bought_before = transactions[(transactions["date"] > "2023-12-31") & (transactions["date"] <= "2024-06-30")]
    assert set(answers["customer_id"]) <= set(bought_before["customer_id"]), "respondents bought in the half-year"
    assert set(answers["csat"]) == {1, 2, 3, 4, 5} and answers["recommend"].between(0, 10).all()
    # the survey predicts what happened next: more satisfied respondents repurchase more
    after = transactions[transactions["date"] > "2024-06-30"]
    repurchased = answers["customer_id"].isin(after["customer_id"])
    table = survey.satisfaction_loyalty_table(answers["csat"], repurchased)
    assert table.loc[5, "repurchase_rate"] > table.loc[4, "repurchase_rate"] > table.loc[3, "repurchase_rate"]
    assert cv.nps(answers["recommend"]).score == pytest.approx(100 * (answers["recommend"] >= 9).mean() - 100 * (answers["recommend"] <= 6).mean())


def test_shipped_survey_is_the_generator_output():
    from customer_value import simulate

    pd.testing.assert_frame_equal(simulate.simulate_survey(), cv.load_company_survey(), check_dtype=False)


def test_damaged_survey_raises(tmp_path):
    from customer_value import datasets

    text = (datasets.DATA_DIR / "company_survey.csv").read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1].split(",")
    first[2] = "6"
    broken = tmp_path / "company_survey.csv"
    broken.write_text("\n".join([header, ",".join(first), *text[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="column 'csat' has 6 at row 2"):
        cv.load_company_survey(broken)


def test_survey_simulator_refuses_impossible_samples():
    from customer_value import simulate

    with pytest.raises(ValueError, match="n_respondents"):
        simulate.simulate_survey(n_respondents=0)
    with pytest.raises(ValueError, match="exceeds"):
        simulate.simulate_survey(n_respondents=100_000)
