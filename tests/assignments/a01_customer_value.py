"""Assignment 01 (what customer value is): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1, q2 and q6
to the cent; q3 2 decimals; q4 exact letters; q5 any numbers meeting both conditions.
"""

ASSIGNMENT = "01_customer_value"

_VALUE = '["product", "service", "personnel", "image"]'
_COST = '["monetary", "time", "energy", "psychic"]'

# Common mistakes: each must lose the points of the questions it gets wrong, and only those.
WRONG = {
    "adds_costs_to_value": (
        {"q2_delivered_value": f"delivered = offers[{_VALUE}].sum(axis=1) + offers[{_COST}].sum(axis=1)"},
        {"t2_delivered_value"},
    ),
    "counts_the_bill_only": (
        {
            "q1_offer_totals": (
                f"total_value_a = offers.loc['A', {_VALUE}].sum()\ntotal_cost_a = offers.loc['A', 'monetary']"
            ),
            "q2_delivered_value": f"delivered = offers[{_VALUE}].sum(axis=1) - offers['monetary']",
            "q3_value_cost_ratio": f"ratios = offers[{_VALUE}].sum(axis=1) / offers['monetary']",
        },
        {"t1_offer_totals", "t2_delivered_value", "t3_value_cost_ratio"},
    ),
    "ratio_inverted": (
        {"q3_value_cost_ratio": "table = cv.compare_offers(offers)\nratios = table['total_cost'] / table['total_value']"},
        {"t3_value_cost_ratio"},
    ),
    "ratio_in_percent": (
        {"q3_value_cost_ratio": "ratios = cv.compare_offers(offers)['value_cost_ratio'] * 100"},
        {"t3_value_cost_ratio"},
    ),
    "chooses_the_lowest_price": (
        {
            "q4_rational_choice": (
                "choice = offers['monetary'].idxmin()\n"
                "choice_by_ratio = cv.compare_offers(offers)['value_cost_ratio'].idxmax()\n"
                "choice_by_price = offers['monetary'].idxmin()"
            )
        },
        {"t4_rational_choice"},
    ),
    "swaps_difference_and_ratio": (
        {"q4_rational_choice": "choice = 'B'\nchoice_by_ratio = 'A'\nchoice_by_price = 'C'"},
        {"t4_rational_choice"},
    ),
    "case_where_both_agree": (
        {"q5_disagreement": "x_value, x_cost = 200, 100\ny_value, y_cost = 150, 100"},
        {"t5_disagreement"},
    ),
    "monthly_margin_in_the_retention_formula": (
        {
            "q6_firm_side": (
                "clv_5_years = cv.simple_clv(220, 24, 5, margin=0.30)\n"
                "value_lost = cv.retention_clv(220 * 2 * 0.30, 0.80, 0.10)  # a month's margin"
            )
        },
        {"t6_firm_side"},
    ),
    "margin_as_percent": (
        {
            "q6_firm_side": (
                "clv_5_years = cv.simple_clv(220, 24, 5, margin=30)\n"
                "value_lost = cv.retention_clv(220 * 24 * 30, 0.80, 0.10)"
            )
        },
        {"t6_firm_side"},
    ),
    "counts_the_bill_not_the_margin": (
        {
            "q6_firm_side": (
                "clv_5_years = cv.simple_clv(220, 24, 5)\n"
                "value_lost = cv.retention_clv(220 * 24, 0.80, 0.10)"
            )
        },
        {"t6_firm_side"},
    ),
}

# Right answers written another way (by hand, dicts, lists, lower case, other numbers): full marks.
ALTERNATIVE = {
    "q1_offer_totals": "total_value_a = 180 + 90 + 60 + 70\ntotal_cost_a = 220.0 + 50 + 20 + 10",
    "q2_delivered_value": (
        "delivered = {}\nfor name, row in offers.iterrows():\n"
        f"    delivered[name] = cv.delivered_value(row[{_VALUE}], row[{_COST}])"
    ),
    "q3_value_cost_ratio": f"ratios = list(offers[{_VALUE}].sum(axis=1) / offers[{_COST}].sum(axis=1))",
    "q4_rational_choice": "choice = 'a'\nchoice_by_ratio = ' B '\nchoice_by_price = 'c'",
    "q5_disagreement": "x_value = 1000.0\nx_cost = 900.0\ny_value = 10\ny_cost = 1",
    "q6_firm_side": (
        "margin = 0.3\nclv_5_years = 220 * 24 * 5 * margin\n"
        "m = 220 * 24 * margin\nvalue_lost = sum(m * 0.8 ** t / 1.1 ** t for t in range(1, 2000))"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_offer_totals": (
            f"total_value_a = np.int64(offers.loc['A', {_VALUE}].sum())\n"
            f"total_cost_a = float(offers.loc['A', {_COST}].to_numpy().sum())"
        ),
        "q2_delivered_value": f"delivered = (offers[{_VALUE}].sum(axis=1) - offers[{_COST}].sum(axis=1)).astype('float32')",
        "q3_value_cost_ratio": (
            f"ratios = {{k: round(v, 2) for k, v in (offers[{_VALUE}].sum(axis=1) / offers[{_COST}].sum(axis=1)).items()}}"
        ),
        "q4_rational_choice": (
            "t = cv.compare_offers(offers)\n"
            "choice, choice_by_ratio = str(t.index[0]), str(t['value_cost_ratio'].idxmax())\n"
            "choice_by_price = str(offers['monetary'].sort_values().index[0])"
        ),
        "q5_disagreement": "x_value, x_cost = np.float64(500), np.int64(400)\ny_value, y_cost = 3, 1",
        "q6_firm_side": (
            "yearly = 220 * 2 * 12 * 0.30\n"
            "clv_5_years = round(yearly * 5, 2)\n"
            "value_lost = round(yearly * cv.margin_multiple(0.80, 0.10), 2)"
        ),
    },
]
