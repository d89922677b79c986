"""Benchmark: BG/NBD and Gamma-Gamma fits against peer packages, on CDNOW and a large simulated set.

Peers, timed in the same run on the same data (each only if it is installed):
  * lifetimes — `BetaGeoFitter`, `GammaGammaFitter` (lifetimes 0.11.3);
  * btyd     — the lifetimes fork's `BetaGeoFitter`, `GammaGammaFitter`.
Prints, per data set: parameters side by side (agreement to 3 significant figures) and the median fit time
of each implementation with its ratio to ours (peer time / our time). Nothing is asserted.
Usage: python benchmarks/btyd_vs_peers.py [--customers 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
import warnings

import numpy as np
import pandas as pd

import customer_value as cv
from customer_value import btyd


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peers() -> dict[str, object]:
    found = {}
    for name in ("lifetimes", "btyd"):
        if importlib.util.find_spec(name):
            found[name] = __import__(name)
    return found


def bench(label: str, summary: pd.DataFrame, repeat: int) -> None:
    x, t_x, big_t, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"]
    rows = {}
    seconds, model = timed(lambda: btyd.BetaGeoModel().fit(x, t_x, big_t), repeat)
    rows["customer_value BG/NBD"] = (seconds, model.params_)
    seconds, model = timed(lambda: btyd.GammaGammaModel().fit(x, m), repeat)
    rows["customer_value Gamma-Gamma"] = (seconds, model.params_)
    repeaters = summary[summary["frequency"] > 0]
    for name, module in peers().items():
        try:
            seconds, fitted = timed(lambda: module.BetaGeoFitter().fit(x, t_x, big_t), repeat)
            rows[f"{name} BG/NBD"] = (seconds, dict(zip(("r", "alpha", "a", "b"), fitted.params_[["r", "alpha", "a", "b"]])))
            seconds, fitted = timed(
                lambda: module.GammaGammaFitter().fit(repeaters["frequency"], repeaters["monetary_value"]), repeat
            )
            rows[f"{name} Gamma-Gamma"] = (seconds, dict(zip(("p", "q", "v"), fitted.params_[["p", "q", "v"]])))
        except Exception as exc:  # report a peer that fails, keep going
            rows[f"{name} (failed)"] = (float("nan"), {"error": f"{type(exc).__name__}: {exc}"[:120]})
    print(f"\n## {label}: {len(summary):,} customers, {(summary['frequency'] > 0).sum():,} repeat buyers")
    print("| implementation | median fit time (s) | ratio to ours | parameters |\n|---|---|---|---|")
    for name, (seconds, params) in rows.items():
        ours = rows["customer_value " + ("Gamma-Gamma" if "Gamma" in name else "BG/NBD")][0]
        shown = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in params.items())
        print(f"| {name} | {seconds:.3f} | {seconds / ours:.1f}× | {shown} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    bench("CDNOW (39-week calibration)", cv.load_cdnow_summary(), args.repeat)
    log = cv.simulate.simulate_transactions(n_customers=args.customers, seed=8)
    bench("simulated course company", cv.summarize(log, freq="W"), max(1, args.repeat // 2))
    print("\npublished CDNOW: BG/NBD r=0.2426, alpha=4.414, a=0.7930, b=2.426; Gamma-Gamma p=6.25, q=3.74, v=15.44")


if __name__ == "__main__":
    main()
