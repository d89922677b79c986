"""Assignment 11 (capstone: a full customer value analysis): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission, for
the default industry (snacks). The hidden tests trust only the industry declared in question 0, the
fixed window (2023-01-01 to 2024-12-31) and the shipped data: answers that rebind ``END``, ``log`` or
another firm's data lose the points of every question they make wrong.

Precision rules (stated in each question, used by the self-check and the hidden test):
q0 one of the five names; q2 counts exact, money to the cent, margin_rate to 4 decimals; q3 customers
exact, profit_per_customer to the cent, profit_share to 4 decimals; q4 exact counts; q5 retention to
4 decimals, money to the cent; q6 parameters to 2 decimals, expected_52 to the whole purchase; q7
clv_12m per customer and in total to the yuan, top_decile_share to 3 decimals; q8 exact counts. The solution passes its hidden tests for the other four industries
too: tests/lib/test_industries.py::test_capstone_solution_passes_for_every_industry.
"""

ASSIGNMENT = "11_capstone"

_CLV_SPEND = (
    "gg = cv.GammaGammaModel().fit(summary['frequency'], summary['monetary_value'])\n"
    "spend_12m = cv.customer_lifetime_value(bg, gg, summary, horizon_months=12, discount_rate_monthly=0.01)\n"
)

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "mean_purchase_per_customer": (
        {
            "q2_overview": (
                "revenue = log['amount'].sum()\n"
                "profit = revenue - log['cost'].sum()\n"
                "overview = {'customers': log['customer_id'].nunique(), 'purchases': len(log), 'revenue': revenue,\n"
                "            'profit': profit, 'margin_rate': profit / revenue,\n"
                "            'mean_purchase': revenue / log['customer_id'].nunique()}  # per customer, not per purchase"
            )
        },
        {"t2_overview"},
    ),
    "channel_share_of_revenue": (
        {
            "q3_channels": (
                "people = customers.set_index('customer_id').assign(\n"
                "    revenue=log.groupby('customer_id')['amount'].sum(),\n"
                "    profit=(log['amount'] - log['cost']).groupby(log['customer_id']).sum())\n"
                "channel_table = people.groupby('channel').agg(customers=('profit', 'size'), profit=('profit', 'sum'), revenue=('revenue', 'sum'))\n"
                "channel_table['profit_per_customer'] = channel_table['profit'] / channel_table['customers']\n"
                "channel_table['profit_share'] = channel_table['revenue'] / channel_table['revenue'].sum()  # revenue share"
            )
        },
        {"t3_channels"},
    ),
    "recency_from_the_first_purchase": (
        {
            "q4_rfm_segments": (
                "rfm = cv.summarize(log, observation_end=END)\n"
                "rfm['days_since_last'] = (END - rfm['first_purchase']).dt.days  # days since the FIRST purchase\n"
                "segment_counts = cv.rfm_segments(rfm, scheme='cn8')['segment_zh'].value_counts()"
            )
        },
        {"t4_rfm_segments"},
    ),
    "retention_clv_on_revenue": (
        {
            "q5_retention_clv": (
                "buyers_2023 = set(log.loc[log['date'].dt.year == 2023, 'customer_id'])\n"
                "year_2024 = log[log['date'].dt.year == 2024]\n"
                "retention = len(buyers_2023 & set(year_2024['customer_id'])) / len(buyers_2023)\n"
                "margin_per_customer = year_2024['amount'].sum() / year_2024['customer_id'].nunique()  # revenue, not margin\n"
                "clv_retention = cv.retention_clv(margin_per_customer, retention, DISCOUNT_RATE)"
            )
        },
        {"t5_retention_clv"},
    ),
    "everybody_as_a_new_customer": (
        {
            "q6_bgnbd": (
                "bg = cv.BetaGeoModel().fit(summary['frequency'], summary['recency'], summary['T'])\n"
                "bg_params = bg.params_\n"
                "expected_52 = float(len(summary) * bg.expected_purchases(52)[0])  # ignores each customer's history"
            )
        },
        {"t6_bgnbd"},
    ),
    "probabilistic_clv_on_revenue": (
        {
            "q7_clv_top_decile": (
                _CLV_SPEND
                + "clv_12m = spend_12m  # expected spend, not gross profit\n"
                "top_decile_share = clv_12m.nlargest(round(0.1 * len(clv_12m))).sum() / clv_12m.sum()"
            )
        },
        {"t7_clv_top_decile"},
    ),
    "top_decile_by_past_spend": (
        {
            "q7_clv_top_decile": (
                _CLV_SPEND
                + "clv_12m = spend_12m * overview['margin_rate']\n"
                "top = summary['total_spend'].nlargest(round(0.1 * len(summary))).index  # the past, not the future\n"
                "top_decile_share = clv_12m[top].sum() / clv_12m.sum()"
            )
        },
        {"t7_clv_top_decile"},
    ),
    "abc_by_customer_count": (
        {
            "q8_value_tiers": (
                "rank = clv_12m.rank(ascending=False, method='first') / len(clv_12m)\n"
                "abc_counts = {'A': int((rank <= 0.2).sum()), 'B': int(((rank > 0.2) & (rank <= 0.5)).sum()), 'C': int((rank > 0.5).sum())}\n"
                "year_2024 = log[log['date'].dt.year == 2024]\n"
                "current_value = (year_2024['amount'] - year_2024['cost']).groupby(year_2024['customer_id']).sum()\n"
                "current_value = current_value.reindex(clv_12m.index, fill_value=0.0)\n"
                "value_class = cv.value_matrix(current_value, clv_12m)\n"
                "matrix_counts = value_class.value_counts().to_dict()"
            )
        },
        {"t8_value_tiers"},
    ),
}

_Q2 = (
    "revenue = log['amount'].sum()\n"
    "profit = revenue - log['cost'].sum()\n"
    "overview = {'customers': log['customer_id'].nunique(), 'purchases': len(log), 'revenue': revenue,\n"
    "            'profit': profit, 'margin_rate': profit / revenue, 'mean_purchase': revenue / len(log)}"
)
_Q4 = (
    "rfm = cv.summarize(log, observation_end=END)\n"
    "segment_counts = cv.rfm_segments(rfm, scheme='cn8')['segment_zh'].value_counts()"
)

WRONG.update({
    # Rebinding the assignment's names: the hidden tests recompute from the declared industry and the fixed window.
    "end_rebound_to_today": (
        {"q4_rfm_segments": "END = pd.Timestamp.today().normalize()  # 'the analysis is as of today'\n" + _Q4},
        {"t6_bgnbd", "t7_clv_top_decile", "t8_value_tiers"},  # R, F, M against their means: a shifted END keeps the classes
    ),
    "lesson_setup_pasted_for_another_industry": (
        {
            "q2_overview": (
                "INDUSTRY = 'apparel'  # the lesson's setup, pasted after declaring snacks\n"
                "industry = cv.industries.get_industry(INDUSTRY)\n"
                "data = cv.industries.load_industry(industry.code)\n"
                "customers, log = data['customers'], data['transactions']\n" + _Q2
            )
        },
        {"t2_overview", "t3_channels", "t4_rfm_segments", "t5_retention_clv", "t6_bgnbd", "t7_clv_top_decile",
         "t8_value_tiers"},
    ),
    "margin_rate_on_cost": (
        {"q2_overview": _Q2 + "\noverview['margin_rate'] = profit / log['cost'].sum()  # markup, not margin"},
        {"t2_overview"},
    ),
    "retention_the_wrong_way_round": (
        {
            "q5_retention_clv": (
                "buyers_2024 = set(log.loc[log['date'].dt.year == 2024, 'customer_id'])\n"
                "year_2024 = log[log['date'].dt.year == 2024]\n"
                "retention = len(buyers_2024 & set(log.loc[log['date'].dt.year == 2023, 'customer_id'])) / len(buyers_2024)\n"
                "margin_per_customer = (year_2024['amount'] - year_2024['cost']).sum() / year_2024['customer_id'].nunique()\n"
                "clv_retention = cv.retention_clv(margin_per_customer, retention, DISCOUNT_RATE)"
            )
        },
        {"t5_retention_clv"},
    ),
    "margin_rate_of_2024_only": (
        {
            "q7_clv_top_decile": (
                _CLV_SPEND
                + "late = log[log['date'].dt.year == 2024]\n"
                "clv_12m = spend_12m * (1 - late['cost'].sum() / late['amount'].sum())  # one year's margin, not the window's\n"
                "top_decile_share = clv_12m.nlargest(round(0.1 * len(clv_12m))).sum() / clv_12m.sum()"
            )
        },
        {"t7_clv_top_decile"},
    ),
})

# Right answers written another way (pandas by hand, other types, other orders): full marks.
ALTERNATIVE = {
    "q0_industry": "chosen_industry = 'SNACKS '  # case and spaces do not matter",
    "q2_overview": (
        "overview = {'customers': int(customers['customer_id'].isin(log['customer_id']).sum()),\n"
        "            'purchases': int(log.shape[0]),\n"
        "            'revenue': float(log['amount'].sum()),\n"
        "            'profit': float((log['amount'] - log['cost']).sum())}\n"
        "overview['margin_rate'] = overview['profit'] / overview['revenue']\n"
        "overview['mean_purchase'] = float(log['amount'].mean())"
    ),
    "q3_channels": (
        "merged = log.merge(customers[['customer_id', 'channel']], on='customer_id')\n"
        "profit = (merged['amount'] - merged['cost']).groupby(merged['channel']).sum()\n"
        "n = customers['channel'].value_counts()\n"
        "channel_table = pd.DataFrame({'customers': n, 'profit_per_customer': profit / n, 'profit_share': profit / profit.sum()})\n"
        "channel_table = channel_table.sort_values('profit_share', ascending=False)"
    ),
    "q4_rfm_segments": (
        "g = log.groupby('customer_id')\n"
        "raw = pd.DataFrame({'r': (END - g['date'].max()).dt.days, 'f': g.size(), 'm': g['amount'].sum()})\n"
        "code = ((raw['r'] < raw['r'].mean()).astype(int).astype(str) + (raw['f'] >= raw['f'].mean()).astype(int).astype(str)\n"
        "        + (raw['m'] >= raw['m'].mean()).astype(int).astype(str))\n"
        "names = {row[0]: row[1] for row in cv.rfm.CN8_SEGMENTS}\n"
        "segment_counts = dict(code.map(names).value_counts())"
    ),
    "q5_retention_clv": (
        "years = log.assign(year=log['date'].dt.year, profit=log['amount'] - log['cost'])\n"
        "active = years.groupby('year')['customer_id'].unique()\n"
        "retention = float(np.isin(active[2023], active[2024]).mean())\n"
        "margin_per_customer = years.loc[years['year'] == 2024, 'profit'].sum() / len(active[2024])\n"
        "clv_retention = margin_per_customer * retention / (1 + DISCOUNT_RATE - retention)"
    ),
    "q6_bgnbd": (
        "from scipy.special import hyp2f1\n"
        "bg = cv.btyd.BetaGeoModel()\n"
        "bg.fit(summary['frequency'].to_numpy(), summary['recency'].to_numpy(), summary['T'].to_numpy())\n"
        "bg_params = {name: float(value) for name, value in bg.params_.items()}\n"
        "r, alpha, a, b = (bg_params[k] for k in ('r', 'alpha', 'a', 'b'))\n"
        "x, t_x, T = (summary[c].to_numpy() for c in ('frequency', 'recency', 'T'))\n"
        "p_alive = np.where(x > 0, 1 / (1 + a / np.maximum(b + x - 1, 1e-9) * ((alpha + T) / (alpha + t_x)) ** (r + x)), 1.0)\n"
        "z = 52 / (alpha + T + 52)\n"
        "each = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + 52)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)) * p_alive\n"
        "expected_52 = each.sum()"
    ),
    "q7_clv_top_decile": (
        "repeaters = summary[summary['frequency'] > 0]\n"
        "gg = cv.GammaGammaModel().fit(repeaters['frequency'], repeaters['monetary_value'])\n"
        "spend = gg.expected_spend(summary['frequency'], summary['monetary_value'])\n"
        "value, before = np.zeros(len(summary)), np.zeros(len(summary))\n"
        "for month in range(1, 13):\n"
        "    after = bg.predict(month * 4.345, summary['frequency'], summary['recency'], summary['T'])\n"
        "    value += (after - before) * spend / 1.01 ** month\n"
        "    before = after\n"
        "margin = 1 - log['cost'].sum() / log['amount'].sum()\n"
        "clv_12m = pd.Series(value * margin, index=summary.index)\n"
        "ranked = clv_12m.sort_values(ascending=False)\n"
        "top_decile_share = float(ranked.head(len(ranked) // 10).sum() / ranked.sum())"
    ),
    "q8_value_tiers": (
        "from collections import Counter\n"
        "ordered = clv_12m.sort_values(ascending=False)\n"
        "share = ordered.cumsum() / ordered.sum()\n"
        "abc_counts = dict(Counter(np.where(share <= 0.8, 'A', np.where(share <= 0.95, 'B', 'C'))))\n"
        "late = log[log['date'] >= '2024-01-01']\n"
        "now = (late['amount'] - late['cost']).groupby(late['customer_id']).sum()\n"
        "current_value = pd.Series([now.get(i, 0.0) for i in clv_12m.index], index=clv_12m.index)\n"
        "low, high = np.quantile(clv_12m, [1 / 3, 2 / 3])\n"
        "value_class = cv.value_matrix(current_value.to_numpy(), clv_12m.to_numpy(), current_value.mean(), (low, high))\n"
        "value_class.index = clv_12m.index\n"
        "matrix_counts = dict(Counter(value_class))"
    ),
}

# Right answers rounded within each question's stated precision, other names for the industry, other idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q0_industry": "chosen_industry = ' 休闲食品 '  # the Chinese name works too",
        "q2_overview": (
            "g = log.agg({'amount': 'sum', 'cost': 'sum'})\n"
            "overview = dict(customers=len(set(log['customer_id'])), purchases=log['amount'].size,\n"
            "                revenue=round(g['amount'], 2), profit=round(g['amount'] - g['cost'], 2),\n"
            "                margin_rate=round(1 - g['cost'] / g['amount'], 4), mean_purchase=round(g['amount'] / len(log), 2))"
        ),
        "q3_channels": (
            "rows = []\n"
            "for channel, members in customers.groupby('channel')['customer_id']:\n"
            "    mine = log[log['customer_id'].isin(members)]\n"
            "    rows.append((channel, len(members), (mine['amount'] - mine['cost']).sum()))\n"
            "channel_table = pd.DataFrame(rows, columns=['channel', 'customers', 'profit']).set_index('channel')\n"
            "channel_table['profit_per_customer'] = (channel_table['profit'] / channel_table['customers']).round(2)\n"
            "channel_table['profit_share'] = (channel_table['profit'] / channel_table['profit'].sum()).round(6)"
        ),
        "q4_rfm_segments": (
            "rfm = cv.summarize(log, observation_end=pd.Timestamp('2024-12-31'))\n"
            "segment_counts = cv.rfm_segments(rfm, scheme='cn8').groupby('segment_zh').size().astype('int32')"
        ),
        "q5_retention_clv": (
            "y = log['date'].dt.year\n"
            "b23, b24 = log.loc[y == 2023, 'customer_id'].unique(), log.loc[y == 2024, 'customer_id'].unique()\n"
            "retention = round(np.intersect1d(b23, b24).size / b23.size, 4)\n"
            "margin_per_customer = round(float((log['amount'] - log['cost'])[y == 2024].sum() / b24.size), 2)\n"
            "exact_r = np.intersect1d(b23, b24).size / b23.size\n"
            "exact_m = float((log['amount'] - log['cost'])[y == 2024].sum() / b24.size)\n"
            "clv_retention = round(cv.retention_clv(exact_m, exact_r, 0.10), 2)"
        ),
        "q6_bgnbd": (
            "bg = cv.BetaGeoModel().fit(summary['frequency'], summary['recency'], summary['T'])\n"
            "bg_params = {k: round(v, 2) for k, v in bg.params_.items()}\n"
            "expected_52 = int(round(bg.predict(52, summary['frequency'], summary['recency'], summary['T']).sum()))"
        ),
        "q7_clv_top_decile": (
            _CLV_SPEND
            + "clv_12m = (spend_12m * (log['amount'].sum() - log['cost'].sum()) / log['amount'].sum()).round(2)\n"
            "top_decile_share = round(clv_12m.sort_values().tail(200).sum() / clv_12m.sum(), 3)"
        ),
        "q8_value_tiers": (
            "share = clv_12m.sort_values(ascending=False).cumsum() / clv_12m.sum()\n"
            "abc = pd.cut(share, [-1, 0.8, 0.95, 2], labels=['A', 'B', 'C'])\n"
            "abc_counts = {k: int(v) for k, v in abc.value_counts().items()}\n"
            "y24 = log[log['date'].dt.year == 2024]\n"
            "current_value = (y24['amount'] - y24['cost']).groupby(y24['customer_id']).sum().reindex(clv_12m.index).fillna(0)\n"
            "value_class = cv.value_matrix(current_value, clv_12m)\n"
            "matrix_counts = value_class.value_counts().to_dict()"
        ),
    },
]
