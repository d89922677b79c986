"""Assignment 06 (segmentation and customer tiers): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.
"""

ASSIGNMENT = "06_segmentation_tiers"

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
                "class_counts = cv.value_matrix(future_value, current_value).value_counts()"
            )
        },
        {"t3_value_matrix"},
    ),
    "current_value_is_revenue": (
        {
            "q3_value_matrix": (
                "in_2024 = log['date'].dt.year == 2024\n"
                "current_value = log[in_2024].groupby('customer_id')['amount'].sum().reindex(future_value.index, fill_value=0.0)\n"
                "class_counts = cv.value_matrix(current_value, future_value).value_counts()"
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
        "low, high = future_value.quantile([1 / 3, 2 / 3])\n"
        "classes = cv.value_matrix(current_value.to_numpy(), future_value.to_numpy(),\n"
        "                          current_threshold=current_value.mean(), future_thresholds=(low, high))\n"
        "class_counts = dict(Counter(classes))"
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
