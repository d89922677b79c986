"""Assignment 02 (retention economics and the 80/20 rule): submissions the grading tests build.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 to the cent;
q2 4 decimals; q3 and q4 3 decimals; q5 exact counts. The hidden tests load CDNOW and the course
company themselves (not cdnow or company of the setup cell).
"""

ASSIGNMENT = "02_retention_economics"

WRONG = {
    "swaps_success_rates": (
        {"q1_selling_success": "revenue_new = 400 * 0.50 * 300\nrevenue_existing = 400 * 0.15 * 300"},
        {"t1_selling_success"},
    ),
    "ignores_profit_growth": (
        {
            "q2_retention_gain": (
                "profits = [200] * 15\n"
                "gain = cv.clv.retention_value_gain(profits, 0.70, 0.08, 0.05)['gain']"
            )
        },
        {"t2_retention_gain"},
    ),
    "five_percent_of_the_rate": (
        {
            "q2_retention_gain": (
                "def value(r):\n"
                "    return sum(200 * 1.1 ** (t - 1) * (r / 1.08) ** (t - 1) for t in range(1, 16))\n"
                "gain = value(0.70 * 1.05) / value(0.70) - 1  # 5 % of 70 %, not 5 points"
            )
        },
        {"t2_retention_gain"},
    ),
    "gain_in_percent": (
        {
            "q2_retention_gain": (
                "profits = [200 * 1.10 ** t for t in range(15)]\n"
                "gain = 100 * cv.clv.retention_value_gain(profits, 0.70, 0.08, 0.05)['gain']"
            )
        },
        {"t2_retention_gain"},
    ),
    "top_20_percent_of_transactions": (
        {
            "q3_top20_share": (
                "amounts = cdnow['amount'].sort_values(ascending=False)\n"
                "top20_share = amounts.iloc[: round(0.2 * len(amounts))].sum() / amounts.sum()"
            )
        },
        {"t3_top20_share"},
    ),
    "gini_of_transactions": (
        {"q4_gini": "cdnow_gini = cv.gini(cdnow['amount'])"},
        {"t4_gini"},
    ),
    "sorts_smallest_first": (
        {
            "q5_abc_classes": (
                "values = company.groupby('customer_id')['amount'].sum().sort_values()\n"
                "cumulative = values.cumsum() / values.sum()\n"
                "abc_counts = {'A': int((cumulative <= 0.8).sum()),\n"
                "              'B': int(((cumulative > 0.8) & (cumulative <= 0.95)).sum()),\n"
                "              'C': int((cumulative > 0.95).sum())}"
            )
        },
        {"t5_abc_classes"},
    ),
}

ALTERNATIVE = {
    "q1_selling_success": "calls, order = 400, 300\nrevenue_new = calls * order * 15 / 100\nrevenue_existing = calls * order / 2",
    "q2_retention_gain": (
        "def value(r):\n"
        "    return sum(200 * 1.1 ** (t - 1) * (r / 1.08) ** (t - 1) for t in range(1, 16))\n"
        "gain = value(0.75) / value(0.70) - 1"
    ),
    "q3_top20_share": (
        "per_customer = cdnow.groupby('customer_id')['amount'].sum()\n"
        "top20_share = float(per_customer.nlargest(471).sum() / per_customer.sum())"
    ),
    "q4_gini": (
        "x = np.sort(cdnow.groupby('customer_id')['amount'].sum().to_numpy())\n"
        "lorenz = np.concatenate([[0], np.cumsum(x) / x.sum()])\n"
        "cdnow_gini = float(1 - np.sum(lorenz[1:] + lorenz[:-1]) / len(x))"
    ),
    "q5_abc_classes": (
        "table = cv.pareto_table(company.groupby('customer_id')['amount'].sum())\n"
        "abc_counts = table['abc_class'].value_counts().reindex(['A', 'B', 'C'], fill_value=0).to_dict()\n"
        "abc_counts = {k: int(v) for k, v in abc_counts.items()}"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_selling_success": "revenue_new, revenue_existing = np.array([400, 400]) * np.array([0.15, 0.5]) * 300",
        "q2_retention_gain": (
            "t = np.arange(15)\n"
            "value = lambda r: float((200 * 1.1 ** t * r ** t / 1.08 ** t).sum())\n"
            "gain = round(value(0.75) / value(0.70) - 1, 4)"
        ),
        "q3_top20_share": (
            "spend = np.sort(cdnow.groupby('customer_id')['amount'].sum().to_numpy())[::-1]\n"
            "top20_share = round(float(spend[:round(0.2 * spend.size)].sum() / spend.sum()), 3)"
        ),
        "q4_gini": "cdnow_gini = np.float64(round(cv.gini(cdnow.groupby('customer_id').amount.sum().to_numpy()), 3))",
        "q5_abc_classes": (
            "spend = company.groupby('customer_id')['amount'].sum()\n"
            "abc_counts = dict(cv.abc_classes(spend).value_counts())"
        ),
    },
]
