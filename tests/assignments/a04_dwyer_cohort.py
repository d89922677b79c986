"""Assignment 04 (retention-based CLV and the Dwyer cohort method): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 2 decimals;
q2 both to the cent; q3 to the cent on every hidden case (zero discount over several years, zero and
high retention, one year, 30 years); q4 gain to the cent, gain_share to 4 decimals; q5 money to the
cent; q6 3 decimals.
"""

ASSIGNMENT = "04_dwyer_cohort"

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "retention_does_not_compound": (
        {"q1_active_customers": "active_year3 = 2000 * 0.60  # N_t = N_1 x r instead of N_1 x r^(t-1)"},
        {"t1_active_customers"},
    ),
    "discounts_the_first_year": (
        {
            "q2_cohort_npv": (
                "cohort_npv = sum(2000 * 0.6 ** (t - 1) * (500 - 300) / 1.1 ** t for t in range(1, 6))\n"
                "clv_per_customer = cohort_npv / 2000"
            )
        },
        {"t2_cohort_npv"},
    ),
    "revenue_instead_of_profit": (
        {
            "q2_cohort_npv": (
                "cohort = cv.dwyer_table(2000, 0.60, 500, 0, 0.10, 5)  # costs forgotten\n"
                "cohort_npv = cohort['cumulative_npv'].iloc[-1]\n"
                "clv_per_customer = cohort['clv_per_customer'].iloc[-1]"
            )
        },
        {"t2_cohort_npv"},
    ),
    "clv_per_active_customer": (
        {
            "q2_cohort_npv": (
                "cohort = cv.dwyer_table(2000, 0.60, 500, 300, 0.10, 5)\n"
                "cohort_npv = cohort['cumulative_npv'].iloc[-1]\n"
                "clv_per_customer = cohort_npv / cohort['active_customers'].iloc[-1]"
            )
        },
        {"t2_cohort_npv"},
    ),
    "break_even_discounts_the_first_year": (
        {
            "q3_break_even": (
                "def break_even_acquisition(retention, revenue, cost, discount_rate, years):\n"
                "    return cv.discounted_clv([(revenue - cost) * retention ** (t - 1) for t in range(1, years + 1)],\n"
                "                             discount_rate, timing='end')"
            )
        },
        {"t3_break_even"},
    ),
    "break_even_ignores_retention_without_discounting": (
        {
            "q3_break_even": (
                "def break_even_acquisition(retention, revenue, cost, discount_rate, years):\n"
                "    if discount_rate == 0:\n"
                "        return (revenue - cost) * years  # no discounting: every year counts in full\n"
                "    q = retention / (1 + discount_rate)\n"
                "    return (revenue - cost) * (1 - q ** years) / (1 - q)"
            )
        },
        {"t3_break_even"},
    ),
    "break_even_counts_one_year_too_many": (
        {
            "q3_break_even": (
                "def break_even_acquisition(retention, revenue, cost, discount_rate, years):\n"
                "    return sum((revenue - cost) * (retention / (1 + discount_rate)) ** k for k in range(years + 1))"
            )
        },
        {"t3_break_even"},
    ),
    "retention_gain_in_first_year_only": (
        {
            "q4_retention_gain": (
                "before = cv.dwyer_table(2000, 0.60, 500, 300, 0.10, 5)['cumulative_npv'].iloc[-1]\n"
                "after = cv.dwyer_table(2000, [0.65, 0.60, 0.60, 0.60], 500, 300, 0.10, 5)['cumulative_npv'].iloc[-1]\n"
                "gain_5_points = after - before\ngain_share = gain_5_points / before"
            )
        },
        {"t4_retention_gain"},
    ),
    "five_percent_of_the_rate_not_five_points": (
        {
            "q4_retention_gain": (
                "before = cv.dwyer_table(2000, 0.60, 500, 300, 0.10, 5)['cumulative_npv'].iloc[-1]\n"
                "after = cv.dwyer_table(2000, 0.60 * 1.05, 500, 300, 0.10, 5)['cumulative_npv'].iloc[-1]\n"
                "gain_5_points = after - before\ngain_share = gain_5_points / before"
            )
        },
        {"t4_retention_gain"},
    ),
    "percent_entered_as_whole_number": (
        {
            "q5_acquisition_vs_retention": (
                "options = cv.acquisition_vs_retention(50_000, 400, 5, 2000, 0.60, 500, 300, 0.10, 5)\n"
                "acquisition_net = options.loc['acquisition', 'net_gain']\n"
                "retention_net = options.loc['retention', 'net_gain']\n"
                "best_option = 'acquisition' if acquisition_net > retention_net else 'retention'"
            )
        },
        {"t5_acquisition_vs_retention"},
    ),
    "forgets_to_subtract_the_budget": (
        {
            "q5_acquisition_vs_retention": (
                "options = cv.acquisition_vs_retention(50_000, 400, 0.05, 2000, 0.60, 500, 300, 0.10, 5)\n"
                "acquisition_net = options.loc['acquisition', 'npv_gain']\n"
                "retention_net = options.loc['retention', 'npv_gain']\n"
                "best_option = 'acquisition' if acquisition_net > retention_net else 'retention'"
            )
        },
        {"t5_acquisition_vs_retention"},
    ),
    "divides_by_all_customers_of_the_channel": (
        {
            "q6_retention_by_channel": (
                "customers = cv.datasets.load_company_customers()\n"
                "purchases = cv.datasets.load_company_transactions()\n"
                "joined_2023 = customers['join_date'].dt.year == 2023\n"
                "bought_2024 = customers['customer_id'].isin(purchases.loc[purchases['date'].dt.year == 2024, 'customer_id'])\n"
                "retention_by_channel = (joined_2023 & bought_2024).groupby(customers['channel']).mean()"
            )
        },
        {"t6_retention_by_channel"},
    ),
}

# Right answers written another way (by hand, loops, dicts, other rounding-free forms): full marks.
ALTERNATIVE = {
    "q1_active_customers": (
        "members = 2000\nfor year in range(2, 4):\n    members = members * 0.6\nactive_year3 = int(round(members))"
    ),
    "q2_cohort_npv": (
        "import numpy as np\nt = np.arange(1, 6)\n"
        "active = 2000 * 0.6 ** (t - 1)\n"
        "npv_by_year = active * (500 - 300) / 1.1 ** (t - 1)\n"
        "cohort_npv = float(npv_by_year.sum())\nclv_per_customer = cohort_npv / active[0]"
    ),
    "q3_break_even": (
        "def break_even_acquisition(retention, revenue, cost, discount_rate, years):\n"
        "    q = retention / (1 + discount_rate)\n"
        "    if q == 1:\n"
        "        return (revenue - cost) * years\n"
        "    return (revenue - cost) * (1 - q ** years) / (1 - q)"
    ),
    "q4_retention_gain": (
        "def npv(r):\n"
        "    return sum(2000 * (r / 1.1) ** k * 200 for k in range(5))\n"
        "gain_5_points = npv(0.65) - npv(0.60)\n"
        "gain_share = npv(0.65) / npv(0.60) - 1"
    ),
    "q5_acquisition_vs_retention": (
        "clv = lambda r: sum(200 * (r / 1.1) ** k for k in range(5))\n"
        "acquisition_net = 50_000 / 400 * clv(0.60) - 50_000\n"
        "retention_net = 2000 * (clv(0.65) - clv(0.60)) - 50_000\n"
        "nets = {'acquisition': acquisition_net, 'retention': retention_net}\n"
        "best_option = max(nets, key=nets.get).capitalize()"
    ),
    "q6_retention_by_channel": (
        "customers = cv.datasets.load_company_customers()\n"
        "purchases = cv.datasets.load_company_transactions()\n"
        "cohort = customers[(customers['join_date'] >= '2023-01-01') & (customers['join_date'] <= '2023-12-31')]\n"
        "active = purchases[(purchases['date'] >= '2024-01-01') & (purchases['date'] < '2025-01-01')]\n"
        "merged = cohort.merge(active[['customer_id']].drop_duplicates().assign(kept=1), on='customer_id', how='left')\n"
        "table = merged.fillna({'kept': 0}).groupby('channel')['kept'].agg(['sum', 'count'])\n"
        "retention_by_channel = {channel: row['sum'] / row['count'] for channel, row in table.iterrows()}"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_active_customers": "active_year3 = 720",
        "q2_cohort_npv": (
            "table = cv.dwyer_table(2000, 0.6, 500, 300, 0.1, 5)\n"
            "cohort_npv = round(float(table['npv'].sum()), 2)\n"
            "clv_per_customer = round(cohort_npv / 2000, 2)  # 418.76, to the cent"
        ),
        "q3_break_even": (
            "def break_even_acquisition(retention, revenue, cost, discount_rate, years):\n"
            "    t = np.arange(years)\n"
            "    return round(float(np.sum((revenue - cost) * retention ** t / (1 + discount_rate) ** t)), 2)"
        ),
        "q4_retention_gain": (
            "npv = {r: cv.dwyer_table(2000, r, 500, 300, 0.1, 5)['cumulative_npv'].iloc[-1] for r in (0.6, 0.65)}\n"
            "gain_5_points = round(npv[0.65] - npv[0.6], 2)\n"
            "gain_share = round(gain_5_points / npv[0.6], 4)"
        ),
        "q5_acquisition_vs_retention": (
            "options = cv.acquisition_vs_retention(50_000, 400, 0.05, 2000, 0.60, 500, 300, 0.10, 5)\n"
            "acquisition_net, retention_net = (round(float(options.loc[k, 'net_gain']), 2) for k in ('acquisition', 'retention'))\n"
            "best_option = ' Retention '"
        ),
        "q6_retention_by_channel": (
            "customers = cv.datasets.load_company_customers()\n"
            "purchases = cv.datasets.load_company_transactions()\n"
            "kept = set(purchases[purchases['date'].dt.year == 2024]['customer_id'])\n"
            "joiners = customers[customers['join_date'].dt.strftime('%Y') == '2023']\n"
            "retention_by_channel = joiners.groupby('channel')['customer_id'].agg(lambda ids: round(ids.isin(kept).mean(), 3))"
        ),
    },
]
