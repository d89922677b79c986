"""Interactive calculators the lessons embed (ipywidgets, imported lazily)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validation import as_number, check_whole
from .clv import discounted_clv, simple_clv, word_of_mouth
from .i18n import get_language
from .i18n import gettext as _

__all__ = [
    "DEFAULT_OFFERS",
    "PersonalityQuestionnaire",
    "clv_calculator",
    "clv_calculator_table",
    "offer_comparison",
    "personality_questionnaire",
    "retention_profit_table",
    "retention_simulator",
]


def _chinese() -> bool:
    """True when the library speaks Chinese: widgets then show only the Chinese of bilingual texts."""
    return get_language() == "zh-CN"


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """A (measure, 指标) table as the widget shows it: in Chinese only the 指标 level, column 数值."""
    if not _chinese():
        return table
    return table.droplevel("measure").rename(columns={"value": _("value")})


def _side_by_side(controls: "widgets.VBox", output: "widgets.Output") -> "widgets.HBox":
    """Sliders left, results right; the sliders keep their width and the results wrap below on narrow screens."""
    import ipywidgets as widgets

    controls.layout = widgets.Layout(flex="0 0 auto")
    return widgets.HBox([controls, output], layout=widgets.Layout(flex_flow="row wrap"))


def clv_calculator_table(
    avg_purchase: float,
    purchases_per_year: float,
    years: int,
    discount_rate: float,
    told_if_satisfied: float,
    told_if_dissatisfied: float,
    conversion: float,
    dissatisfied_customer_leaves: bool = True,
) -> pd.DataFrame:
    """The numbers the CLV calculator shows, as a two-column (English, 中文) table of money values.

    Narrow CLV = spend × frequency × years; broad CLV discounts each year's spend
    (end of year) at ``discount_rate``; the word-of-mouth rows use the broad value as the value
    of a won or lost customer (module 03, 表1-6). The last row compares the two outcomes from the
    same starting point (no customer at all), so the customer's own value is counted once.
    """
    narrow = simple_clv(avg_purchase, purchases_per_year, years)
    yearly = [avg_purchase * purchases_per_year] * int(years)
    broad = discounted_clv(yearly, discount_rate)
    mouth = word_of_mouth(broad, told_if_satisfied, told_if_dissatisfied, conversion, dissatisfied_customer_leaves)
    rows = {
        ("narrow CLV", "狭义终身价值"): narrow,
        ("broad CLV (discounted)", "广义终身价值（折现）"): broad,
        ("satisfied: total impact", "满意客户总影响"): mouth.loc["satisfied", "total_impact"],
        ("dissatisfied: total impact", "不满意客户总影响"): mouth.loc["dissatisfied", "total_impact"],
        ("satisfied vs dissatisfied outcome", "满意与不满意结果之差"): _outcome_gap(mouth, broad),
    }
    index = pd.MultiIndex.from_tuples(list(rows), names=["measure", "指标"])
    return pd.DataFrame({"value": [round(v, 2) for v in rows.values()]}, index=index)


def _outcome_gap(mouth: pd.DataFrame, value: float) -> float:
    """Value of the satisfied outcome minus the dissatisfied one, both measured against no customer.

    ``total_impact`` of the dissatisfied row counts the customer's own value as a loss (against
    keeping the customer), so subtracting the two totals would count it twice.
    """
    satisfied = mouth.loc["satisfied", "total_impact"]
    dissatisfied_customer_stays = mouth.loc["dissatisfied", "own_value"] == 0
    dissatisfied = mouth.loc["dissatisfied", "word_of_mouth_value"] + (value if dissatisfied_customer_stays else 0.0)
    return float(satisfied - dissatisfied)


def clv_calculator():
    """Sliders for spend, frequency, years, discount rate, referrals and conversion.

    Redraws the value table (:func:`clv_calculator_table`) and a value-stream chart live.
    Returns the widget; display it as the last line of a cell.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from .plotting import plot_value_stream, use_cjk_font

    use_cjk_font()
    style = {"description_width": "190px"}
    layout = widgets.Layout(width="460px")
    controls = {
        "avg_purchase": widgets.FloatSlider(value=50, min=0, max=500, step=5, description=_("每次消费 spend / visit"), style=style, layout=layout),
        "purchases_per_year": widgets.IntSlider(value=52, min=1, max=365, description=_("每年次数 visits / year"), style=style, layout=layout),
        "years": widgets.IntSlider(value=10, min=1, max=30, description=_("关系年数 years"), style=style, layout=layout),
        "discount_rate": widgets.FloatSlider(value=0.10, min=0, max=0.30, step=0.01, readout_format=".0%", description=_("折现率 discount rate"), style=style, layout=layout),
        "told_if_satisfied": widgets.IntSlider(value=5, min=0, max=30, description=_("满意时告诉 told if happy"), style=style, layout=layout),
        "told_if_dissatisfied": widgets.IntSlider(value=10, min=0, max=30, description=_("不满时告诉 told if unhappy"), style=style, layout=layout),
        "conversion": widgets.FloatSlider(value=0.20, min=0, max=1, step=0.05, readout_format=".0%", description=_("转化率 conversion"), style=style, layout=layout),
        # max-content: the checkbox row is as wide as its text (the default 300 px cut it to "不满客户流…")
        "dissatisfied_customer_leaves": widgets.Checkbox(
            value=True, description=_("不满客户流失 unhappy customer leaves"), style=style, layout=widgets.Layout(width="max-content")
        ),
    }
    def redraw(**values):
        display(_shown(clv_calculator_table(**values)))
        yearly = [values["avg_purchase"] * values["purchases_per_year"]] * values["years"]
        _figure, ax = plt.subplots(figsize=(7, 3.5))
        plot_value_stream(yearly, values["discount_rate"], ax=ax)
        plt.show()

    output = widgets.interactive_output(redraw, controls)
    return _side_by_side(widgets.VBox(list(controls.values())), output)


def retention_profit_table(
    base_profit: float, profit_growth: float, years: int, retention: float, improvement: float, discount_rate: float
) -> pd.DataFrame:
    """Value of a new customer at two retention rates when profit grows with tenure (module 02).

    Year-t profit = base_profit × (1 + profit_growth)^(t−1), t = 1..years; values from
    :func:`customer_value.clv.retention_value_gain` (Reichheld & Sasser 1990).
    """
    from .clv import retention_value_gain

    base_profit = as_number(base_profit, "base_profit")
    profit_growth = as_number(profit_growth, "profit_growth")
    years = check_whole(years, "years", minimum=1)
    profits = [base_profit * (1 + profit_growth) ** t for t in range(years)]
    result = retention_value_gain(profits, retention, discount_rate, improvement)
    rows = {
        ("value of a new customer, now", "当前客户价值"): result["value_before"],
        ("value with better retention", "提高保持率后的价值"): result["value_after"],
        ("gain", "增幅"): result["gain"],
        ("expected years as a customer, now", "当前预期客户年数"): result["lifetime_before"],
        ("expected years, better retention", "提高后预期客户年数"): result["lifetime_after"],
    }
    index = pd.MultiIndex.from_tuples(list(rows), names=["measure", "指标"])
    return pd.DataFrame({"value": [round(v, 3) for v in rows.values()]}, index=index)


def retention_simulator():
    """Sliders for retention, its improvement, profit growth with tenure and the discount rate.

    Shows how much a 5-point retention gain adds to a customer's value (Reichheld & Sasser's
    "5 % more retention, 25–85 % more profit"), so students can test when the claim holds.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from .plotting import use_cjk_font

    use_cjk_font()
    style = {"description_width": "200px"}
    layout = widgets.Layout(width="470px")
    controls = {
        "base_profit": widgets.FloatSlider(value=100, min=10, max=1000, step=10, description=_("首年利润 year-1 profit"), style=style, layout=layout),
        "profit_growth": widgets.FloatSlider(value=0.10, min=0, max=0.5, step=0.01, readout_format=".0%", description=_("利润年增长 profit growth / year"), style=style, layout=layout),
        "years": widgets.IntSlider(value=20, min=1, max=40, description=_("计算年限 horizon (years)"), style=style, layout=layout),
        "retention": widgets.FloatSlider(value=0.80, min=0.0, max=0.94, step=0.01, readout_format=".0%", description=_("保持率 retention"), style=style, layout=layout),
        "improvement": widgets.FloatSlider(value=0.05, min=0.0, max=0.05, step=0.01, readout_format=".0%", description=_("保持率提高 improvement"), style=style, layout=layout),
        "discount_rate": widgets.FloatSlider(value=0.10, min=0, max=0.30, step=0.01, readout_format=".0%", description=_("折现率 discount rate"), style=style, layout=layout),
    }

    def redraw(**values):
        display(_shown(retention_profit_table(**values)))
        grid = np.linspace(0.5, 0.94, 45)
        gains = [
            retention_profit_table(**{**values, "retention": r, "improvement": min(values["improvement"], 0.99 - r)}).iloc[2, 0]
            for r in grid
        ]
        _figure, ax = plt.subplots(figsize=(7, 3.5))
        ax.plot(grid, np.array(gains) * 100)
        ax.axhspan(25, 85, color="orange", alpha=0.15, label=_("Reichheld & Sasser: 25–85 %"))
        ax.set_xlabel(_("当前保留率 current retention"))
        ax.set_ylabel(_("客户价值增幅 % value gain"))
        title = _("Value of +{improvement} retention").format(improvement=f"{values['improvement']:.0%}")
        if not _chinese():  # the English edition shows both languages
            title = f"保留率提高 {values['improvement']:.0%} 的价值 {title}"
        ax.set_title(title)
        ax.legend(fontsize="small")
        plt.show()

    output = widgets.interactive_output(redraw, controls)
    return _side_by_side(widgets.VBox(list(controls.values())), output)


#: Starting values of the offer comparison (points 0–100; module 01's two coffee shops).
DEFAULT_OFFERS = pd.DataFrame(
    {
        "product": [70, 60], "service": [60, 40], "personnel": [65, 45], "image": [70, 40],
        "monetary": [45, 25], "time": [15, 10], "energy": [10, 10], "psychic": [5, 15],
    },
    index=pd.Index(["A 精品店 boutique café", "B 连锁快取 chain kiosk"], name="offer"),
)


def offer_comparison(offers: pd.DataFrame | None = None):
    """Sliders for every value and cost component of two competing offers (module 01).

    Shows Kotler's delivered value (total value − total cost) and the value/cost ratio of each
    offer (:func:`customer_value.evaluation.compare_offers`) and a radar chart of the
    components. ``offers``: two rows, one column per component (default :data:`DEFAULT_OFFERS`).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython.display import display

    from .evaluation import compare_offers
    from .plotting import component_label, plot_value_radar, use_cjk_font

    use_cjk_font()
    start = DEFAULT_OFFERS if offers is None else offers
    if offers is None and _chinese():
        start = start.rename(index=lambda name: name.rsplit(" ", 2)[0])  # "A 精品店 boutique café" -> "A 精品店"
    if len(start) != 2:
        raise ValueError(_("offers must have two rows (two competing offers), got {rows}").format(rows=len(start)))
    compare_offers(start)  # validates the columns and values
    style = {"description_width": "170px"}  # the longest label, "personnel value 人员价值", needs 160 px
    layout = widgets.Layout(width="350px")
    controls = {}
    columns = []
    for i, (offer, row) in enumerate(start.iterrows()):
        sliders = [widgets.HTML(f"<b>{offer}</b>")]
        for component, value in row.items():
            slider = widgets.IntSlider(value=int(value), min=0, max=100, description=component_label(component), style=style, layout=layout)
            controls[f"{component}_{i}"] = slider
            sliders.append(slider)
        columns.append(widgets.VBox(sliders, layout=widgets.Layout(flex="0 0 auto")))

    def redraw(**values):
        table = pd.DataFrame(
            [[values[f"{c}_{i}"] for c in start.columns] for i in range(2)], index=start.index, columns=start.columns
        )
        result = compare_offers(table).round(2)
        if _chinese():
            result = result.rename(columns={
                "total_value": _("total_value"), "total_cost": _("total_cost"),
                "delivered_value": _("delivered_value"), "value_cost_ratio": _("value_cost_ratio"),
            }).rename_axis(index=_("offer"))
        display(result)
        plot_value_radar(table)
        plt.show()

    output = widgets.interactive_output(redraw, controls)
    # Side by side where there is room; on a small screen the second offer goes below the first.
    return widgets.VBox([widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")), output])


class PersonalityQuestionnaire:
    """The PDP questionnaire widget (module 10) and its scoring, usable without a browser.

    Display it as the last line of a cell. Answer the 30 statements 1–5 for one perspective
    (天生 natural, 工作中 at work, 别人眼中 as others see you), switch perspective and answer again
    if you like, then press 计分 Score: it shows the scores, the dominant type of each perspective,
    how to communicate with a customer of the selected perspective's type, and the profile chart.

    Attributes: ``widget`` (the whole VBox), ``perspective`` (selector), ``buttons`` (30
    ToggleButtons in item order), ``score_button``, ``output``; after scoring ``profile_``
    (:func:`customer_value.personality.profile`), ``dominant_`` (perspective → type), ``report_``
    (the text shown) and ``ax_`` (the chart). :meth:`set_answers` and :meth:`score` let code or a
    test fill in and score the questionnaire.
    """

    def __init__(self) -> None:
        import ipywidgets as widgets

        from .personality import PERSPECTIVE_NAMES, PERSPECTIVES, SCALE, SCALE_LABELS, items

        self._drafts: dict[str, list[int | None]] = {}
        self.profile_: pd.DataFrame | None = None
        self.dominant_: dict[str, str] = {}
        self.report_ = ""
        self.ax_ = None
        chinese = _chinese()

        def both(names: dict[str, str]) -> str:
            return names["zh"] if chinese else f"{names['zh']} {names['en']}"

        points = list(range(SCALE[0], SCALE[1] + 1))
        scale = " · ".join(f"{k} {both(SCALE_LABELS[k])}" for k in points)
        intro = widgets.HTML(
            _(
                "<b>性格分析问卷 PDP-style questionnaire</b> — 教学工具，不是经过验证的心理测验 "
                "(a teaching instrument, not a validated psychometric test).<br>"
                "每题选 1–5 Answer each statement: {scale}"
            ).format(scale=scale)
        )
        self.perspective = widgets.ToggleButtons(
            options=[(both(PERSPECTIVE_NAMES[p]), p) for p in PERSPECTIVES],
            value=PERSPECTIVES[0], description=_("视角 view"), style={"button_width": "auto"},  # each button fits its label
        )
        self.perspective.observe(self._switch, names="value")
        tooltips = [both(SCALE_LABELS[k]) for k in points]
        self.buttons = []
        rows = []
        for row in items().itertuples():
            button = widgets.ToggleButtons(options=[(str(k), k) for k in points], value=None, tooltips=tooltips, style={"button_width": "34px"})
            english = "" if chinese else f"<br><small>{row.statement_en}</small>"
            label = widgets.HTML(f"<b>{row.item}.</b> {row.statement_zh}{english}", layout=widgets.Layout(width="560px"))
            self.buttons.append(button)
            rows.append(widgets.HBox([label, button]))
        self.score_button = widgets.Button(description=_("计分 Score"), button_style="primary", icon="check")
        self.score_button.on_click(lambda _button: self.score())
        self.output = widgets.Output()
        self.widget = widgets.VBox([intro, self.perspective, *rows, self.score_button, self.output])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _switch(self, change) -> None:
        """Keep the answers of the perspective left and show those of the one chosen."""
        self._drafts[change["old"]] = [button.value for button in self.buttons]
        for button, value in zip(self.buttons, self._drafts.get(change["new"], [None] * len(self.buttons))):
            button.value = value

    def set_answers(self, answers, perspective: str | None = None) -> None:
        """Fill in the buttons of ``perspective`` (default the one shown) with 30 answers 1–5."""
        from .personality import PERSPECTIVES, _answers_list
        from ._validation import check_choice

        values = _answers_list(answers)
        if perspective is not None:
            self.perspective.value = check_choice(perspective, "perspective", PERSPECTIVES)
        for button, value in zip(self.buttons, values):
            button.value = value

    @property
    def answers(self) -> dict[str, list[int]]:
        """The fully answered perspectives: perspective → 30 answers in item order."""
        drafts = {**self._drafts, self.perspective.value: [button.value for button in self.buttons]}
        return {p: values for p, values in drafts.items() if None not in values}

    def score(self) -> pd.DataFrame | None:
        """Score every fully answered perspective, show the report and the chart; return the profile."""
        import matplotlib.pyplot as plt
        from IPython.display import display

        from .personality import dominant_type, profile, report
        from .plotting import plot_personality_profile, use_cjk_font

        self.output.clear_output()
        with self.output:
            unanswered = [k for k, button in enumerate(self.buttons, start=1) if button.value is None]
            if unanswered:
                print(_("还没回答 Not answered yet ({perspective}): items {items}").format(perspective=self.perspective.value, items=unanswered))
            complete = self.answers
            if not complete:
                return None
            self.profile_ = profile(complete)
            self.dominant_ = {p: dominant_type(self.profile_[p]) for p in self.profile_.columns}
            shown = self.perspective.value if self.perspective.value in complete else self.profile_.columns[0]
            self.report_ = report(self.profile_, advice_for=shown)
            print(self.report_)
            use_cjk_font()
            _figure, self.ax_ = plt.subplots(figsize=(7, 4))
            plot_personality_profile(self.profile_, ax=self.ax_)
            display(self.ax_.figure)
            plt.close(self.ax_.figure)
        return self.profile_


def personality_questionnaire() -> PersonalityQuestionnaire:
    """The interactive PDP questionnaire (module 10): 30 statements, three perspectives, scored live.

    Returns a :class:`PersonalityQuestionnaire`; display it as the last line of a cell.
    Scoring, types and advice come from :mod:`customer_value.personality`, the chart from
    :func:`customer_value.plotting.plot_personality_profile`.
    """
    return PersonalityQuestionnaire()
