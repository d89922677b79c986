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
