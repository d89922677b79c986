"""RFM scores and both segment maps."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import customer_value as cv
from customer_value.rfm import RFMTiesWarning, quantile_scores


def _summary(days, n, spend):
    return pd.DataFrame({"days_since_last": days, "n_purchases": n, "total_spend": spend}, index=range(1, len(days) + 1))


def test_quintiles_of_distinct_values():
    s = _summary(list(range(10, 0, -1)), list(range(1, 11)), [float(x) for x in range(1, 11)])
    scores = cv.rfm.rfm_scores(s)
    # docs/references.md: scores 1-5 by quintile, recency reversed (most recent = 5).
    assert list(scores["R"]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert list(scores["F"]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores.loc[10, "rfm_code"] == "555" and scores.loc[1, "rfm_code"] == "111"


def test_ties_share_the_lowest_score_and_empty_bins_are_reported():
    n = pd.Series([1] * 6 + [2, 3, 4, 5], name="n_purchases")
    with pytest.warns(RFMTiesWarning, match=r"no customer has score \[2, 3\]"):
        scores = quantile_scores(n, 5)
    assert list(scores) == [1] * 6 + [4, 4, 5, 5]


def test_rfm_scores_keeps_raw_metrics_and_index():
    s = _summary([5, 50, 500], [3, 2, 1], [300.0, 20.0, 10.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RFMTiesWarning)
        scores = cv.rfm.rfm_scores(s, bins=3)
    assert list(scores.columns[:3]) == ["days_since_last", "n_purchases", "total_spend"]
    assert list(scores["rfm_code"]) == ["333", "222", "111"]


# docs/references.md, the widely used R x F map.
CLASSIC_CASES = {
    (1, 1): "hibernating", (2, 2): "hibernating", (1, 3): "at risk", (2, 4): "at risk",
    (2, 5): "can't lose them", (3, 1): "about to sleep", (3, 2): "about to sleep",
    (3, 3): "need attention", (3, 4): "loyal customers", (4, 5): "loyal customers",
    (4, 1): "promising", (5, 1): "new customers", (4, 2): "potential loyalists",
    (5, 3): "potential loyalists", (5, 4): "champions", (5, 5): "champions",
}


def test_classic_map_follows_the_published_rules():
    cells = [(r, f) for r in range(1, 6) for f in range(1, 6)]
    scores = pd.DataFrame({"R": [c[0] for c in cells], "F": [c[1] for c in cells]})
    segments = cv.rfm.rfm_segments(scores, "classic")
    assert segments["segment"].notna().all(), "every R x F cell has a segment"
    named = dict(zip(cells, segments["segment"]))
    for cell, name in CLASSIC_CASES.items():
        assert named[cell] == name, cell
    assert segments["segment"].nunique() == 10
    assert segments["segment_zh"].notna().all() and segments["action"].notna().all()


def test_cn8_follows_the_table_not_the_swapped_copies():
    # docs/references.md: 101 is 重要发展客户 and 001 is 重要挽留客户 (much copied code swaps them).
    s = _summary(
        [1, 1, 100, 100, 1, 1, 100, 100],  # mean 50.5: R high for the first two of each pair
        [9, 1, 9, 1, 9, 1, 9, 1],  # mean 5
        [900.0, 900.0, 900.0, 900.0, 1.0, 1.0, 1.0, 1.0],
    )
    segments = cv.rfm.rfm_segments(s, "cn8")
    assert list(segments["rfm_high_low"]) == ["111", "101", "011", "001", "110", "100", "010", "000"]
    assert list(segments["segment_zh"]) == [
        "重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
        "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户",
    ]
    assert segments["action"].notna().all()


def test_cn8_mean_thresholds():
    # at the mean: F and M count as high, R (days) as low (not more recent than average)
    s = _summary([10, 20, 30], [1, 2, 3], [10.0, 20.0, 30.0])
    assert list(cv.rfm.rfm_segments(s, "cn8")["rfm_high_low"]) == ["100", "011", "011"]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: cv.rfm.rfm_scores(pd.DataFrame({"n_purchases": [1]})), "days_since_last"),
        (lambda: cv.rfm.rfm_scores(_summary([], [], [])), "empty"),
        (lambda: cv.rfm.rfm_scores(_summary([1, -2], [1, 1], [1.0, 1.0])), "negative"),
        (lambda: cv.rfm.rfm_scores(_summary([1, 2], [1, np.nan], [1.0, 1.0])), "n_purchases"),
        (lambda: cv.rfm.rfm_scores(_summary([1, 2], [1, 1], [1.0, 1.0]), bins=1), "bins"),
        (lambda: cv.rfm.rfm_segments(pd.DataFrame({"R": [1]}), "classic"), "'F'"),
        (lambda: cv.rfm.rfm_segments(pd.DataFrame({"R": [6], "F": [1]}), "classic"), "1 to 5"),
        (lambda: cv.rfm.rfm_segments(pd.DataFrame({"R": [1], "F": [1]}), "rfm9"), "scheme"),
    ],
)
def test_bad_input(call, message):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RFMTiesWarning)
        with pytest.raises(ValueError, match=message):
            call()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=80), st.integers(2, 7))
def test_scores_are_monotone_and_ties_equal(values, bins):
    series = pd.Series(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RFMTiesWarning)
        scores = quantile_scores(series, bins)
    assert scores.between(1, bins).all()
    order = np.argsort(values, kind="stable")
    assert (np.diff(scores.to_numpy()[order]) >= 0).all()
    for value in set(values):
        assert scores[series == value].nunique() == 1
