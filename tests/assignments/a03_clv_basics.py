"""Assignment 03 (CLV basics and word of mouth): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.
"""

ASSIGNMENT = "03_clv_basics"

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "twelve_times_four_weeks": (
        {"q1_kfc_clv": "kfc_clv = 50 * 12 * 4 * 10  # 48 weeks a year"},
        {"t1_kfc_clv"},
    ),
    "forgets_conversion_rate": (
        {
            "q2_word_of_mouth": (
                "customers_won = 5\ncustomers_lost = 10\n"
                "value_won = customers_won * 26000\nvalue_lost = customers_lost * 26000"
            )
        },
        {"t2_word_of_mouth"},
    ),
    "forgets_discounting": (
        {"q3_discounted_clv": "hotel_clv = sum([120, 130, 140, 150, 160])"},
        {"t3_discounted_clv"},
    ),
    "discounts_from_year_zero": (
        {"q3_discounted_clv": "hotel_clv = cv.discounted_clv([120, 130, 140, 150, 160], 0.10, timing='begin')"},
        {"t3_discounted_clv"},
    ),
    "forgets_acquisition_cost": (
        {"q4_retention_clv": "gym_clv = 200 * 0.75 / (1 + 0.10 - 0.75)"},
        {"t4_retention_clv"},
    ),
    "margin_multiple_without_retention_in_numerator": (
        {
            "q5_margin_multiple_table": (
                "r = [0.6, 0.7, 0.8, 0.9]\nd = [0.10, 0.12, 0.14, 0.16]\n"
                "multiples = pd.DataFrame([[1 / (1 + i - x) for i in d] for x in r], index=r, columns=d)"
            )
        },
        {"t5_margin_multiple_table"},
    ),
    "transposed_table": (
        {
            "q5_margin_multiple_table": (
                "r = [0.6, 0.7, 0.8, 0.9]\nd = [0.10, 0.12, 0.14, 0.16]\n"
                "multiples = pd.DataFrame([[x / (1 + i - x) for x in r] for i in d], index=d, columns=r)"
            )
        },
        {"t5_margin_multiple_table"},
    ),
    "infinite_horizon_break_even": (
        {
            "q6_break_even_cost": (
                "def break_even_cost(margin, retention, discount_rate, years):\n"
                "    return margin * retention / (1 + discount_rate - retention)"
            )
        },
        {"t6_break_even_cost"},
    ),
    "off_by_one_year": (
        {
            "q6_break_even_cost": (
                "def break_even_cost(margin, retention, discount_rate, years):\n"
                "    return sum(margin * retention ** t / (1 + discount_rate) ** t for t in range(0, years))"
            )
        },
        {"t6_break_even_cost"},
    ),
}

# Right answers written another way (by hand, loops, ints, negative signs): full marks.
ALTERNATIVE = {
    "q1_kfc_clv": "weeks_per_year = 52\nkfc_clv = 50 * weeks_per_year * 10",
    "q2_word_of_mouth": (
        "customers_won = 5 * 0.2\ncustomers_lost = -(10 * 0.2)  # a loss, written as negative\n"
        "value_won = customers_won * 26000\nvalue_lost = customers_lost * 26000"
    ),
    "q3_discounted_clv": (
        "hotel_clv = 0\nfor year, profit in enumerate([120, 130, 140, 150, 160], start=1):\n"
        "    hotel_clv += profit / (1 + 0.10) ** year"
    ),
    "q4_retention_clv": (
        "import numpy as np\nyears = np.arange(1, 3000)\n"
        "gym_clv = float(np.sum(200 * 0.75 ** years / 1.1 ** years)) - 150"
    ),
    "q5_margin_multiple_table": (
        "rows = {}\nfor r in [0.6, 0.7, 0.8, 0.9]:\n"
        "    rows[r] = {i: r / (1 + i - r) for i in [0.10, 0.12, 0.14, 0.16]}\n"
        "multiples = pd.DataFrame.from_dict(rows, orient='index')"
    ),
    "q6_break_even_cost": (
        "def break_even_cost(margin, retention, discount_rate, years):\n"
        "    total = 0.0\n"
        "    survive = 1.0\n"
        "    for year in range(1, years + 1):\n"
        "        survive *= retention\n"
        "        total += margin * survive / (1 + discount_rate) ** year\n"
        "    return total"
    ),
}
