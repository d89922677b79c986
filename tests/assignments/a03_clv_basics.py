"""Assignment 03 (CLV basics and word of mouth): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 to the cent;
q2 customers to 2 decimals, money to the cent; q3 to the cent; q4 to the cent (the form that fits
the timing: margin today, then while retained); q5 money to the cent, break_even_retention to 4
decimals; q6 to the cent on every hidden case.
"""

ASSIGNMENT = "03_clv_basics"

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "twice_a_month_taken_as_twice_a_year": (
        {"q1_kfc_clv": "kfc_clv = 45 * 2 * 8"},
        {"t1_kfc_clv"},
    ),
    "the_lessons_kfc_customer": (
        {"q1_kfc_clv": "kfc_clv = cv.simple_clv(50, 52, 10)  # the lesson's example, not this family"},
        {"t1_kfc_clv"},
    ),
    "forgets_conversion_rate": (
        {
            "q2_word_of_mouth": (
                "customers_won = 5\ncustomers_lost = 10\n"
                "value_won = customers_won * kfc_clv\nvalue_lost = customers_lost * kfc_clv"
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
        {"q4_retention_clv": "gym_clv = cv.retention_clv(200, 0.75, 0.10, first_margin='immediately')"},
        {"t4_retention_clv"},
    ),
    "gupta_lehmann_form_when_paid_upfront": (
        {"q4_retention_clv": "gym_clv = 200 * 0.75 / (1 + 0.10 - 0.75) - 150  # the form of the lesson's first example"},
        {"t4_retention_clv"},
    ),
    "first_margin_at_the_end_of_year_one": (
        {"q4_retention_clv": "gym_clv = cv.retention_clv(200, 0.75, 0.10, acquisition_cost=150, first_margin='end_of_first_period')"},
        {"t4_retention_clv"},
    ),
    "programme_cost_left_out": (
        {
            "q5_margin_multiple_table": (
                "value_now = 120 * 0.7 / (1.12 - 0.7)\n"
                "value_with_programme = 120 * 0.85 / (1.12 - 0.85)  # the 40 yuan forgotten\n"
                "break_even_retention = 1.12 * value_now / (80 + value_now)"
            )
        },
        {"t5_margin_multiple_table"},
    ),
    "break_even_with_the_old_margin": (
        {
            "q5_margin_multiple_table": (
                "value_now = cv.retention_clv(120, 0.70, 0.12)\n"
                "value_with_programme = cv.retention_clv(80, 0.85, 0.12)\n"
                "break_even_retention = 1.12 * value_now / (120 + value_now)  # the margin before the programme"
            )
        },
        {"t5_margin_multiple_table"},
    ),
    "break_even_as_the_retention_gain": (
        {
            "q5_margin_multiple_table": (
                "value_now = cv.retention_clv(120, 0.70, 0.12)\n"
                "value_with_programme = cv.retention_clv(80, 0.85, 0.12)\n"
                "break_even_retention = 0.85 - 0.70  # the gain the programme promises"
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
    "undiscounted_sum_ignores_retention": (
        {
            "q6_break_even_cost": (
                "def break_even_cost(margin, retention, discount_rate, years):\n"
                "    if discount_rate == 0:\n"
                "        return margin * years\n"
                "    return sum(margin * retention ** t / (1 + discount_rate) ** t for t in range(1, years + 1))"
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
    "q1_kfc_clv": "purchases_per_year = 2 * 12\nkfc_clv = 45 * purchases_per_year * 8",
    "q2_word_of_mouth": (
        "customers_won = 5 * 0.2\ncustomers_lost = -(10 * 0.2)  # a loss, written as negative\n"
        "value_won = customers_won * kfc_clv\nvalue_lost = customers_lost * kfc_clv"
    ),
    "q3_discounted_clv": (
        "hotel_clv = 0\nfor year, profit in enumerate([120, 130, 140, 150, 160], start=1):\n"
        "    hotel_clv += profit / (1 + 0.10) ** year"
    ),
    "q4_retention_clv": (
        "import numpy as np\nyears = np.arange(0, 3000)  # a margin today (year 0), then one a year while retained\n"
        "gym_clv = float(np.sum(200 * 0.75 ** years / 1.1 ** years)) - 150"
    ),
    "q5_margin_multiple_table": (
        "multiple = lambda r: r / (1 + 0.12 - r)\n"
        "value_now = 120 * multiple(0.7)\n"
        "value_with_programme = (120 - 40) * multiple(0.85)\n"
        "grid = np.arange(0.70, 0.99, 0.00001)\n"
        "break_even_retention = float(grid[np.argmin(abs(80 * multiple(grid) - value_now))])  # by trying rates"
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

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_kfc_clv": "kfc_clv = np.float32(cv.simple_clv(45.0, 24, 8))",
        "q2_word_of_mouth": (
            "table = cv.word_of_mouth(8640)\n"
            "customers_won, customers_lost = (round(float(abs(table.loc[k, 'customers_changed'])), 2) for k in ('satisfied', 'dissatisfied'))\n"
            "value_won = np.int64(customers_won * 8640)\nvalue_lost = -customers_lost * 8640"
        ),
        "q3_discounted_clv": "hotel_clv = round(sum(p * 1.1 ** -t for t, p in enumerate([120, 130, 140, 150, 160], 1)), 2)",
        "q4_retention_clv": "gym_clv = round(200 * (1 + 0.10) / (1 + 0.10 - 0.75) - 150, 2)",
        "q5_margin_multiple_table": (
            "value_now = round(cv.margin_multiple(0.70, 0.12) * 120, 2)\n"
            "value_with_programme = round(cv.margin_multiple(0.85, 0.12) * 80, 2)\n"
            "break_even_retention = 0.8  # 80 r = 200 (1.12 - r)  =>  r = 224 / 280"
        ),
        "q6_break_even_cost": (
            "def break_even_cost(margin, retention, discount_rate, years):\n"
            "    q = retention / (1 + discount_rate)\n"
            "    return round(margin * q * (1 - q ** years) / (1 - q), 2)"
        ),
    },
]
