"""Benchmark: BG/NBD and Gamma-Gamma fits against peer packages, on CDNOW and a large simulated set.

Peers, each timed on the same data if it can be imported (else reported as not installed / failing):
  * lifetimes      — `BetaGeoFitter`, `GammaGammaFitter` (maximum likelihood);
  * btyd           — the lifetimes fork's `BetaGeoFitter`, `GammaGammaFitter`;
  * pymc_marketing — `clv.BetaGeoModel`, `clv.GammaGammaModel` with flat (HalfFlat) priors, fitted by
                     `fit(method="map")`, whose maximum a posteriori is then the maximum likelihood.
A peer that needs another interpreter (pymc-marketing pulls in PyMC; btyd 0.1b3 needs Python < 3.10)
is run from it with ``--peer-python /path/to/python``: that interpreter runs this file with
``--as-peer`` on the data written to a temporary CSV (it needs numpy, pandas and the peer, not
customer_value) and reports its times and parameters as JSON.

Every implementation gets one untimed warm-up fit (imports, pymc's compilation), then ``--repeat``
timed fits; the table gives the median time, the ratio peer time / our time, and the largest relative
difference of the peer's parameters from ours ("3 s.f." when below 5e-4). Nothing is asserted.
Usage: python benchmarks/btyd_vs_peers.py [--customers 100000] [--repeat 5] [--peer-python PY ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

PEERS = ("lifetimes", "btyd", "pymc_marketing")
BG_NAMES, GG_NAMES = ("r", "alpha", "a", "b"), ("p", "q", "v")
MARKER = "PEER-RESULT "


def timed(function, repeat: int) -> tuple[float, list[float], object]:
    """One untimed warm-up call, then ``repeat`` timed calls: (median seconds, all times, last result)."""
    result = function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def _peer_fitters(name: str, module) -> dict[str, object]:
    """Per model, a function of the summary table returning the fitted parameters as a dict."""
    if name in ("lifetimes", "btyd"):
        def bg(s):
            fitted = module.BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])
            return {k: float(fitted.params_[k]) for k in BG_NAMES}

        def gg(s):
            repeaters = s[s["frequency"] > 0]
            fitted = module.GammaGammaFitter().fit(repeaters["frequency"], repeaters["monetary_value"])
            return {k: float(fitted.params_[k]) for k in GG_NAMES}

        return {"BG/NBD": bg, "Gamma-Gamma": gg}
    if name == "pymc_marketing":
        from pymc_marketing import clv

        try:
            from pymc_extras.prior import Prior
        except ImportError:  # older pymc-marketing
            from pymc_marketing.prior import Prior

        def bg(s):
            data = s[["frequency", "recency", "T"]].assign(customer_id=np.arange(len(s)))
            model = clv.BetaGeoModel(data, model_config={k: Prior("HalfFlat") for k in BG_NAMES})
            model.fit(method="map", progressbar=False)
            return {k: float(model.idata.posterior[k].values.ravel()[0]) for k in BG_NAMES}

        def gg(s):
            repeaters = s[s["frequency"] > 0]
            data = repeaters[["frequency", "monetary_value"]].assign(customer_id=np.arange(len(repeaters)))
            model = clv.GammaGammaModel(data, model_config={k: Prior("HalfFlat") for k in GG_NAMES})
            model.fit(method="map", progressbar=False)
            return {k: float(model.idata.posterior[k].values.ravel()[0]) for k in GG_NAMES}

        return {"BG/NBD": bg, "Gamma-Gamma": gg}
    raise ValueError(name)


def run_peers(summary: pd.DataFrame, repeat: int) -> list[dict]:
    """Time every peer importable in this interpreter; a missing or failing peer gives an error row."""
    rows = []
    python = f"{sys.executable} (Python {sys.version.split()[0]})"
    for name in PEERS:
        base = {"implementation": name, "python": python}
        if importlib.util.find_spec(name) is None:
            rows.append({**base, "model": "both", "error": "not installed"})
            continue
        try:
            module = __import__(name)
            version = getattr(module, "__version__", "?")
            fitters = _peer_fitters(name, module)
        except Exception as exc:  # noqa: BLE001 - report why the peer cannot run, go on
            rows.append({**base, "model": "both", "error": f"cannot import: {type(exc).__name__}: {exc}"[:300]})
            continue
        for model, fit in fitters.items():
            try:
                seconds, times, params = timed(lambda: fit(summary), repeat)
                rows.append({**base, "implementation": f"{name} {version}", "model": model, "seconds": seconds, "times": times, "params": params})
            except Exception as exc:  # noqa: BLE001
                rows.append({**base, "model": model, "error": f"{type(exc).__name__}: {exc}"[:300]})
    return rows


def run_peers_elsewhere(python: str, summary: pd.DataFrame, repeat: int) -> list[dict]:
    """Run :func:`run_peers` in another interpreter on the same data (written to a temporary CSV)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summary.csv"
        summary[["frequency", "recency", "T", "monetary_value"]].to_csv(path, index=False)
        try:
            done = subprocess.run(
                [python, __file__, "--as-peer", str(path), "--repeat", str(repeat)],
                capture_output=True, text=True, timeout=3600,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [{"implementation": "(peer interpreter)", "python": python, "model": "both", "error": f"{type(exc).__name__}: {exc}"}]
    rows = [json.loads(line[len(MARKER):]) for line in done.stdout.splitlines() if line.startswith(MARKER)]
    rows = [row for row in rows if row.get("error") != "not installed"] or rows  # only what that interpreter has
    if not rows:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        rows = [{"implementation": "(peer interpreter)", "python": python, "model": "both", "error": f"exit {done.returncode}: {tail}"[:300]}]
    return rows


def ours(summary: pd.DataFrame, repeat: int) -> list[dict]:
    from customer_value import btyd

    x, t_x, big_t, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"]
    rows = []
    for model, fit in (
        ("BG/NBD", lambda: btyd.BetaGeoModel().fit(x, t_x, big_t)),
        ("Gamma-Gamma", lambda: btyd.GammaGammaModel().fit(x, m)),
    ):
        seconds, times, fitted = timed(fit, repeat)
        rows.append({"implementation": "customer_value", "python": sys.executable, "model": model, "seconds": seconds, "times": times,
                     "params": dict(fitted.params_), "log_likelihood": fitted.log_likelihood_})
    return rows


def report(label: str, summary: pd.DataFrame, rows: list[dict]) -> None:
    print(f"\n## {label}: {len(summary):,} customers, {(summary['frequency'] > 0).sum():,} repeat buyers")
    print("| model | implementation | median fit time (s) | runs | ratio (peer / ours) | parameters | max rel. diff. from ours |")
    print("|---|---|---|---|---|---|---|")
    mine = {row["model"]: row for row in rows if row["implementation"] == "customer_value"}
    for row in sorted(rows, key=lambda r: (r["model"], r["implementation"] != "customer_value")):
        if "error" in row:
            print(f"| {row['model']} | {row['implementation']} ({row['python']}) | – | – | – | {row['error']} | – |")
            continue
        reference = mine[row["model"]]
        shown = ", ".join(f"{k}={v:.5g}" for k, v in row["params"].items())
        if row is reference:
            ratio, agreement = "1.0×", f"LL {row['log_likelihood']:.3f}"
        else:
            ratio = f"{row['seconds'] / reference['seconds']:.1f}×"
            diff = max(abs(row["params"][k] / reference["params"][k] - 1) for k in reference["params"])
            agreement = f"{diff:.1e}" + (" (3 s.f.)" if diff < 5e-4 else "")
        print(f"| {row['model']} | {row['implementation']} | {row['seconds']:.4f} | {len(row['times'])} | {ratio} | {shown} | {agreement} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--peer-python", action="append", default=[], help="another interpreter to run peers from (repeatable)")
    parser.add_argument("--as-peer", metavar="CSV", help=argparse.SUPPRESS)  # internal: run peers on CSV, print JSON rows
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.as_peer:
        for row in run_peers(pd.read_csv(args.as_peer), args.repeat):
            print(MARKER + json.dumps(row), flush=True)
        return

    import customer_value as cv

    data_sets = [
        ("CDNOW (39-week calibration)", cv.load_cdnow_summary()),
        (f"simulated course company ({args.customers:,} customers)",
         cv.summarize(cv.simulate.simulate_transactions(n_customers=args.customers, seed=8), freq="W")),
    ]
    for label, summary in data_sets:
        rows = ours(summary, args.repeat) + run_peers(summary, args.repeat)
        for python in args.peer_python:
            rows += run_peers_elsewhere(python, summary, args.repeat)
        report(label, summary, rows)
    print("\npublished CDNOW: BG/NBD r=0.2426, alpha=4.414, a=0.7930, b=2.426, LL=-9582.43; Gamma-Gamma p=6.25, q=3.74, v=15.44")


if __name__ == "__main__":
    main()
