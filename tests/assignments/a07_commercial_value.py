"""Assignment 07 (commercial value evaluation): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 rates to 6
decimals; q2 top300_share to 3 decimals, n_half exact; q3 1 decimal; q4 weights and CR to 3 decimals
of the exact eigenvector (both approximations refused); q5 cr_b to 3 decimals, booleans; q6 ranks
exact, spearman to 3 decimals.
"""

ASSIGNMENT = "07_commercial_value"

_PROFIT = 'profit = (log["amount"] - log["cost"]).groupby(log["customer_id"]).sum()\n'
_MATRIX_A = "[[1, 1 / 3, 3, 4], [3, 1, 3, 5], [1 / 3, 1 / 3, 1, 3], [1 / 4, 1 / 5, 1 / 3, 1]]"
_MATRIX_B = "[[1, 2, 2, 3], [1 / 2, 1, 2, 4], [1 / 2, 1 / 2, 1, 1 / 2], [1 / 3, 1 / 4, 2, 1]]"
_EIG = (
    "def principal(m):\n"
    "    m = np.array(m, dtype=float)\n"
    "    values, vectors = np.linalg.eig(m)\n"
    "    k = int(np.argmax(values.real))\n"
    "    return values[k].real, vectors[:, k].real\n"
)

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "rate_against_total_revenue": (
        {
            "q1_profit_contribution": (
                _PROFIT + "contribution = profit / log['amount'].sum()\ntop_rate = contribution.max()"
            )
        },
        {"t1_profit_contribution"},
    ),
    "margin_rate_instead_of_contribution": (
        {
            "q1_profit_contribution": (
                _PROFIT + "revenue = log.groupby('customer_id')['amount'].sum()\n"
                "contribution = profit / revenue\ntop_rate = contribution[profit.idxmax()]"
            )
        },
        {"t1_profit_contribution"},
    ),
    "least_profitable_first": (
        {
            "q2_top_customers_share": (
                _PROFIT + "ranked = profit.sort_values()  # ascending: the least profitable first\n"
                "cumulative = ranked.cumsum() / ranked.sum()\n"
                "top300_share = cumulative.iloc[299]\n"
                "n_half = int((cumulative < 0.5).sum()) + 1"
            )
        },
        {"t2_top_customers_share"},
    ),
    "weights_not_normalised": (
        {
            "q3_comprehensive_score": (
                "scores = accounts.astype(float).copy()\n"
                "for c in ['existing_profit', 'predicted_profit']:\n"
                "    scores[c] = 100 * (scores[c] - scores[c].min()) / (scores[c].max() - scores[c].min())\n"
                "comprehensive = (scores * [4, 3, 2, 1]).sum(axis=1)  # 4, 3, 2, 1 used as they are"
            )
        },
        {"t3_comprehensive_score"},
    ),
    "yuan_not_rescaled": (
        {
            "q3_comprehensive_score": (
                "comprehensive = (accounts * [0.4, 0.3, 0.2, 0.1]).sum(axis=1)  # yuan mixed with points"
            )
        },
        {"t3_comprehensive_score"},
    ),
    "ahp_normalised_column_sums": (
        {
            "q4_ahp_weights": (
                f"m = np.array({_MATRIX_A})\n"
                "ahp_w = m.sum(axis=0) / m.sum()\n"
                "cr = cv.ahp_weights(m)[1]"
            )
        },
        {"t4_ahp_weights"},
    ),
    "ahp_geometric_mean_approximation": (
        {
            "q4_ahp_weights": (
                f"m = np.array({_MATRIX_A})\n"
                "g = np.prod(m, axis=1) ** (1 / 4)\n"
                "ahp_w = g / g.sum()\n"
                "cr = cv.ahp_weights(m)[1]"
            )
        },
        {"t4_ahp_weights"},
    ),
    "ahp_column_average_approximation": (
        {
            "q4_ahp_weights": (
                f"m = np.array({_MATRIX_A})\n"
                "ahp_w = (m / m.sum(axis=0)).mean(axis=1)\n"
                "cr = cv.ahp_weights(m)[1]"
            )
        },
        {"t4_ahp_weights"},
    ),
    "ahp_unnormalised_eigenvector": (
        {
            "q4_ahp_weights": (
                _EIG + f"lam, ahp_w = principal({_MATRIX_A})  # numpy's vector: length 1, not sum 1\n"
                "cr = (lam - 4) / 3 / 0.90"
            )
        },
        {"t4_ahp_weights"},
    ),
    "ci_reported_as_cr": (
        {
            "q4_ahp_weights": (
                _EIG + f"lam, v = principal({_MATRIX_A})\n"
                "ahp_w = v / v.sum()\n"
                "cr = (lam - 4) / 3  # CI, not CR"
            )
        },
        {"t4_ahp_weights"},
    ),
    "random_index_of_three_criteria": (
        {
            "q4_ahp_weights": (
                _EIG + f"lam, v = principal({_MATRIX_A})\n"
                "ahp_w = v / v.sum()\n"
                "cr = (lam - 4) / 3 / 0.58  # RI of n = 3"
            )
        },
        {"t4_ahp_weights"},
    ),
    "ci_compared_with_threshold": (
        {
            "q5_consistency": (
                _EIG + f"lam_a, _ = principal({_MATRIX_A})\nlam_b, _ = principal({_MATRIX_B})\n"
                "cr_b = (lam_b - 4) / 3\n"
                "acceptable_a = (lam_a - 4) / 3 < 0.10\n"
                "acceptable_b = cr_b < 0.10"
            )
        },
        {"t5_consistency"},
    ),
    "ranks_ascending": (
        {
            "q6_compare_rankings": (
                "rank_key = accounts['existing_profit'].rank()  # ascending: 1 = least profit\n"
                "rank_comprehensive = board_score.rank()\n"
                "spearman = rank_key.corr(rank_comprehensive, method='spearman')\n"
                "both_top5 = len(set(rank_key.nsmallest(5).index) & set(rank_comprehensive.nsmallest(5).index))"
            )
        },
        {"t6_compare_rankings"},
    ),
}

# Right answers written another way (by hand, numpy, lists, other orders): full marks.
ALTERNATIVE = {
    "q1_profit_contribution": (
        "per_customer = log.assign(profit=log['amount'] - log['cost']).groupby('customer_id')['profit'].sum()\n"
        "contribution = (per_customer / per_customer.sum()).sort_index()\n"
        "top_rate = float(contribution.max())"
    ),
    "q2_top_customers_share": (
        _PROFIT + "values = np.sort(profit.to_numpy())[::-1]\n"
        "cumulative = np.cumsum(values) / values.sum()\n"
        "top300_share = float(values[:300].sum() / values.sum())\n"
        "n_half = int(np.searchsorted(cumulative, 0.5) + 1)"
    ),
    "q3_comprehensive_score": (
        "data = np.array(accounts, dtype=float)  # a copy we may change\n"
        "for j in (0, 1):\n"
        "    data[:, j] = (data[:, j] - data[:, j].min()) / (data[:, j].max() - data[:, j].min()) * 100\n"
        "w = np.array([4, 3, 2, 1]) / 10\n"
        "comprehensive = list(data @ w)"
    ),
    "q4_ahp_weights": (
        # power iteration instead of numpy.linalg.eig; weights as a plain list
        f"m = np.array({_MATRIX_A})\n"
        "v = np.ones(4)\n"
        "for _ in range(200):\n"
        "    v = m @ v\n"
        "    v = v / v.sum()\n"
        "lam = float(np.mean((m @ v) / v))\n"
        "ahp_w = [float(x) for x in v]\n"
        "cr = (lam - 4) / (4 - 1) / 0.90"
    ),
    "q5_consistency": (
        _EIG + f"lam_a, _ = principal({_MATRIX_A})\nlam_b, _ = principal({_MATRIX_B})\n"
        "cr_a = (lam_a - 4) / 3 / 0.90\n"
        "cr_b = (lam_b - 4) / 3 / 0.90\n"
        "acceptable_a = cr_a < 0.1\n"
        "acceptable_b = cr_b < 0.1"
    ),
    "q6_compare_rankings": (
        "order_key = list(accounts['existing_profit'].sort_values(ascending=False).index)\n"
        "order_board = list(board_score.sort_values(ascending=False).index)\n"
        "rank_key = [order_key.index(a) + 1 for a in accounts.index]\n"
        "rank_comprehensive = pd.Series({a: order_board.index(a) + 1 for a in reversed(accounts.index)})\n"
        "spearman = float(np.corrcoef(rank_key, rank_comprehensive.reindex(accounts.index))[0, 1])\n"
        "both_top5 = len(set(order_key[:5]).intersection(order_board[:5]))"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_profit_contribution": (
            "rates = {}\n"
            "for customer, rows in log.groupby('customer_id'):\n"
            "    rates[customer] = (rows['amount'] - rows['cost']).sum()\n"
            "total = sum(rates.values())\n"
            "contribution = pd.Series({k: round(v / total, 6) for k, v in rates.items()})\n"
            "top_rate = round(max(rates.values()) / total, 6)"
        ),
        "q2_top_customers_share": (
            _PROFIT + "table = cv.profit_contribution(profit)\n"
            "top300_share = round(float(table['contribution_rate'].head(300).sum()), 3)\n"
            "n_half = np.int64((table['cumulative_rate'] >= 0.5).to_numpy().argmax() + 1)"
        ),
        "q3_comprehensive_score": (
            "scaled = accounts.apply(lambda x: 100 * (x - x.min()) / (x.max() - x.min()) if x.name.endswith('profit') else x)\n"
            "comprehensive = (scaled * [0.4, 0.3, 0.2, 0.1]).sum(axis=1).round(1).sample(frac=1, random_state=0)"
        ),
        "q4_ahp_weights": (
            _EIG + f"lam, vec = principal({_MATRIX_A})\n"
            "ahp_w = pd.Series(np.round(vec / vec.sum(), 3), index=['existing', 'potential', 'influence', 'learning'])\n"
            "cr = round((lam - 4) / 3 / 0.90, 3)"
        ),
        "q5_consistency": (
            f"_, cr_b = cv.ahp_weights({_MATRIX_B})\n"
            "cr_b = round(cr_b, 3)\n"
            f"acceptable_a = np.bool_(cv.ahp_weights({_MATRIX_A})[1] < 0.10)\n"
            "acceptable_b = np.bool_(cr_b < 0.10)"
        ),
        "q6_compare_rankings": (
            "rank_key = accounts['existing_profit'].rank(ascending=False, method='min').astype(int)\n"
            "rank_comprehensive = board_score.rank(ascending=False).astype(int).tolist()\n"
            "spearman = round(accounts['existing_profit'].corr(board_score, method='spearman'), 3)\n"
            "both_top5 = int(((rank_key <= 5) & (np.array(rank_comprehensive) <= 5)).sum())"
        ),
    },
]
