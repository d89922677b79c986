"""customer_value.cohort.dwyer_table: the customer-retention table of the Dwyer method."""

import numpy as np
import pytest

import customer_value as cv


def test_classic_retention_table():
    # Hughes-style retention table (course material 003, 任务四 DWYER 方法): 20,000 customers,
    # retention 40 %, 45 %, 50 %, revenue 150 and cost 75 per customer, discount rate 20 %,
    # first year not discounted. Computed: NPV 1,500,000 / 500,000 / 187,500; CLV 75, 100, 109.38.
    table = cv.dwyer_table(20000, [0.40, 0.45, 0.50], 150, 75, 0.20, 3)
    assert list(table.index) == [1, 2, 3]
    assert list(table["active_customers"]) == pytest.approx([20000, 8000, 3600])
    assert list(table["revenue"]) == pytest.approx([3_000_000, 1_200_000, 540_000])
    assert list(table["profit"]) == pytest.approx([1_500_000, 600_000, 270_000])
    assert list(table["discount_factor"]) == pytest.approx([1.0, 1.2, 1.44])
    assert list(table["npv"]) == pytest.approx([1_500_000, 500_000, 187_500])
    assert list(table["cumulative_npv"]) == pytest.approx([1_500_000, 2_000_000, 2_187_500])
    assert list(table["clv_per_customer"].round(2)) == [75.0, 100.0, 109.38]


def test_first_period_is_not_discounted():
    table = cv.dwyer_table(100, 0.5, 10, 0, 0.5, 2)
    assert table.loc[1, "npv"] == pytest.approx(1000)
    assert table.loc[2, "npv"] == pytest.approx(500 / 1.5)


def test_scalar_retention_matches_retention_clv_immediately_form():
    # With a constant retention the cohort value per customer is the "immediately" sum.
    table = cv.dwyer_table(1000, 0.8, 100, 0, 0.12, 30)
    expected = cv.retention_clv(100, 0.8, 0.12, periods=30, first_margin="immediately")
    assert table["clv_per_customer"].iloc[-1] == pytest.approx(expected)


def test_acquisition_cost_and_shorter_retention_sequence():
    table = cv.dwyer_table(10, [0.5], [100, 100], [40, 40], 0.0, 2, acquisition_cost=30)
    assert table["cumulative_npv"].tolist() == pytest.approx([600 - 300, 600 + 300 - 300])
    assert np.isnan(table.loc[2, "retention"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"initial_customers": 0}, "initial_customers"),
        ({"initial_customers": -5}, "initial_customers"),
        ({"retention": 1.0}, "retention"),
        ({"retention": [0.5, 0.5, 0.5, 0.5, 0.5]}, "retention has 5 values"),
        ({"revenue_per_customer": [100, 100]}, "revenue_per_customer"),
        ({"cost_per_customer": -1}, "cost_per_customer"),
        ({"discount_rate": float("nan")}, "discount_rate"),
        ({"periods": 0}, "periods"),
        ({"acquisition_cost": -1}, "acquisition_cost"),
    ],
)
def test_bad_input(kwargs, message):
    arguments = dict(
        initial_customers=100, retention=0.6, revenue_per_customer=100, cost_per_customer=50,
        discount_rate=0.1, periods=3,
    )
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        cv.dwyer_table(**arguments)


def test_acquisition_vs_retention():
    args = dict(
        initial_customers=20000, retention=[0.4, 0.45, 0.5], revenue_per_customer=150,
        cost_per_customer=75, discount_rate=0.2, periods=3,
    )
    result = cv.acquisition_vs_retention(budget=100000, acquisition_cost=50, retention_gain=0.05, **args)
    base = cv.dwyer_table(**args)["cumulative_npv"].iloc[-1]
    assert result.loc["baseline", "npv"] == pytest.approx(base) == pytest.approx(2187500)
    # 2,000 more customers behave like the cohort: npv scales by 22,000 / 20,000.
    assert result.loc["acquisition", "customers"] == 22000
    assert result.loc["acquisition", "npv"] == pytest.approx(base * 1.1)
    # +5 points: 20,000 · 75 · (1 + 0.45 / 1.2 + 0.45 · 0.5 / 1.44)
    assert result.loc["retention", "npv"] == pytest.approx(20000 * 75 * (1 + 0.45 / 1.2 + 0.45 * 0.5 / 1.44))
    assert result.loc["retention", "net_gain"] == pytest.approx(result.loc["retention", "npv_gain"] - 100000)
    assert np.isnan(result.loc["baseline", "return_per_yuan"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"retention_gain": 0.6}, "must stay below 1"),
        ({"retention_gain": -0.05}, "must not be negative"),
        ({"acquisition_cost": 0}, "acquisition_cost must be positive"),
        ({"budget": -1}, "budget must not be negative"),
    ],
)
def test_acquisition_vs_retention_rejects_bad_input(kwargs, message):
    args = dict(
        budget=1000, acquisition_cost=50, retention_gain=0.05, initial_customers=100, retention=0.5,
        revenue_per_customer=150, cost_per_customer=75, discount_rate=0.1, periods=3,
    )
    with pytest.raises(ValueError, match=message):
        cv.acquisition_vs_retention(**{**args, **kwargs})
