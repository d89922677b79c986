"""Benchmark: transactions.summarize + rfm.rfm_scores on a large simulated log, against peers.

Peers, timed in the same run on the same data:
  * naive   — a straightforward groupby().apply implementation (benchmarks/naive_rfm.py), the
              code an analyst writes first; same conventions, same results (tests/test_benchmarks.py);
  * lifetimes — `lifetimes.utils.summary_data_from_transaction_data` (the frequency/recency/T/
              monetary summary only), if the package is installed (`make bench` installs it);
  * rfm     — the `rfm` package's `RFM(...)` scores and segments, if installed.

Results are ratios (peer time / our time); the closing notes quote them. Nothing is asserted.
Usage: python benchmarks/rfm_throughput.py [--rows 1000000] [--repeat 3]
(or python -m benchmarks.rfm_throughput from the repository root)
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
import warnings

import pandas as pd

import customer_value as cv

if __package__:  # python -m benchmarks.rfm_throughput, or imported from the benchmarks package
    from .naive_rfm import naive_rfm
else:  # python benchmarks/rfm_throughput.py: the script's folder is first on sys.path
    from naive_rfm import naive_rfm


def make_log(rows: int, seed: int = 1) -> pd.DataFrame:
    """About ``rows`` transactions from the course company's simulator (BG/NBD purchases, gamma spend)."""
    from customer_value import simulate

    log = simulate.simulate_transactions(target_rows=rows, seed=seed)
    return log[["customer_id", "date", "amount"]]


def timed(function, repeat: int) -> float:
    """Median wall time of ``repeat`` calls, seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-repeat", type=int, default=1, help="the baseline is slow: time it fewer times")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    log = make_log(args.rows)
    end = log["date"].max()
    print(f"log: {len(log):,} transactions, {log['customer_id'].nunique():,} customers, "
          f"{log['date'].min():%Y-%m-%d} to {end:%Y-%m-%d}")

    def ours():
        return cv.rfm_scores(cv.summarize(log, observation_end=end))

    results = {"customer_value (summarize + rfm_scores)": timed(ours, args.repeat)}
    results["naive groupby-apply"] = timed(lambda: naive_rfm(log, end), args.naive_repeat)
    if importlib.util.find_spec("lifetimes"):
        from lifetimes.utils import summary_data_from_transaction_data

        results["lifetimes summary_data_from_transaction_data"] = timed(
            lambda: summary_data_from_transaction_data(log, "customer_id", "date", "amount", observation_period_end=end),
            args.repeat,
        )
    failures = {}
    if importlib.util.find_spec("rfm"):
        from rfm import RFM

        try:
            results["rfm package RFM(...)"] = timed(lambda: RFM(log, "customer_id", "date", "amount"), args.repeat)
        except Exception as exc:  # a peer that does not run on this pandas is reported, not fatal
            failures["rfm package RFM(...)"] = f"{type(exc).__name__}: {exc}"

    base = results["customer_value (summarize + rfm_scores)"]
    print("\n| implementation | median time (s) | ratio to customer_value |\n|---|---|---|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.2f} | {seconds / base:.1f}× |")
    for name, error in failures.items():
        print(f"| {name} | failed: {error} (pandas {pd.__version__}) | — |")


if __name__ == "__main__":
    main()
