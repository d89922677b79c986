"""Assignment 05 (RFM analysis): submissions the grading tests build."""

ASSIGNMENT = "05_rfm"

WRONG = {
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
