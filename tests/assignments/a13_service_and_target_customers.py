"""Assignment 13 (service and target customers): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.
"""

ASSIGNMENT = "13_service_and_target_customers"

_KEY = (
    "largest_sales = accounts['sales_2024'].idxmax()\n"
    "largest_profit = accounts['profit_2024'].idxmax()\n"
)

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "pest_policy_for_globalisation": (
        {"q1_macro_environment": 'macro = {"a": "population", "b": "policy", "c": "technology", "d": "income", "e": "education"}'},
        {"t1_macro_environment"},
    ),
    "smarter_consumers_as_technology": (
        {"q1_macro_environment": 'macro = {"a": "population", "b": "globalisation", "c": "technology", "d": "income", "e": "technology"}'},
        {"t1_macro_environment"},
    ),
    "empty_seats_as_variability": (
        {"q2_service_traits": 'traits = {"a": "variability", "b": "intangibility", "c": "inseparability", "d": "variability"}'},
        {"t2_service_traits"},
    ),
    "growth_over_this_year": (
        {
            "q3_key_customers": (
                "growth = (accounts['sales_2024'] - accounts['sales_2023']) / accounts['sales_2024']\n" + _KEY
                + "fastest_growing = growth.idxmax()\n"
                "key_customers = sorted({largest_sales, fastest_growing, largest_profit})"
            )
        },
        {"t3_key_customers"},
    ),
    "fastest_by_yuan_not_rate": (
        {
            "q3_key_customers": (
                "growth = accounts['sales_2024'] / accounts['sales_2023'] - 1\n" + _KEY
                + "fastest_growing = (accounts['sales_2024'] - accounts['sales_2023']).idxmax()  # largest increase\n"
                "key_customers = sorted({largest_sales, fastest_growing, largest_profit})"
            )
        },
        {"t3_key_customers"},
    ),
    "growth_in_percent": (
        {
            "q3_key_customers": (
                "growth = 100 * (accounts['sales_2024'] - accounts['sales_2023']) / accounts['sales_2023']\n" + _KEY
                + "fastest_growing = growth.idxmax()\n"
                "key_customers = sorted({largest_sales, fastest_growing, largest_profit})"
            )
        },
        {"t3_key_customers"},
    ),
    "colleagues_not_customers": (
        {"q4_internal_customers": 'sides = {"bakers": "external", "shopper": "external", "it": "external", "hotel": "external", "driver": "internal"}'},
        {"t4_internal_customers"},
    ),
    "novelty_as_quality": (
        {"q5_value_aspects": 'aspects = {"a": "convenience", "b": "price", "c": "quality", "d": "quality", "e": "image"}'},
        {"t5_value_aspects"},
    ),
    "current_level_as_historical": (
        {"q6_value_parts": 'value_parts = {"a": "historical", "b": "historical", "c": "potential", "d": "potential"}'},
        {"t6_value_parts"},
    ),
}

# Right answers written other ways (Series, built from lists, by hand): full marks.
ALTERNATIVE = {
    "q1_macro_environment": 'macro = pd.Series(["population", "globalisation", "technology", "income", "education"], index=list("abcde"))',
    "q2_service_traits": 'traits = dict(zip(["d", "c", "b", "a"], ["variability", "inseparability", "intangibility", "perishability"]))',
    "q3_key_customers": (
        "a = accounts\n"
        "growth = a['sales_2024'].div(a['sales_2023']).sub(1).round(3)\n"
        "largest_sales = a.index[a['sales_2024'].argmax()]\n"
        "fastest_growing = growth.sort_values(ascending=False).index[0]\n"
        "largest_profit = a['profit_2024'].sort_values().index[-1]\n"
        "key_customers = sorted(set([largest_sales, fastest_growing, largest_profit]))"
    ),
    "q4_internal_customers": (
        'sides = {key: "internal" for key in ["bakers", "it", "driver"]}\n'
        'sides.update({key: "external" for key in ["shopper", "hotel"]})'
    ),
    "q5_value_aspects": 'aspects = pd.Series({"e": "image", "d": "novelty", "c": "quality", "b": "price", "a": "convenience"})',
    "q6_value_parts": 'value_parts = pd.Series(["historical", "current", "potential", "potential"], index=["a", "b", "c", "d"])',
}

ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_macro_environment": (
            'factors = [("a", "population"), ("b", "globalisation"), ("c", "technology"), ("d", "income"), ("e", "education")]\n'
            'macro = {key: factor for key, factor in factors}'
        ),
        "q2_service_traits": 'traits = pd.Series({"a": "perishability", "b": "intangibility", "c": "inseparability", "d": "variability"})',
        "q3_key_customers": (
            "rows = {}\n"
            "for account, row in accounts.iterrows():\n"
            "    rows[account] = (row['sales_2024'] - row['sales_2023']) / row['sales_2023']\n"
            "growth = pd.Series(rows)\n"
            "largest_sales = max(accounts.index, key=lambda k: accounts.loc[k, 'sales_2024'])\n"
            "fastest_growing = max(rows, key=rows.get)\n"
            "largest_profit = max(accounts.index, key=lambda k: accounts.loc[k, 'profit_2024'])\n"
            "key_customers = list(dict.fromkeys(sorted([largest_sales, fastest_growing, largest_profit])))"
        ),
        "q4_internal_customers": 'sides = pd.Series(["internal", "external", "internal", "external", "internal"], index=["bakers", "shopper", "it", "hotel", "driver"])',
        "q5_value_aspects": 'aspects = dict(a="convenience", b="price", c="quality", d="novelty", e="image")',
        "q6_value_parts": 'value_parts = {"a": "historical", "b": "current"}\nvalue_parts.update(c="potential", d="potential")',
    },
]
