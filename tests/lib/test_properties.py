"""Invariants of the closed-form value models (hypothesis property tests)."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import customer_value as cv

margins = st.floats(min_value=0.01, max_value=1e5)
retentions = st.floats(min_value=0.0, max_value=0.98)
rates = st.floats(min_value=0.0, max_value=0.5)
forms = st.sampled_from(["after_retention", "immediately", "end_of_first_period"])


@given(margins, retentions, retentions, rates, forms)
def test_value_rises_with_retention(m, r1, r2, d, form):
    low, high = sorted((r1, r2))
    assume(high - low > 1e-6)
    assert cv.retention_clv(m, high, d, first_margin=form) >= cv.retention_clv(m, low, d, first_margin=form)


@given(margins, st.floats(min_value=0.01, max_value=0.98), rates, rates, forms)
def test_value_falls_with_the_discount_rate(m, r, d1, d2, form):
    low, high = sorted((d1, d2))
    assume(high - low > 1e-6)
    assert cv.retention_clv(m, r, high, first_margin=form) <= cv.retention_clv(m, r, low, first_margin=form)


@settings(max_examples=60)
@given(margins, st.floats(min_value=0.0, max_value=0.95), st.floats(min_value=0.01, max_value=0.5), forms)
def test_finite_sum_converges_to_the_infinite_horizon(m, r, d, form):
    infinite = cv.retention_clv(m, r, d, first_margin=form)
    finite = [cv.retention_clv(m, r, d, periods=n, first_margin=form) for n in (1, 10, 100, 2000)]
    assert all(a <= b + 1e-9 * infinite + 1e-12 for a, b in zip(finite, finite[1:]))  # grows with the horizon
    assert finite[-1] <= infinite * (1 + 1e-9) + 1e-12
    assert finite[-1] == pytest.approx(infinite, rel=1e-6, abs=1e-12)


@given(margins, retentions, rates)
def test_forms_are_ordered(m, r, d):
    # Receiving the first margin sooner (or for sure) can only add value.
    gupta = cv.retention_clv(m, r, d)
    ofek = cv.retention_clv(m, r, d, first_margin="end_of_first_period")
    blattberg = cv.retention_clv(m, r, d, first_margin="immediately")
    assert gupta <= ofek * (1 + 1e-12) <= blattberg * (1 + 1e-12)
    assert blattberg == pytest.approx(ofek * (1 + d))
    assert gupta == pytest.approx(ofek * r)


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=40), rates)
def test_discounting_never_adds_value(flows, d):
    assert cv.discounted_clv(flows, d) <= sum(flows) * (1 + 1e-12) + 1e-9
    assert cv.discounted_clv(flows, d, timing="begin") == pytest.approx(cv.discounted_clv(flows, d) * (1 + d))


@given(st.floats(0, 1e4), st.floats(0, 365), st.integers(1, 50), st.floats(0, 1))
def test_simple_clv_is_the_product(spend, frequency, periods, margin):
    assert cv.simple_clv(spend, frequency, periods, margin) == pytest.approx(spend * frequency * periods * margin)


@given(st.floats(0, 1e6), st.integers(0, 50), st.integers(0, 50), st.floats(0, 1), st.booleans())
def test_word_of_mouth_totals_add_up(value, happy, unhappy, conversion, leaves):
    table = cv.word_of_mouth(value, happy, unhappy, conversion, leaves)
    assert np.allclose(table["total_impact"], table["own_value"] + table["word_of_mouth_value"])
    assert table.loc["satisfied", "total_impact"] >= 0 >= table.loc["dissatisfied", "total_impact"]
    assert math.isclose(table.loc["satisfied", "customers_changed"], happy * conversion)


@given(
    st.integers(1, 10_000),
    st.lists(st.floats(0, 0.99), min_size=1, max_size=15),
    st.floats(0, 1000),
    st.floats(0, 0.5),
)
def test_dwyer_cohort_shrinks_and_npv_accumulates(customers, retention, revenue, d):
    periods = len(retention)
    table = cv.dwyer_table(customers, retention, revenue, 0, d, periods)
    assert (np.diff(table["active_customers"]) <= 1e-9).all()
    assert (np.diff(table["cumulative_npv"]) >= -1e-9).all()
    assert table["active_customers"].iloc[0] == customers
