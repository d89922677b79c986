"""Worked figures for customer_value.clv, each with its source."""

import math

import numpy as np
import pandas as pd
import pytest

import customer_value as cv


def test_kfc_exercise_is_26000_yuan():
    # Seed 000, 实训1 技能训练1-2: 50 yuan a week, 52 weeks a year, 10 years.
    assert cv.simple_clv(50, 52, 10) == 26000
    assert cv.clv.simple_clv(50, 52, 10) == 26000


def test_simple_clv_applies_margin():
    assert cv.simple_clv(50, 52, 10, margin=0.3) == pytest.approx(7800)


def test_three_retention_forms_fader_hardie_2012():
    # Fader & Hardie (2012), "Reconciling and clarifying CLV formulas": m=100, r=0.8, d=0.12.
    assert cv.retention_clv(100, 0.8, 0.12) == pytest.approx(250)
    assert cv.retention_clv(100, 0.8, 0.12, first_margin="immediately") == pytest.approx(350)
    assert cv.retention_clv(100, 0.8, 0.12, first_margin="end_of_first_period") == pytest.approx(312.5)


@pytest.mark.parametrize("form", ["after_retention", "immediately", "end_of_first_period"])
def test_finite_sum_matches_explicit_sum(form):
    m, r, d, n = 100, 0.8, 0.12, 4
    if form == "after_retention":
        expected = sum(m * r**t / (1 + d) ** t for t in range(1, n + 1))
    elif form == "immediately":
        expected = sum(m * r**t / (1 + d) ** t for t in range(0, n))
    else:
        expected = sum(m * r ** (t - 1) / (1 + d) ** t for t in range(1, n + 1))
    assert cv.retention_clv(m, r, d, periods=n, first_margin=form) == pytest.approx(expected)


def test_one_period_forms():
    assert cv.retention_clv(100, 0.8, 0.25, periods=1) == pytest.approx(64)
    assert cv.retention_clv(100, 0.8, 0.25, periods=1, first_margin="immediately") == pytest.approx(100)
    assert cv.retention_clv(100, 0.8, 0.25, periods=1, first_margin="end_of_first_period") == pytest.approx(80)


def test_acquisition_cost_is_subtracted():
    # 200 a year, r = 75 %, d = 10 %: 200 * 0.75 / 0.35 = 428.57; minus 150.
    assert cv.retention_clv(200, 0.75, 0.10, acquisition_cost=150) == pytest.approx(428.5714 - 150, abs=1e-3)


def test_break_even_acquisition_cost_zeroes_the_value():
    cost = cv.clv.break_even_acquisition_cost(80, 0.7, 0.08, periods=5)
    assert cv.retention_clv(80, 0.7, 0.08, periods=5, acquisition_cost=cost) == pytest.approx(0, abs=1e-9)


# Gupta & Lehmann (2003), "Customers as assets", J. Interactive Marketing 17(1), table of
# margin multiples r / (1 + i - r) (docs/references.md lists the grid).
PUBLISHED_MULTIPLES = {
    0.10: [1.20, 1.75, 2.67, 4.50],
    0.12: [1.15, 1.67, 2.50, 4.09],
    0.14: [1.11, 1.59, 2.35, 3.75],
    0.16: [1.07, 1.52, 2.22, 3.46],
}


def test_margin_multiple_reproduces_gupta_lehmann_table():
    retention = [0.6, 0.7, 0.8, 0.9]
    rates = list(PUBLISHED_MULTIPLES)
    table = cv.margin_multiple(retention, rates)
    assert table.shape == (4, 4)
    expected = np.column_stack([PUBLISHED_MULTIPLES[rate] for rate in rates])
    np.testing.assert_allclose(np.round(table, 2), expected)


def test_margin_multiple_scalar_and_one_sided_inputs():
    assert isinstance(cv.margin_multiple(0.8, 0.12), float)
    assert cv.margin_multiple(0.8, 0.12) == pytest.approx(2.5)
    np.testing.assert_allclose(cv.margin_multiple([0.8, 0.9], 0.10), [8 / 3, 4.5])
    # two sequences give the table: rows retention, columns discount rate
    np.testing.assert_allclose(cv.margin_multiple(pd.Series([0.8]), [0.10, 0.12]), [[8 / 3, 2.5]])


def test_margin_multiple_times_margin_is_retention_clv():
    assert 100 * cv.margin_multiple(0.8, 0.12) == pytest.approx(cv.retention_clv(100, 0.8, 0.12))


def test_discounted_clv_end_and_begin():
    flows = [120, 130, 140, 150, 160]
    expected_end = sum(cf / 1.1**t for t, cf in enumerate(flows, start=1))
    assert cv.discounted_clv(flows, 0.10) == pytest.approx(expected_end)
    assert cv.discounted_clv(flows, 0.10) == pytest.approx(523.51, abs=0.01)
    assert cv.discounted_clv(flows, 0.10, timing="begin") == pytest.approx(expected_end * 1.1)
    assert cv.discounted_clv(np.array([100.0]), 0.0) == 100
    assert cv.discounted_clv(pd.Series([-50, 100]), 0.0) == 50  # a loss-making period is allowed


def test_word_of_mouth_kfc_table_1_6():
    # Seed 000, 表1-6: satisfied tells 5, dissatisfied 10, 20 % convert, 26,000 yuan each.
    table = cv.word_of_mouth(26000)
    assert list(table.index) == ["satisfied", "dissatisfied"]
    assert list(table["people_told"]) == [5, 10]
    assert list(table["customers_changed"]) == pytest.approx([1, -2])
    assert list(table["word_of_mouth_value"]) == pytest.approx([26000, -52000])
    assert list(table["total_impact"]) == pytest.approx([52000, -78000])
    assert list(table["scenario_zh"]) == ["满意", "不满意"]


def test_word_of_mouth_customer_who_stays():
    table = cv.word_of_mouth(26000, dissatisfied_customer_leaves=False)
    assert table.loc["dissatisfied", "own_value"] == 0
    assert table.loc["dissatisfied", "total_impact"] == pytest.approx(-52000)
    assert table.loc["satisfied", "total_impact"] == pytest.approx(52000)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: cv.simple_clv(-50, 52, 10), "avg_purchase"),
        (lambda: cv.simple_clv(50, float("nan"), 10), "purchases_per_period"),
        (lambda: cv.simple_clv(50, 52, 0), "periods"),
        (lambda: cv.simple_clv(50, 52, 2.5), "periods"),
        (lambda: cv.simple_clv(50, 52, 10, margin=1.5), "margin"),
        (lambda: cv.simple_clv("50", 52, 10), "avg_purchase"),
        (lambda: cv.discounted_clv([], 0.1), "cash_flows"),
        (lambda: cv.discounted_clv([100, float("nan")], 0.1), "cash_flows"),
        (lambda: cv.discounted_clv([100], 0.1, timing="middle"), "timing"),
        (lambda: cv.discounted_clv([100], -1.0), "discount_rate"),
        (lambda: cv.discounted_clv([100], 10.0 + 1), "discount_rate"),
        (lambda: cv.retention_clv(100, 1.0, 0.1), "retention"),
        (lambda: cv.retention_clv(100, -0.1, 0.1), "retention"),
        (lambda: cv.retention_clv(-100, 0.8, 0.1), "margin"),
        (lambda: cv.retention_clv(100, 0.8, 0.1, periods=0), "periods"),
        (lambda: cv.retention_clv(100, 0.8, 0.1, acquisition_cost=-5), "acquisition_cost"),
        (lambda: cv.retention_clv(100, 0.8, 0.1, first_margin="later"), "first_margin"),
        (lambda: cv.retention_clv(100, 0.8, -0.3), r"below 1 \+ discount_rate"),
        (lambda: cv.margin_multiple([0.8, 1.2], 0.1), "retention"),
        (lambda: cv.margin_multiple(0.8, [0.1, float("nan")]), "discount_rate"),
        (lambda: cv.margin_multiple(0.9, -0.2), r"below 1 \+ discount_rate"),
        (lambda: cv.word_of_mouth(-1), "value_per_customer"),
        (lambda: cv.word_of_mouth(100, conversion=1.2), "conversion"),
        (lambda: cv.word_of_mouth(100, told_if_dissatisfied=-3), "told_if_dissatisfied"),
        (lambda: cv.word_of_mouth(100, dissatisfied_customer_leaves="yes"), "dissatisfied_customer_leaves"),
    ],
)
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_error_names_the_offending_value():
    with pytest.raises(ValueError, match=r"retention .*got 1\.2"):
        cv.retention_clv(100, 1.2, 0.1)
    with pytest.raises(ValueError, match="NaN"):
        cv.retention_clv(math.nan, 0.8, 0.1)


def test_retention_value_gain_constant_profit_limit():
    # With constant profit and a long horizon, V(r) -> m (1 + d) / (1 + d - r), so a move
    # from r = 0.80 to 0.85 at d = 10 % adds 0.30 / 0.25 - 1 = 20 % (computed).
    result = cv.clv.retention_value_gain([100] * 400, 0.80, 0.10, 0.05)
    assert result["gain"] == pytest.approx(0.20)
    assert result["value_before"] == pytest.approx(cv.retention_clv(100, 0.8, 0.1, first_margin="immediately"))
    assert result["lifetime_before"] == pytest.approx(5.0) and result["lifetime_after"] == pytest.approx(20 / 3)


def test_retention_value_gain_grows_when_profit_grows_with_tenure():
    flat = cv.clv.retention_value_gain([100] * 20, 0.8, 0.1)["gain"]
    rising = cv.clv.retention_value_gain([100 * 1.1**t for t in range(20)], 0.8, 0.1)["gain"]
    assert rising > flat


@pytest.mark.parametrize(
    "args, message",
    [
        (([0, 0], 0.8, 0.1), "profit_by_year"),
        (([100, -1], 0.8, 0.1), "profit_by_year"),
        (([100], 0.97, 0.1, 0.05), "retention \\+ improvement"),
        (([100], 1.0, 0.1), "retention"),
    ],
)
def test_retention_value_gain_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        cv.clv.retention_value_gain(*args)
