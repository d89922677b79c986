"""Assignment 06 (segmentation and customer tiers): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 3 decimals;
q2 to the cent; q3 counts exact, develop_value to the cent; q4 typical_value to the cent, classes
exact; q5 exact counts; q6 exact labels. The hidden tests read only the shipped data and literals
(not log, future_value or TYPICAL of the setup cell).
"""

ASSIGNMENT = "06_segmentation_tiers"

_Q3_TAIL = (
    "develop_class = 'B'\n"
    "develop_value = future_value[value_classes == 'B'].sum()"
)
_PROFIT_2024 = (
    "profit = log['amount'] - log['cost']\n"
    "in_2024 = log['date'].dt.year == 2024\n"
    "profit_2024 = profit[in_2024].groupby(log.loc[in_2024, 'customer_id']).sum()\n"
)

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "shares_in_percent": (
        {
            "q1_region_shares": (
                "profit = log['amount'] - log['cost']\n"
                "sales = log.groupby('region')['amount'].sum()\n"
                "gain = profit.groupby(log['region']).sum()\n"
                "region_shares = pd.DataFrame({'sales_share': 100 * sales / sales.sum(),\n"
                "                              'profit_share': 100 * gain / gain.sum()})"
            )
        },
        {"t1_region_shares"},
    ),
    "customers_home_region": (
        {
            "q1_region_shares": (
                "home = log.drop(columns='region').merge(customers[['customer_id', 'region']], on='customer_id')\n"
                "home['profit'] = home['amount'] - home['cost']\n"
                "totals = home.groupby('region')[['amount', 'profit']].sum()\n"
                "region_shares = (totals / totals.sum()).rename(columns={'amount': 'sales_share', 'profit': 'profit_share'})"
            )
        },
        {"t1_region_shares"},
    ),
    "category_by_revenue": (
        {
            "q2_category_profit": (
                "category_profit = log.groupby('category')['amount'].sum().sort_values(ascending=False)\n"
                "top_category = category_profit.index[0]"
            )
        },
        {"t2_category_profit"},
    ),
    "category_sorted_ascending": (
        {
            "q2_category_profit": (
                "category_profit = (log['amount'] - log['cost']).groupby(log['category']).sum().sort_values()\n"
                "top_category = category_profit.index[0]"
            )
        },
        {"t2_category_profit"},
    ),
    "swaps_current_and_future": (
        {
            "q3_value_matrix": (
                _PROFIT_2024
                + "current_value = profit_2024.reindex(future_value.index, fill_value=0.0)\n"
                "value_classes = cv.value_matrix(future_value, current_value, future_thresholds=(30, 100))\n"
                "class_counts = value_classes.value_counts()\n" + _Q3_TAIL
            )
        },
        {"t3_value_matrix"},
    ),
    "current_value_is_revenue": (
        {
            "q3_value_matrix": (
                "in_2024 = log['date'].dt.year == 2024\n"
                "current_value = log[in_2024].groupby('customer_id')['amount'].sum().reindex(future_value.index, fill_value=0.0)\n"
                "value_classes = cv.value_matrix(current_value, future_value, future_thresholds=(30, 100))\n"
                "class_counts = value_classes.value_counts()\n" + _Q3_TAIL
            )
        },
        {"t3_value_matrix"},
    ),
    "future_value_rebound_with_discounting": (
        {
            "q3_value_matrix": (
                "future_value = cv.customer_lifetime_value(bg, gg, summary, 12, 0.01) * margin_rate  # rebinds the given future value\n"
                + _PROFIT_2024
                + "current_value = profit_2024.reindex(future_value.index, fill_value=0.0)\n"
                "value_classes = cv.value_matrix(current_value, future_value, future_thresholds=(30, 100))\n"
                "class_counts = value_classes.value_counts()\n" + _Q3_TAIL
            )
        },
        {"t3_value_matrix", "t4_typical_abc"},
    ),
    "default_thirds_instead_of_the_managers_cut_offs": (
        {
            "q3_value_matrix": (
                _PROFIT_2024
                + "current_value = profit_2024.reindex(future_value.index, fill_value=0.0)\n"
                "value_classes = cv.value_matrix(current_value, future_value)\n"
                "class_counts = value_classes.value_counts()\n" + _Q3_TAIL
            )
        },
        {"t3_value_matrix"},
    ),
    "develops_the_top_class": (
        {
            "q3_value_matrix": (
                _PROFIT_2024
                + "current_value = profit_2024.reindex(future_value.index, fill_value=0.0)\n"
                "value_classes = cv.value_matrix(current_value, future_value, future_thresholds=(30, 100))\n"
                "class_counts = value_classes.value_counts()\n"
                "develop_class = 'A'  # the most valuable, not the ones with potential\n"
                "develop_value = future_value[value_classes == 'A'].sum()"
            )
        },
        {"t3_value_matrix"},
    ),
    "develop_value_of_current_value": (
        {
            "q3_value_matrix": (
                _PROFIT_2024
                + "current_value = profit_2024.reindex(future_value.index, fill_value=0.0)\n"
                "value_classes = cv.value_matrix(current_value, future_value, future_thresholds=(30, 100))\n"
                "class_counts = value_classes.value_counts()\n"
                "develop_class = 'B'\n"
                "develop_value = current_value[value_classes == 'B'].sum()  # today's value, not tomorrow's"
            )
        },
        {"t3_value_matrix"},
    ),
    "abc_by_customer_count": (
        {
            "q4_typical_abc": (
                _PROFIT_2024
                + "typical_value = profit_2024.reindex(TYPICAL, fill_value=0.0) + future_value.reindex(TYPICAL)\n"
                "rank = typical_value.rank(ascending=False, method='first')\n"
                "typical_abc = pd.Series(np.where(rank <= 6, 'A', np.where(rank <= 15, 'B', 'C')), index=typical_value.index)"
            )
        },
        {"t4_typical_abc"},
    ),
    "abc_smallest_first": (
        {
            "q4_typical_abc": (
                _PROFIT_2024
                + "typical_value = profit_2024.reindex(TYPICAL, fill_value=0.0) + future_value.reindex(TYPICAL)\n"
                "ordered = typical_value.sort_values()\n"
                "cumulative = ordered.cumsum() / ordered.sum()\n"
                "typical_abc = pd.Series(np.where(cumulative <= 0.8, 'A', np.where(cumulative <= 0.95, 'B', 'C')), index=ordered.index)"
            )
        },
        {"t4_typical_abc"},
    ),
    "pyramid_without_cost_to_serve": (
        {
            "q5_pyramid": (
                _PROFIT_2024
                + "pyramid_counts = cv.customer_pyramid(profit_2024.reindex(customers['customer_id'], fill_value=0.0)).value_counts()"
            )
        },
        {"t5_pyramid"},
    ),
    "quadrant_arguments_swapped": (
        {"q6_quadrants": "example_quadrants = list(cv.value_quadrants([80, 55, 62, 75], [78, 87, 69, 74]))"},
        {"t6_quadrants"},
    ),
}

# Right answers written another way (pandas by hand, other types, other orders): full marks.
ALTERNATIVE = {
    "q1_region_shares": (
        "totals = log.assign(profit=log['amount'] - log['cost']).groupby('region')[['amount', 'profit']].sum()\n"
        "region_shares = (totals / totals.sum()).rename(columns={'amount': 'sales_share', 'profit': 'profit_share'})\n"
        "region_shares = region_shares.sort_values('sales_share', ascending=False)"
    ),
    "q2_category_profit": (
        "category_profit = log.assign(p=log['amount'] - log['cost']).groupby('category')['p'].sum().nlargest(5)\n"
        "top_category = str(category_profit.idxmax())"
    ),
    "q3_value_matrix": (
        "from collections import Counter\n"
        "year = log[log['date'] >= '2024-01-01']\n"
        "current_value = (year['amount'] - year['cost']).groupby(year['customer_id']).sum()\n"
        "current_value = pd.Series([current_value.get(i, 0) for i in future_value.index], index=future_value.index)\n"
        "classes = cv.value_matrix(current_value.to_numpy(), future_value.to_numpy(),\n"
        "                          current_threshold=current_value.mean(), future_thresholds=(30, 100))\n"
        "class_counts = dict(Counter(classes))\n"
        "develop_class = ' b '\n"
        "develop_value = float(future_value.to_numpy()[classes.to_numpy() == 'B'].sum())"
    ),
    "q4_typical_abc": (
        "year = log[log['date'].dt.year == 2024]\n"
        "now = (year['amount'] - year['cost']).groupby(year['customer_id']).sum()\n"
        "typical_value = pd.Series({i: now.get(i, 0.0) + future_value[i] for i in TYPICAL})\n"
        "ordered = typical_value.sort_values(ascending=False)\n"
        "share = ordered.cumsum() / ordered.sum()\n"
        "typical_abc = share.apply(lambda s: 'A' if s <= 0.8 else ('B' if s <= 0.95 else 'C'))"
    ),
    "q5_pyramid": (
        "year = log[log['date'].dt.year == 2024]\n"
        "now = (year['amount'] - year['cost']).groupby(year['customer_id']).sum().reindex(customers['customer_id'], fill_value=0)\n"
        "tiers = cv.customer_pyramid(now, lead_below=SERVICE_COST)  # the same as ranking profit - 20\n"
        "pyramid_counts = {tier: int((tiers == tier).sum()) for tier in ['platinum', 'gold', 'iron', 'lead']}"
    ),
    "q6_quadrants": (
        "current = [78, 87, 69, 74]\npotential = [80, 55, 62, 75]\n"
        "c_mean, p_mean = sum(current) / 4, sum(potential) / 4\n"
        "names = {(True, True): '价值客户', (True, False): '次价值客户', (False, True): '潜在价值客户', (False, False): '低价值客户'}\n"
        "example_quadrants = [names[(c >= c_mean, p >= p_mean)] for c, p in zip(current, potential)]"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_region_shares": (
            "p = log['amount'] - log['cost']\n"
            "region_shares = pd.DataFrame({'profit_share': (p.groupby(log['region']).sum() / p.sum()).round(3),\n"
            "                              'sales_share': (log.groupby('region')['amount'].sum() / log['amount'].sum()).round(3)})"
        ),
        "q2_category_profit": (
            "rows = sorted(((c, round(float((g['amount'] - g['cost']).sum()), 2)) for c, g in log.groupby('category')), key=lambda x: -x[1])\n"
            "category_profit = pd.Series(dict(rows))\n"
            "top_category = rows[0][0]"
        ),
        "q3_value_matrix": (
            "late = log[log['date'].dt.year == 2024]\n"
            "current_value = (late['amount'] - late['cost']).groupby(late['customer_id']).sum().reindex(future_value.index).fillna(0)\n"
            "high_now = current_value >= current_value.mean()\n"
            "level = pd.cut(future_value, [-np.inf, 30, 100, np.inf], right=False, labels=['low', 'medium', 'high'])\n"
            "letters = {(True, 'high'): 'A', (False, 'high'): 'B', (True, 'medium'): 'C', (True, 'low'): 'D', (False, 'medium'): 'E', (False, 'low'): 'F'}\n"
            "value_classes = pd.Series([letters[(h, l)] for h, l in zip(high_now, level)], index=future_value.index)\n"
            "class_counts = value_classes.value_counts()\n"
            "develop_class = 'B'\n"
            "develop_value = round(future_value[value_classes == 'B'].sum(), 2)"
        ),
        "q4_typical_abc": (
            _PROFIT_2024
            + "typical_value = (profit_2024.reindex(TYPICAL).fillna(0) + future_value.loc[TYPICAL]).round(2)\n"
            "typical_abc = cv.abc_classes(typical_value).sort_index()"
        ),
        "q5_pyramid": (
            _PROFIT_2024
            + "net = profit_2024.reindex(customers['customer_id'], fill_value=0.0) - 20\n"
            "pyramid_counts = cv.customer_pyramid(net.to_numpy()).value_counts().astype('int32')"
        ),
        "q6_quadrants": "example_quadrants = [str(q) for q in cv.value_quadrants([78, 87, 69, 74], [80, 55, 62, 75])]",
    },
]
