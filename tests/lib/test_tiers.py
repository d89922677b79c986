"""Pareto table, ABC classes, Lorenz curve and Gini coefficient."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import customer_value as cv


def test_pareto_table_and_abc_classes():
    values = pd.Series([5.0, 50.0, 30.0, 10.0, 5.0], index=list("abcde"))
    table = cv.tiers.pareto_table(values)
    assert list(table.index) == ["b", "c", "d", "a", "e"]
    assert list(table["cumulative_share"]) == pytest.approx([0.5, 0.8, 0.9, 0.95, 1.0])
    assert list(table["abc_class"]) == ["A", "A", "B", "B", "C"]
    assert list(table["rank"]) == [1, 2, 3, 4, 5]
    assert table["customer_share"].iloc[1] == pytest.approx(0.4)


def test_top_share():
    values = [80] + [5] * 4  # 1 customer in 5 brings 80 %
    assert cv.tiers.top_share(values, 0.2) == pytest.approx(80 / 100)
    assert cv.tiers.top_share([1, 1, 1, 1], 0.5) == pytest.approx(0.5)


def test_gini_worked_values():
    assert cv.tiers.gini([1, 1, 1, 1]) == pytest.approx(0)
    assert cv.tiers.gini([0, 0, 0, 1]) == pytest.approx(0.75)  # (n - 1) / n for one holder
    assert cv.tiers.gini([1, 2, 3, 4]) == pytest.approx(0.25)  # mean difference / (2 mean) = 1.25 / 5


def test_lorenz_curve_ends():
    curve = cv.tiers.lorenz_curve([1, 2, 3, 4])
    assert curve.iloc[0].tolist() == [0, 0] and curve.iloc[-1].tolist() == [1, 1]
    assert curve["value_share"].tolist() == pytest.approx([0, 0.1, 0.3, 0.6, 1.0])


@pytest.mark.parametrize(
    "values, message",
    [([], "empty"), ([1, -1], "negative"), ([0, 0], "all 0"), ([1, np.nan], "missing")],
)
def test_bad_input(values, message):
    for function in (cv.tiers.gini, cv.tiers.lorenz_curve, cv.tiers.pareto_table, cv.tiers.top_share):
        with pytest.raises(ValueError, match=message):
            function(values)


def test_bad_shares():
    with pytest.raises(ValueError, match="a_share"):
        cv.tiers.pareto_table([1, 2], a_share=0.99, b_share=0.9)


@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=200).filter(lambda v: sum(v) > 0))
def test_gini_is_one_minus_twice_the_lorenz_area(values):
    g = cv.tiers.gini(values)
    curve = cv.tiers.lorenz_curve(values)
    x, y = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
    area = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))
    assert 0 <= g < 1 + 1e-12
    assert g == pytest.approx(1 - 2 * area, abs=1e-9)
    table = cv.tiers.pareto_table(values)
    assert table["cumulative_share"].iloc[-1] == pytest.approx(1)
    assert (np.diff(table["value"]) <= 0).all()


def test_abc_classes_follow_the_input_order_and_cut_on_value_share():
    values = pd.Series([5.0, 50.0, 30.0, 10.0, 5.0], index=list("abcde"))
    classes = cv.abc_classes(values)
    assert list(classes.index) == list("abcde")
    assert classes.to_dict() == {"a": "B", "b": "A", "c": "A", "d": "B", "e": "C"}
    # 30 "typical customers" where one dominates (total 1,290): A holds 1,030 / 1,290 = 79.8 % of
    # value in 4 customers, not the top 20 % by count (6 customers).
    values = [1000.0] + [10.0] * 29
    classes = cv.abc_classes(values)
    assert (classes == "A").sum() == 4


def test_customer_pyramid_tiers():
    profits = pd.Series(np.arange(20, 0, -1, dtype=float) - 3, index=[f"c{i}" for i in range(20)])  # 17 … −2
    tiers = cv.customer_pyramid(profits)
    assert list(tiers.index) == list(profits.index)
    assert tiers.value_counts().to_dict() == {"iron": 14, "gold": 3, "platinum": 1, "lead": 2}
    assert tiers["c0"] == "platinum" and tiers["c1"] == "gold" and tiers["c19"] == "lead"
    assert set(cv.tiers.PYRAMID_TIERS) == {"platinum", "gold", "iron", "lead"}
    with pytest.raises(ValueError, match="more than 1"):
        cv.customer_pyramid([1, 2], platinum_share=0.6, gold_share=0.6)


def test_value_quadrants_worked_example():
    # docs/references.md: current 78, 87, 69, 74 (mean 77), potential 80, 55, 62, 75 (mean 68).
    result = cv.value_quadrants([78, 87, 69, 74], [80, 55, 62, 75])
    assert [label.split()[0] for label in result] == ["价值客户", "次价值客户", "低价值客户", "潜在价值客户"]


def test_value_matrix_maps_all_six_cells():
    current = [10, 10, 10, 1, 1, 1]
    future = [9, 5, 1, 9, 5, 1]
    classes = cv.value_matrix(current, future, current_threshold=5, future_thresholds=(3, 7))
    assert list(classes) == ["A", "C", "D", "B", "E", "F"]
    for name, cell in cv.tiers.VALUE_CLASSES.items():
        assert {"current", "future", "zh", "en"} <= set(cell), name
    assert cv.tiers.VALUE_CLASSES["A"]["current"] == "high" and cv.tiers.VALUE_CLASSES["F"]["future"] == "low"


def test_value_matrix_default_thresholds_are_mean_and_terciles():
    current = pd.Series([1.0, 2, 3, 4, 5, 6], index=list("uvwxyz"))
    future = pd.Series([6.0, 5, 4, 3, 2, 1], index=list("uvwxyz"))
    classes = cv.value_matrix(current, future)
    # mean current 3.5 → x, y, z high; future terciles 2.67 / 4.33 → u, v high, w, x medium, y, z low.
    assert classes.to_dict() == {"u": "B", "v": "B", "w": "E", "x": "C", "y": "D", "z": "D"}
    swapped = cv.value_matrix(future, current)
    assert (swapped != classes).any()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"current_value": [1, 2], "future_value": [1]}, "current_value has 2 values but future_value has 1"),
        ({"current_value": [1, np.nan], "future_value": [1, 2]}, "current_value has a missing"),
        ({"current_value": [1, 2], "future_value": [1, 2], "future_thresholds": (5, 1)}, "increasing"),
        ({"current_value": [1, 2], "future_value": [1, 2], "future_thresholds": (5,)}, "medium_from, high_from"),
        ({"current_value": [], "future_value": []}, "empty"),
    ],
)
def test_value_matrix_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cv.value_matrix(**kwargs)


def test_value_matrix_needs_the_same_customers():
    with pytest.raises(ValueError, match="same index"):
        cv.value_matrix(pd.Series([1, 2], index=["a", "b"]), pd.Series([1, 2], index=["b", "a"]))


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=60), st.integers(0, 10**6))
def test_value_matrix_classes_are_consistent_with_their_cells(current, seed):
    future = np.random.default_rng(seed).permutation(np.array(current))
    classes = cv.value_matrix(current, future)
    cut = np.mean(current)
    for c, name in zip(current, classes):
        assert (c >= cut) == (cv.tiers.VALUE_CLASSES[name]["current"] == "high")
