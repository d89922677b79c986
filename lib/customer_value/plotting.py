"""Charts the lessons draw; :func:`use_cjk_font` (from :mod:`customer_value.cjk`) makes Chinese labels render.

matplotlib is imported inside the functions, so ``import customer_value`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .cjk import use_cjk_font  # noqa: F401  (re-exported: cv.plotting.use_cjk_font)
from .clv import ArrayLike, discount_factors
from .i18n import get_language
from .i18n import gettext as _
from ._validation import as_array

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "use_cjk_font",
    "plot_value_stream",
    "plot_word_of_mouth",
    "plot_margin_multiple",
    "plot_pareto",
    "plot_lorenz",
    "plot_rfm_heatmap",
    "plot_tracking",
    "plot_p_alive",
    "plot_value_radar",
    "plot_dwyer",
    "plot_value_matrix",
    "plot_pyramid",
    "plot_personality_profile",
]


def _chinese() -> bool:
    """True when the library speaks Chinese: charts then show only the Chinese of bilingual content."""
    return get_language() == "zh-CN"


def _axes(ax: "Axes | None", figsize: tuple[float, float] = (7, 4)) -> "Axes":
    import matplotlib.pyplot as plt

    if ax is None:
        _figure, ax = plt.subplots(figsize=figsize)
    return ax


def plot_value_stream(
    cash_flows: ArrayLike, discount_rate: float, timing: str = "end", ax: "Axes | None" = None
) -> "Axes":
    """Bars of each period's cash flow, nominal and discounted, and the cumulative present value.

    Shows narrow (狭义, undiscounted) against broad (广义, discounted) CLV period by period.
    """
    flows = as_array(cash_flows, "cash_flows")
    present = flows * discount_factors(discount_rate, len(flows), timing)
    ax = _axes(ax)
    period = np.arange(1, len(flows) + 1)
    ax.bar(period - 0.2, flows, width=0.4, label=_("名义值 nominal"))
    ax.bar(period + 0.2, present, width=0.4, label=_("折现值 discounted"))
    twin = ax.twinx()
    twin.plot(period, np.cumsum(present), color="black", marker="o", label=_("累计现值 cumulative PV"))
    twin.set_ylabel(_("累计现值 cumulative present value"))
    twin.set_ylim(bottom=min(0.0, float(np.min(np.cumsum(present)))))
    ax.set_xlabel(_("期 period"))
    ax.set_ylabel(_("现金流 cash flow"))
    ax.set_title(_("客户价值流 Value stream (d = {rate})").format(rate=f"{discount_rate:.0%}"))
    handles, labels = ax.get_legend_handles_labels()
    more_handles, more_labels = twin.get_legend_handles_labels()
    ax.legend(handles + more_handles, labels + more_labels, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize="small")
    return ax


def plot_word_of_mouth(table: pd.DataFrame, ax: "Axes | None" = None) -> "Axes":
    """Stacked bars of a customer's own value and word-of-mouth value, per scenario (表1-6)."""
    missing = {"own_value", "word_of_mouth_value", "total_impact", "scenario_zh"} - set(table.columns)
    if missing:
        raise ValueError(_("table is missing columns {missing}; pass the result of word_of_mouth()").format(missing=sorted(missing)))
    ax = _axes(ax)
    labels = [zh if _chinese() else f"{zh}\n{en}" for zh, en in zip(table["scenario_zh"], table.index)]
    ax.bar(labels, table["own_value"], label=_("自身价值 own value"))
    ax.bar(labels, table["word_of_mouth_value"], bottom=table["own_value"], label=_("口碑价值 word of mouth"))
    for x, total in enumerate(table["total_impact"]):
        ax.annotate(f"{total:,.0f}", (x, total), xytext=(0, 4 if total >= 0 else -4), textcoords="offset points",
                    ha="center", va="bottom" if total >= 0 else "top")
    # Headroom for the value labels, off the frame (margins() cannot: the stacked bars' bottoms are sticky).
    ends = pd.concat([table["own_value"], table["own_value"] + table["word_of_mouth_value"], table["total_impact"]])
    low, high = min(0.0, float(ends.min())), max(0.0, float(ends.max()))
    pad = 0.15 * ((high - low) or 1.0)
    ax.set_ylim(low - pad if low < 0 else 0.0, high + pad)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel(_("价值变化 value change"))
    ax.set_title(_("一位客户的总影响 Total impact of one customer"))
    ax.legend(fontsize="small")
    return ax


def plot_margin_multiple(table: pd.DataFrame, ax: "Axes | None" = None) -> "Axes":
    """Lines of the margin multiple against retention, one line per discount rate.

    ``table``: retention rates as index, discount rates as columns (as built in lesson 03).
    """
    ax = _axes(ax)
    for rate in table.columns:
        ax.plot(table.index, table[rate], marker="o", label=f"d = {float(rate):.0%}")
    ax.set_xlabel(_("保持率 retention rate r"))
    ax.set_ylabel(_("利润乘数 margin multiple r/(1+d−r)"))
    ax.set_title(_("保持率越高，客户越值钱 Higher retention, higher value"))
    ax.legend(title=_("折现率 discount"), fontsize="small")
    return ax


def plot_pareto(values, ax: "Axes | None" = None, top: float = 0.20) -> "Axes":
    """Pareto chart: cumulative share of value against share of customers, with the 80/20 mark."""
    from .tiers import pareto_table, top_share

    table = pareto_table(values)
    ax = _axes(ax)
    ax.plot(np.concatenate([[0], table["customer_share"]]), np.concatenate([[0], table["cumulative_share"]]), label=_("累计价值占比 cumulative value share"))
    share = top_share(values, top)
    ax.axvline(top, color="grey", linestyle="--")
    ax.axhline(share, color="grey", linestyle="--")
    note = _("top {top} → {share} of value").format(top=f"{top:.0%}", share=f"{share:.0%}")
    if not _chinese():  # the English edition shows both languages
        note = f"前 {top:.0%} 客户 → {share:.0%} 价值\n{note}"
    ax.annotate(note, (top, share), xytext=(top + 0.05, share - 0.2))
    ax.set_xlabel(_("客户占比（按价值从高到低）share of customers, most valuable first"))
    ax.set_ylabel(_("价值占比 share of value"))
    ax.set_title(_("二八法则检验 Pareto (80/20) check"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    return ax


def plot_lorenz(values, ax: "Axes | None" = None) -> "Axes":
    """Lorenz curve of value across customers, with the line of equality and the Gini coefficient."""
    from .tiers import gini, lorenz_curve

    curve = lorenz_curve(values)
    ax = _axes(ax, figsize=(5, 5))
    ax.plot(curve["customer_share"], curve["value_share"], label=_("洛伦兹曲线 Lorenz curve"))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", label=_("完全平均 equality"))
    ax.fill_between(curve["customer_share"], curve["value_share"], curve["customer_share"], alpha=0.15)
    ax.set_xlabel(_("客户累计占比（价值从低到高）share of customers, least valuable first"))
    ax.set_ylabel(_("价值累计占比 share of value"))
    ax.set_title(_("基尼系数 Gini = {gini}").format(gini=f"{gini(values):.2f}"))
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_rfm_heatmap(scores: pd.DataFrame, value: str = "total_spend", ax: "Axes | None" = None) -> "Axes":
    """Heat map of R (rows) × F (columns): mean ``value`` per cell, customer counts annotated."""
    for name in ("R", "F", value):
        if name not in scores.columns:
            raise ValueError(_("scores has no column {name!r}; pass the result of rfm_scores").format(name=name))
    grid = scores.pivot_table(index="R", columns="F", values=value, aggfunc="mean")
    counts = scores.pivot_table(index="R", columns="F", values=value, aggfunc="size")
    ax = _axes(ax, figsize=(6, 5))
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="YlOrRd", origin="lower", aspect="auto")
    ax.set_xticks(range(len(grid.columns)), [str(c) for c in grid.columns])
    ax.set_yticks(range(len(grid.index)), [str(r) for r in grid.index])
    for i in range(len(grid.index)):
        for j in range(len(grid.columns)):
            mean = grid.iat[i, j]
            if not np.isnan(mean):
                ax.text(j, i, f"{mean:,.0f}\n(n={int(counts.iat[i, j])})", ha="center", va="center", fontsize="small")
    ax.figure.colorbar(image, ax=ax, label=_("平均 mean {value}").format(value=value))
    ax.set_xlabel(_("F 频次得分 frequency score"))
    ax.set_ylabel(_("R 近度得分 recency score"))
    ax.set_title(_("R × F 客户地图 customer map"))
    return ax


def plot_tracking(table: pd.DataFrame, calibration_weeks: float | None = None, ax: "Axes | None" = None) -> "Axes":
    """Cumulative repeat transactions, actual vs model (a table from btyd.tracking_table)."""
    for name in ("actual", "model"):
        if name not in table.columns:
            raise ValueError(_("table has no column {name!r}; pass the result of btyd.tracking_table").format(name=name))
    ax = _axes(ax, figsize=(8, 4))
    ax.plot(table.index, table["actual"], color="black", label=_("实际 actual"))
    ax.plot(table.index, table["model"], color="tab:red", linestyle="--", label=_("模型 BG/NBD model"))
    if calibration_weeks is not None:
        ax.axvline(calibration_weeks, color="grey", linestyle=":")
        ax.annotate(_("校准期 | 验证期\ncalibration | holdout"), (calibration_weeks, table["actual"].max() * 0.1), ha="center")
    ax.set_xlabel(_("周 week"))
    ax.set_ylabel(_("累计重复购买 cumulative repeat transactions"))
    ax.set_title(_("跟踪图 Tracking plot"))
    ax.legend(loc="upper left")
    return ax


def plot_p_alive(model, T: float, max_frequency: int = 20, ax: "Axes | None" = None) -> "Axes":
    """Heat map of P(alive) over frequency (rows) × recency (columns) for customers of age T."""
    recency = np.linspace(0, T, 40)
    frequency = np.arange(0, max_frequency + 1)
    grid = np.array([model.p_alive(np.full_like(recency, x), np.where(x == 0, 0.0, recency), np.full_like(recency, T)) for x in frequency])
    ax = _axes(ax, figsize=(7, 5))
    image = ax.imshow(grid, origin="lower", aspect="auto", cmap="RdYlGn", vmin=0, vmax=1, extent=(0, T, -0.5, max_frequency + 0.5))
    ax.figure.colorbar(image, ax=ax, label=_("P(仍活跃 alive)"))
    ax.set_xlabel(_("近度 recency t_x (T = {T})").format(T=f"{T:g}"))
    ax.set_ylabel(_("频次 frequency x"))
    ax.set_title(_("客户仍活跃的概率 Probability a customer is still alive"))
    return ax


def plot_value_radar(components: pd.DataFrame, ax: "Axes | None" = None) -> "Axes":
    """Radar (spider) chart of value and cost components, one polygon per offer.

    ``components``: one row per offer, one column per component (as for
    :func:`customer_value.evaluation.compare_offers`); column names from
    :data:`customer_value.evaluation.COMPONENT_LABELS` get bilingual labels.
    """
    import matplotlib.pyplot as plt

    from .evaluation import COMPONENT_LABELS

    if not isinstance(components, pd.DataFrame) or components.empty or components.shape[1] < 3:
        raise ValueError(_("components must be a DataFrame with one row per offer and at least 3 component columns"))
    if ax is None:
        _figure, ax = plt.subplots(figsize=(6, 6), subplot_kw={"projection": "polar"})
    angles = np.linspace(0, 2 * np.pi, components.shape[1], endpoint=False)
    closed = np.concatenate([angles, angles[:1]])
    for offer, row in components.iterrows():
        values = row.to_numpy(dtype=float)
        ax.plot(closed, np.concatenate([values, values[:1]]), marker="o", label=str(offer))
        ax.fill(closed, np.concatenate([values, values[:1]]), alpha=0.12)
    labels = [component_label(c) if _chinese() else "\n".join(COMPONENT_LABELS.get(str(c), str(c)).rsplit(" ", 1)) for c in components.columns]
    ax.set_xticks(angles, labels, fontsize="small")
    ax.set_rlabel_position(float(np.degrees(angles[1])) / 2)  # radial numbers between the first two spokes
    ax.set_title(_("价值与成本构成 Value and cost components"), pad=20)
    ax.legend(loc="upper right", bbox_to_anchor=(1.3, 1.1), fontsize="small")
    return ax


def component_label(code) -> str:
    """The label of a value or cost component (Kotler) in the library's language.

    English: the bilingual label of :data:`customer_value.evaluation.COMPONENT_LABELS`
    ("product value 产品价值"); Chinese: its Chinese part only. Unknown codes stay as they are.
    """
    from . import _content
    from .evaluation import COMPONENT_LABELS

    names = _content.load("segments")["value_components"].get(str(code))
    if names is None:
        return str(code)
    return names["zh"] if _chinese() else COMPONENT_LABELS[str(code)]


def _align_zeros(left: "Axes", right: "Axes") -> None:
    """Set both y ranges so that 0 sits at the same height on the two axes of a twin chart."""
    (low1, high1), (low2, high2) = left.get_ylim(), right.get_ylim()
    low1, low2 = min(low1, 0.0), min(low2, 0.0)
    high1, high2 = max(high1, 0.0), max(high2, 0.0)
    below = max(-low1 / (high1 - low1), -low2 / (high2 - low2))  # share of the height under 0
    if below >= 1:
        left.set_ylim(low1, 0.0)
        right.set_ylim(low2, 0.0)
        return
    left.set_ylim(-below * high1 / (1 - below), high1)
    right.set_ylim(-below * high2 / (1 - below), high2)


def plot_dwyer(table: pd.DataFrame, ax: "Axes | None" = None) -> "Axes":
    """Bars of each period's discounted profit and the line of cumulative NPV per initial customer.

    ``table``: the result of :func:`customer_value.cohort.dwyer_table`.
    """
    missing = {"npv", "clv_per_customer"} - set(table.columns)
    if missing:
        raise ValueError(_("table is missing columns {missing}; pass the result of dwyer_table()").format(missing=sorted(missing)))
    ax = _axes(ax)
    period = np.asarray(table.index)
    ax.bar(period, table["npv"], color="tab:blue", alpha=0.7, label=_("每期净现值 NPV of the period"))
    ax.set_xlabel(_("期 period"))
    ax.set_ylabel(_("净现值 NPV"))
    twin = ax.twinx()
    twin.plot(period, table["clv_per_customer"], color="black", marker="o", label=_("每位客户累计价值 CLV per customer"))
    _align_zeros(ax, twin)
    ax.axhline(0, color="grey", linewidth=0.8)
    twin.set_ylabel(_("每位客户累计净现值 cumulative NPV per customer"))
    ax.set_title(_("DWYER 客户群组价值 Cohort value by period"))
    handles, labels = ax.get_legend_handles_labels()
    more_handles, more_labels = twin.get_legend_handles_labels()
    ax.legend(handles + more_handles, labels + more_labels, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize="small")
    return ax


def plot_value_matrix(
    current_value,
    future_value,
    current_threshold: float | None = None,
    future_thresholds: tuple[float, float] | None = None,
    ax: "Axes | None" = None,
) -> "Axes":
    """Scatter of customers by current × future value, coloured by class A–F, with the cut lines.

    Same arguments as :func:`customer_value.tiers.value_matrix` (whose classes it draws).
    """
    from .tiers import VALUE_CLASSES, value_matrix

    current = as_array(current_value, "current_value")
    future = as_array(future_value, "future_value")
    classes = value_matrix(current, future, current_threshold, future_thresholds).to_numpy()
    cut = float(np.mean(current)) if current_threshold is None else float(current_threshold)
    if future_thresholds is None:
        future_thresholds = tuple(float(q) for q in np.quantile(future, [1 / 3, 2 / 3]))
    ax = _axes(ax, figsize=(7, 5))
    for name in VALUE_CLASSES:
        chosen = classes == name
        if chosen.any():
            ax.scatter(current[chosen], future[chosen], s=14, alpha=0.7, label=f"{name} ({int(chosen.sum())})")
    ax.axvline(cut, color="grey", linestyle="--")
    for level in future_thresholds:
        ax.axhline(level, color="grey", linestyle=":")
    ax.set_xlabel(_("目前价值 current value"))
    ax.set_ylabel(_("未来价值 future value"))
    ax.set_title(_("客户分级 A–F: 目前价值 × 未来价值 Current × future value"))
    ax.legend(title=_("类别 class"), fontsize="small", loc="center left", bbox_to_anchor=(1.02, 0.5))
    return ax


def plot_pyramid(tiers: pd.Series, profits=None, ax: "Axes | None" = None) -> "Axes":
    """The customer pyramid: one band per tier (platinum at the top), with customers and profit share.

    ``tiers``: the result of :func:`customer_value.tiers.customer_pyramid`; ``profits`` (same
    order) adds each tier's share of total profit to its label.
    """
    from .tiers import PYRAMID_TIERS

    names = list(PYRAMID_TIERS)
    values = np.asarray(tiers, dtype=object)
    unknown = set(values) - set(names)
    if unknown:
        raise ValueError(_("tiers has unknown tier(s) {unknown}; pass the result of customer_pyramid()").format(unknown=sorted(unknown)))
    profit = None if profits is None else as_array(profits, "profits")
    if profit is not None and len(profit) != len(values):
        raise ValueError(_("profits has {n_profits} values but tiers has {n_tiers}").format(n_profits=len(profit), n_tiers=len(values)))
    ax = _axes(ax, figsize=(7, 5))
    colours = {"platinum": "#b8c4d6", "gold": "#e6c35c", "iron": "#8a8d91", "lead": "#4d5359"}
    for level, name in enumerate(names):
        width = 1.0 - 0.22 * (len(names) - 1 - level)  # lead at the bottom is widest
        y = len(names) - 1 - level
        ax.barh(y, width, left=(1 - width) / 2, color=colours[name], edgecolor="white")
        count = int((values == name).sum())
        shown = PYRAMID_TIERS[name]["zh"] if _chinese() else f"{PYRAMID_TIERS[name]['zh']} {name}"
        label = f"{shown}: {count} ({count / len(values):.0%})"
        if profit is not None:
            share = f"{profit[values == name].sum() / profit.sum():.0%}"
            label += "\n" + _("利润占比 profit share {share}").format(share=share)
        ax.text(0.5, y, label, ha="center", va="center", fontsize="small", color="black" if name != "lead" else "white")
    ax.set_yticks([])
    ax.set_xticks([])
    ax.set_xlim(0, 1)
    ax.set_title(_("客户金字塔 The customer pyramid (Zeithaml, Rust & Lemon 2001)"))
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    return ax


def plot_personality_profile(profile: pd.DataFrame, ax: "Axes | None" = None) -> "Axes":
    """The PDP profile chart of course material 000 (实训1, 性格分析; docs/references.md): one line per perspective across the five types.

    ``profile``: the result of :func:`customer_value.personality.profile` (rows the type codes,
    columns the perspectives natural 天生 / work 工作中 / others 别人眼中). The y axis is the
    type score, 6–30 (the seed's own chart uses a −100…150 scale it does not explain).
    """
    from .personality import PERSPECTIVE_NAMES, SCORE_RANGE, TYPE_NAMES, TYPES

    if not isinstance(profile, pd.DataFrame) or list(profile.index) != list(TYPES):
        raise ValueError(_("profile must be a DataFrame indexed by {types}; pass the result of personality.profile()").format(types=list(TYPES)))
    unknown = [c for c in profile.columns if c not in PERSPECTIVE_NAMES]
    if unknown or profile.empty:
        raise ValueError(_("profile has unknown perspective column(s) {unknown}; use {perspectives}").format(unknown=unknown, perspectives=list(PERSPECTIVE_NAMES)))
    ax = _axes(ax)
    x = np.arange(len(TYPES))
    styles = {"natural": ("o", "-"), "work": ("s", "--"), "others": ("^", ":")}
    for perspective in profile.columns:
        marker, line = styles[perspective]
        names = PERSPECTIVE_NAMES[perspective]
        ax.plot(x, profile[perspective].to_numpy(dtype=float), marker=marker, linestyle=line, label=names["zh"] if _chinese() else f"{names['zh']} {names['en']}")
    ax.set_xticks(x, [TYPE_NAMES[t]["zh"] if _chinese() else f"{TYPE_NAMES[t]['zh']}\n{TYPE_NAMES[t]['en']}" for t in TYPES])
    ax.set_ylim(SCORE_RANGE[0] - 1, SCORE_RANGE[1] + 1)
    ax.set_yticks(range(SCORE_RANGE[0], SCORE_RANGE[1] + 1, 6))
    ax.grid(axis="y", alpha=0.3)
    ax.set_ylabel(_("得分 score ({low}–{high})").format(low=SCORE_RANGE[0], high=SCORE_RANGE[1]))
    ax.set_title(_("性格分析 PDP personality profile"))
    ax.legend(fontsize="small")
    return ax
