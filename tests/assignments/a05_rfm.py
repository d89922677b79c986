"""Assignment 05 (RFM analysis): submissions the grading tests build.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 days and
counts exact, total_spend to the cent; q2 repeat_buyers exact, mean_repeat_purchases to 2 decimals;
q3-q5 exact. The hidden tests load CDNOW and use END = 1998-06-30 themselves: an answer that rebinds
END loses the points of what it makes wrong.
"""

ASSIGNMENT = "05_rfm"

WRONG = {
    # END rebound in an answer cell: the raw recency is wrong; scores and classes (ranks, means) are not.
    "end_rebound_to_today": (
        {"q1_raw_metrics": "END = pd.Timestamp.today().normalize()\nsummary = cv.summarize(log, observation_end=END)"},
        {"t1_raw_metrics"},
    ),
    "same_day_purchases_counted_twice": (
        {
            "q2_repeat_purchases": (
                "repeats = log.groupby('customer_id').size() - 1  # rows, not purchase days\n"
                "repeat_buyers = int((log.drop_duplicates(['customer_id', 'date']).groupby('customer_id').size() > 1).sum())\n"
                "mean_repeat_purchases = repeats.mean()"
            )
        },
        {"t2_repeat_purchases"},
    ),
    # Recency measured from the first purchase; R and the segments built on it go wrong too.
    "days_since_first_purchase": (
        {
            "q1_raw_metrics": (
                "summary = cv.summarize(log, observation_end=END)\n"
                "summary['days_since_last'] = (END - summary['first_purchase']).dt.days"
            )
        },
        {"t1_raw_metrics", "t3_recency_score", "t4_segments"},
    ),
    "counts_first_purchase_in_frequency": (
        {
            "q2_repeat_purchases": (
                "days = log.groupby('customer_id')['date'].nunique()\n"
                "repeat_buyers = int((days > 1).sum())\n"
                "mean_repeat_purchases = days.mean()"
            )
        },
        {"t2_repeat_purchases"},
    ),
    "reversed_recency_score": (
        {
            "q3_recency_score": (
                "scores = cv.rfm_scores(summary)\n"
                "R = pd.qcut(summary['days_since_last'].rank(method='first'), 5, labels=[1, 2, 3, 4, 5]).astype(int)"
            )
        },
        {"t3_recency_score"},
    ),
    "swaps_development_and_win_back": (
        {
            "q4_segments": (
                "classic = cv.rfm_segments(scores, scheme='classic')\n"
                "n_champions = int((classic['segment'] == 'champions').sum())\n"
                "n_hibernating = int((classic['segment'] == 'hibernating').sum())\n"
                "cn8 = cv.rfm_segments(scores, scheme='cn8')\n"
                "n_important_development = int((cn8['rfm_high_low'] == '001').sum())  # copied table with 101/001 swapped"
            )
        },
        {"t4_segments"},
    ),
    "ranks_by_total_spend": (
        {
            "q5_top_mean_spend": (
                "eligible = summary[summary['n_purchases'] >= 3]\n"
                "top10_mean_spend = list(eligible['total_spend'].sort_values(ascending=False).index[:10])"
            )
        },
        {"t5_top_mean_spend"},
    ),
}

ALTERNATIVE = {
    "q1_raw_metrics": (
        "g = log.groupby('customer_id')\n"
        "summary = pd.DataFrame({\n"
        "    'days_since_last': (END - g['date'].max()).dt.days,\n"
        "    'n_purchases': g.size(),\n"
        "    'total_spend': g['amount'].sum(),\n"
        "})"
    ),
    "q2_repeat_purchases": (
        "per_day = log.drop_duplicates(['customer_id', 'date'])\n"
        "repeats = per_day.groupby('customer_id').size() - 1\n"
        "repeat_buyers = int((repeats > 0).sum())\n"
        "mean_repeat_purchases = float(repeats.mean())"
    ),
    "q3_recency_score": (
        "w = (-summary['days_since_last']).rank(method='min') - 1\n"
        "R = (1 + np.floor(5 * w / len(summary))).astype(int)"
    ),
    "q4_segments": (
        "scores = cv.rfm_scores(summary)\n"
        "segments = cv.rfm_segments(scores)\n"
        "n_champions = int(segments['segment'].eq('champions').sum())\n"
        "n_hibernating = int(segments['segment'].eq('hibernating').sum())\n"
        "r_high = summary['days_since_last'] < summary['days_since_last'].mean()\n"
        "f_high = summary['n_purchases'] >= summary['n_purchases'].mean()\n"
        "m_high = summary['total_spend'] >= summary['total_spend'].mean()\n"
        "n_important_development = int((r_high & ~f_high & m_high).sum())"
    ),
    "q5_top_mean_spend": (
        "top10_mean_spend = summary.query('n_purchases >= 3').eval('total_spend / n_purchases').nlargest(10).index.tolist()"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_raw_metrics": (
            "summary = log.groupby('customer_id').agg(last=('date', 'max'), n_purchases=('amount', 'size'), total_spend=('amount', 'sum'))\n"
            "summary['days_since_last'] = (pd.Timestamp('1998-06-30') - summary['last']).dt.days\n"
            "summary['total_spend'] = summary['total_spend'].round(2)\n"
            "summary['frequency'] = log.groupby('customer_id')['date'].nunique() - 1"
        ),
        "q2_repeat_purchases": (
            "repeat_buyers = np.int64((summary['frequency'] > 0).sum())\n"
            "mean_repeat_purchases = round(summary['frequency'].sum() / len(summary), 2)"
        ),
        "q3_recency_score": "R = cv.rfm.quantile_scores(-summary['days_since_last'])",
        "q4_segments": (
            "scores = cv.rfm_scores(summary)\n"
            "counts = cv.rfm_segments(scores, scheme='classic')['segment'].value_counts()\n"
            "n_champions, n_hibernating = counts['champions'], counts['hibernating']\n"
            "n_important_development = int(cv.rfm_segments(scores, scheme='cn8')['segment_zh'].eq('重要发展客户').sum())"
        ),
        "q5_top_mean_spend": (
            "m = summary.loc[summary['n_purchases'] >= 3, 'total_spend'] / summary.loc[summary['n_purchases'] >= 3, 'n_purchases']\n"
            "top10_mean_spend = np.array(m.sort_values(ascending=False).head(10).index)"
        ),
    },
]
