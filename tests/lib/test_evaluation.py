"""Customer delivered value, profit contribution, comprehensive evaluation and AHP weights."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import customer_value as cv

VALUE = {"product": 60, "service": 20, "personnel": 10, "image": 10}
COST = {"monetary": 50, "time": 10, "energy": 5, "psychic": 5}


def test_delivered_value_worked_example():
    # Kotler: delivered value = total customer value − total customer cost; ratio = value / cost.
    assert cv.delivered_value(VALUE, COST) == pytest.approx(30)
    assert cv.value_cost_ratio(VALUE, COST) == pytest.approx(100 / 70)
    assert cv.delivered_value(100, 70) == pytest.approx(30)
    assert cv.delivered_value(pd.Series(VALUE), pd.Series(COST)) == pytest.approx(30)


@pytest.mark.parametrize(
    "value, cost, message",
    [
        ({"product": -1}, 10, r"total_customer_value\['product'\] must not be negative"),
        ({"price": 5}, 10, "unknown component"),
        (100, {"time": float("nan")}, "NaN"),
        (100, {}, "no components"),
        (-5, 10, "total_customer_value must not be negative"),
    ],
)
def test_delivered_value_rejects_bad_input(value, cost, message):
    with pytest.raises(ValueError, match=message):
        cv.delivered_value(value, cost)


def test_ratio_needs_a_cost():
    with pytest.raises(ValueError, match="cost is 0"):
        cv.value_cost_ratio(100, 0)


def test_compare_offers_ranks_by_delivered_value():
    offers = pd.DataFrame(
        {"product": [60, 80], "service": [20, 30], "monetary": [50, 90], "time": [10, 5]}, index=["A", "B"]
    )
    table = cv.compare_offers(offers)
    assert list(table.index) == ["A", "B"]  # A: 80 − 60 = 20, B: 110 − 95 = 15, though B's value is higher
    assert table.loc["A", "delivered_value"] == pytest.approx(20)
    assert table.loc["B", "delivered_value"] == pytest.approx(15)
    assert table.loc["B", "value_cost_ratio"] == pytest.approx(110 / 95)
    with pytest.raises(ValueError, match="unknown column"):
        cv.compare_offers(offers.rename(columns={"time": "price"}))
    with pytest.raises(ValueError, match="at least one value column and one cost column"):
        cv.compare_offers(offers[["product", "service"]])


def test_profit_contribution_rates():
    table = cv.profit_contribution(pd.Series([20.0, 50.0, 30.0], index=["c", "a", "b"]))
    assert list(table.index) == ["a", "b", "c"]
    assert list(table["contribution_rate"]) == pytest.approx([0.5, 0.3, 0.2])
    assert list(table["cumulative_rate"]) == pytest.approx([0.5, 0.8, 1.0])
    assert list(table["rank"]) == [1, 2, 3]
    # A loss-making customer lowers the total: rates still add up to 1, the loss is negative.
    lossy = cv.profit_contribution([60, 50, -10])
    assert lossy["contribution_rate"].sum() == pytest.approx(1)
    assert lossy["contribution_rate"].iloc[-1] == pytest.approx(-0.1)


@pytest.mark.parametrize("profits, message", [([-5, 2], "positive total"), ([], "empty"), ([1, np.nan], "missing")])
def test_profit_contribution_rejects_bad_input(profits, message):
    with pytest.raises(ValueError, match=message):
        cv.profit_contribution(profits)


def test_weighted_score_worked_example():
    # 综合评价法: 80·0.4 + 60·0.3 + 70·0.2 + 50·0.1 = 69
    assert cv.weighted_score([80, 60, 70, 50], [0.4, 0.3, 0.2, 0.1]) == pytest.approx(69)
    scores = pd.DataFrame(
        {"existing": [80, 40], "potential": [60, 90], "influence": [70, 50], "learning": [50, 80]}, index=["x", "y"]
    )
    weights = {"learning": 0.1, "influence": 0.2, "potential": 0.3, "existing": 0.4}  # matched by name
    result = cv.weighted_score(scores, weights)
    assert list(result.index) == ["x", "y"]
    assert list(result) == pytest.approx([69, 0.4 * 40 + 0.3 * 90 + 0.2 * 50 + 0.1 * 80])


@pytest.mark.parametrize(
    "weights, message",
    [
        ([4, 3, 2, 1], "add up to 10, not 1"),
        ([0.5, 0.5, 0.2, -0.2], "must not be negative"),
        ([0.5, 0.5], "weights has 2 values but scores has 4"),
        ({"existing": 0.5, "potential": 0.5, "influence": 0.0, "other": 0.0}, "not columns of scores"),
    ],
)
def test_weighted_score_rejects_bad_weights(weights, message):
    scores = pd.DataFrame({"existing": [80], "potential": [60], "influence": [70], "learning": [50]})
    with pytest.raises(ValueError, match=message):
        cv.weighted_score(scores, weights)


def test_weighted_score_rejects_scores_off_the_scale():
    with pytest.raises(ValueError, match=r"scores\['b'\] of customer 1 is 120, outside the scale 0–100"):
        cv.weighted_score(pd.DataFrame({"a": [10, 20], "b": [30, 120]}), [0.5, 0.5])
    with pytest.raises(ValueError, match="outside the scale 1–5"):
        cv.weighted_score([3, 6], [0.5, 0.5], scale=(1, 5))
    with pytest.raises(ValueError, match="low < high"):
        cv.weighted_score([3, 4], [0.5, 0.5], scale=(5, 1))


def test_ahp_worked_example():
    # Saaty's three-criteria example: weights 0.637, 0.258, 0.105; λmax = 3.039, CI = 0.019, CR = 0.033.
    weights, ratio = cv.ahp_weights([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert weights == pytest.approx([0.637, 0.258, 0.105], abs=5e-4)
    assert ratio == pytest.approx(0.033, abs=5e-4)
    assert ratio < cv.evaluation.ACCEPTABLE_CONSISTENCY_RATIO


def test_ahp_keeps_labels_and_flags_inconsistency():
    labels = ["existing", "potential", "influence"]
    # existing > potential (3), potential > influence (3), yet influence > existing (5): inconsistent.
    matrix = pd.DataFrame([[1, 3, 1 / 5], [1 / 3, 1, 3], [5, 1 / 3, 1]], index=labels, columns=labels)
    weights, ratio = cv.ahp_weights(matrix)
    assert list(weights.index) == labels and weights.sum() == pytest.approx(1)
    assert ratio > 0.10


@pytest.mark.parametrize(
    "matrix, message",
    [
        ([[1, 2], [2, 1]], "not reciprocal"),
        ([[1, -2], [-0.5, 1]], "must be positive"),
        ([[1, 2, 3], [0.5, 1, 2]], "square"),
        ([[2, 1], [1, 2]], "1 on the diagonal"),
        ([[1, np.nan], [1, 1]], "missing or infinite"),
        (np.ones((11, 11)), "tabulated up to 10"),
    ],
)
def test_ahp_rejects_matrices_that_are_not_positive_and_reciprocal(matrix, message):
    with pytest.raises(ValueError, match=message):
        cv.ahp_weights(matrix)


@given(st.lists(st.floats(min_value=0.05, max_value=20), min_size=1, max_size=10))
def test_ahp_on_a_consistent_matrix_gives_exact_weights_and_zero_cr(raw):
    w = np.array(raw) / np.sum(raw)
    weights, ratio = cv.ahp_weights(np.outer(w, 1 / w))
    assert ratio == pytest.approx(0, abs=1e-9)
    assert weights == pytest.approx(w, rel=1e-7, abs=1e-12)


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=4, max_size=4),
    st.lists(st.floats(min_value=0.01, max_value=1), min_size=4, max_size=4),
)
def test_weighted_score_lies_between_the_lowest_and_highest_score(scores, raw):
    weights = np.array(raw) / np.sum(raw)
    score = cv.weighted_score(scores, weights)
    assert min(scores) - 1e-9 <= score <= max(scores) + 1e-9
