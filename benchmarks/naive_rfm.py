"""A straightforward groupby-apply implementation of summarize + RFM scores: the baseline peer.

What a careful analyst writes first: one Python function call per customer. It follows the
same conventions as customer_value.transactions.summarize and rfm.rfm_scores, so the
benchmark compares equal work (tests/test_benchmarks.py checks that both give equal results).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _one_customer(group: pd.DataFrame, end: pd.Timestamp) -> pd.Series:
    by_day = group.groupby("date")["amount"].sum().sort_index()
    first, last = by_day.index[0], by_day.index[-1]
    frequency = len(by_day) - 1
    return pd.Series(
        {
            "frequency": frequency,
            "recency": (last - first).days,
            "T": (end - first).days,
            "monetary_value": by_day.iloc[1:].mean() if frequency > 0 else 0.0,
            "days_since_last": (end - last).days,
            "n_purchases": len(group),
            "total_spend": group["amount"].sum(),
        }
    )


def _score(values: pd.Series, bins: int, higher_is_better: bool) -> pd.Series:
    ranked = values if higher_is_better else -values
    return (1 + np.floor(bins * (ranked.rank(method="min") - 1) / len(values))).astype(int)


def naive_rfm(log: pd.DataFrame, observation_end, bins: int = 5) -> pd.DataFrame:
    """Per-customer summary and R, F, M scores with groupby().apply (one call per customer)."""
    log = log.assign(date=pd.to_datetime(log["date"]).dt.normalize())
    end = pd.Timestamp(observation_end)
    summary = log.groupby("customer_id")[["date", "amount"]].apply(_one_customer, end=end)
    summary["R"] = _score(summary["days_since_last"], bins, higher_is_better=False)
    summary["F"] = _score(summary["n_purchases"], bins, higher_is_better=True)
    summary["M"] = _score(summary["total_spend"], bins, higher_is_better=True)
    return summary
