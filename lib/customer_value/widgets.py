"""Interactive calculators the lessons embed (ipywidgets, imported lazily)."""

from __future__ import annotations

import pandas as pd

from .clv import discounted_clv, simple_clv, word_of_mouth


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
    of a won or lost customer (module 03, 表1-6).
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
        ("gap between the two", "满意与不满意之差"): mouth["total_impact"].iloc[0] - mouth["total_impact"].iloc[1],
    }
    index = pd.MultiIndex.from_tuples(list(rows), names=["measure", "指标"])
    return pd.DataFrame({"value": [round(v, 2) for v in rows.values()]}, index=index)


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
        "avg_purchase": widgets.FloatSlider(value=50, min=0, max=500, step=5, description="每次消费 spend / visit", style=style, layout=layout),
        "purchases_per_year": widgets.IntSlider(value=52, min=1, max=365, description="每年次数 visits / year", style=style, layout=layout),
        "years": widgets.IntSlider(value=10, min=1, max=30, description="关系年数 years", style=style, layout=layout),
        "discount_rate": widgets.FloatSlider(value=0.10, min=0, max=0.30, step=0.01, readout_format=".0%", description="折现率 discount rate", style=style, layout=layout),
        "told_if_satisfied": widgets.IntSlider(value=5, min=0, max=30, description="满意时告诉 told if happy", style=style, layout=layout),
        "told_if_dissatisfied": widgets.IntSlider(value=10, min=0, max=30, description="不满时告诉 told if unhappy", style=style, layout=layout),
        "conversion": widgets.FloatSlider(value=0.20, min=0, max=1, step=0.05, readout_format=".0%", description="转化率 conversion", style=style, layout=layout),
        "dissatisfied_customer_leaves": widgets.Checkbox(value=True, description="不满客户流失 unhappy customer leaves", style=style),
    }
    def redraw(**values):
        display(clv_calculator_table(**values))
        yearly = [values["avg_purchase"] * values["purchases_per_year"]] * values["years"]
        _, ax = plt.subplots(figsize=(7, 3.5))
        plot_value_stream(yearly, values["discount_rate"], ax=ax)
        plt.show()

    output = widgets.interactive_output(redraw, controls)
    return widgets.HBox([widgets.VBox(list(controls.values())), output])
