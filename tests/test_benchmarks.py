"""The benchmark's baseline does the same work as the library (so its ratio compares like with like)."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import customer_value as cv



def _benchmark_module(root: Path, name: str):
    """A module of benchmarks/ loaded from its file (benchmarks is not installed; sys.path stays as it is)."""
    spec = importlib.util.spec_from_file_location(f"benchmarks.{name}", root / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vectorised_summary_and_scores_equal_the_groupby_apply_baseline(root):
    naive_rfm = _benchmark_module(root, "naive_rfm").naive_rfm
    rng = np.random.default_rng(7)
    n = 3000
    log = pd.DataFrame(
        {
            "customer_id": rng.integers(0, 400, n),
            "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D"),
            "amount": rng.gamma(2.0, 20.0, n).round(2),
        }
    )
    end = "2024-12-31"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = cv.rfm_scores(cv.summarize(log, observation_end=end)).join(cv.summarize(log, observation_end=end)[["frequency", "recency", "T", "monetary_value"]])
        baseline = naive_rfm(log, end)
    for column in ["frequency", "recency", "T", "days_since_last", "n_purchases", "R", "F", "M"]:
        assert (ours[column].to_numpy() == baseline[column].to_numpy()).all(), column
    np.testing.assert_allclose(ours["total_spend"], baseline["total_spend"])
    np.testing.assert_allclose(ours["monetary_value"], baseline["monetary_value"])
