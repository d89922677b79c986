"""Assignment 09 (satisfaction, loyalty and service value): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 2 decimals;
q2 1 decimal; q3-q5 3 decimals; q6 customers_kept 2 decimals, recovery_total to the cent; q7 to the
cent. The hidden tests load the survey and the company data themselves.
"""

ASSIGNMENT = "09_satisfaction_loyalty"

_AFTER = (
    "purchases = log.merge(survey[['customer_id', 'survey_date']], on='customer_id')\n"
    "after = purchases[purchases['date'] > purchases['survey_date']]\n"
    "bought = survey['customer_id'].isin(after['customer_id'])\n"
)

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "nps_promoters_minus_passives": (
        {
            "q1_nps_all": (
                "r = survey['recommend']\n"
                "nps_all = 100 * ((r >= 9).mean() - ((r >= 7) & (r <= 8)).mean())"
            )
        },
        {"t1_nps_all"},
    ),
    "nps_percent_minus_fraction": (
        {
            "q2_nps_by_channel": (
                "answers = survey.merge(customers, on='customer_id')\n"
                "nps_by_channel = answers.groupby('channel')['recommend'].apply(\n"
                "    lambda r: 100 * (r >= 9).mean() - (r <= 6).mean())  # % promoters minus a fraction\n"
                "lowest_channel = nps_by_channel.idxmin()"
            )
        },
        {"t2_nps_by_channel"},
    ),
    "csat_counts_only_fives": (
        {
            "q3_csat": (
                "csat_all = cv.csat(survey['csat'], satisfied_from=5)\n"
                "csat_unresolved = cv.csat(survey.loc[survey['complaint'] == 'unresolved', 'csat'], satisfied_from=5)"
            )
        },
        {"t3_csat"},
    ),
    "repurchase_counts_purchases_before_survey": (
        {
            "q4_repurchase_ratio": (
                "bought = survey['customer_id'].isin(log['customer_id'])  # every purchase, also before the survey\n"
                "rate_5 = bought[survey['csat'] == 5].mean()\n"
                "rate_4 = bought[survey['csat'] == 4].mean()\n"
                "ratio_5_vs_4 = rate_5 / rate_4"
            )
        },
        {"t4_repurchase_ratio"},
    ),
    "share_of_buyers_who_are_promoters": (
        {
            "q5_promoter_repurchase": (
                _AFTER + "promoter_repurchase = (survey.loc[bought, 'recommend'] >= 9).mean()\n"
                "detractor_repurchase = (survey.loc[bought, 'recommend'] <= 6).mean()"
            )
        },
        {"t5_promoter_repurchase"},
    ),
    "every_resolved_complainer_counted_as_kept": (
        {
            "q6_complaint_recovery": (
                "resolved = 160 * 0.80\n"
                "customers_kept = resolved * 0.51  # forgets those who would have stayed anyway\n"
                "recovery_total = (customers_kept + resolved * 5 * 0.2) * 330"
            )
        },
        {"t6_complaint_recovery"},
    ),
    "passives_counted_as_detractors": (
        {"q1_nps_all": "r = survey['recommend']\nnps_all = 100 * ((r >= 9).mean() - (r <= 8).mean())"},
        {"t1_nps_all"},
    ),
    "word_of_mouth_left_out": (
        {
            "q6_complaint_recovery": (
                "customers_kept = 160 * 0.8 * (0.51 - 0.43)\n"
                "recovery_total = customers_kept * 330"
            )
        },
        {"t6_complaint_recovery"},
    ),
    "gesture_cost_ignored": (
        {
            "q7_gesture_value": (
                "value_now = cv.retention_clv(147, 0.59, 0.04)\n"
                "gesture_values = pd.Series([cv.retention_clv(147, 0.59 + u, 0.04) - value_now for u in gestures['uplift']],\n"
                "                           index=gestures.index)\n"
                "best_gesture = gesture_values.idxmax()"
            )
        },
        {"t7_gesture_value"},
    ),
}

# Right answers written another way (pandas/numpy by hand, lists, other orders): full marks.
ALTERNATIVE = {
    "q1_nps_all": (
        "counts = survey['recommend'].value_counts()\n"
        "promoters = counts[counts.index >= 9].sum()\n"
        "detractors = counts[counts.index <= 6].sum()\n"
        "nps_all = float((promoters - detractors) / counts.sum() * 100)"
    ),
    "q2_nps_by_channel": (
        "joined = customers.set_index('customer_id').loc[survey['customer_id'], 'channel'].to_numpy()\n"
        "groups = pd.cut(survey['recommend'], [-1, 6, 8, 10], labels=['detractor', 'passive', 'promoter'])\n"
        "shares = pd.crosstab(joined, groups, normalize='index')\n"
        "nps_by_channel = (100 * (shares['promoter'] - shares['detractor'])).sort_values()\n"
        "lowest_channel = str(nps_by_channel.index[0])"
    ),
    "q3_csat": (
        "csat_all = float(survey['csat'].isin([4, 5]).sum() / len(survey))\n"
        "unresolved = survey.query('complaint == \"unresolved\"')\n"
        "csat_unresolved = float(np.mean(unresolved['csat'].to_numpy() >= 4))"
    ),
    "q4_repurchase_ratio": (
        "cutoff = survey['survey_date'].iloc[0]\n"
        "later = set(log.loc[log['date'] >= cutoff + pd.Timedelta(days=1), 'customer_id'])\n"
        "flags = survey.assign(bought=[c in later for c in survey['customer_id']])\n"
        "rates = flags.groupby('csat')['bought'].mean()\n"
        "rate_5, rate_4 = float(rates[5]), float(rates[4])\n"
        "ratio_5_vs_4 = rate_5 / rate_4"
    ),
    "q5_promoter_repurchase": (
        _AFTER + "table = pd.crosstab(pd.cut(survey['recommend'], [-1, 6, 8, 10], labels=['d', 'p', 'P']), bought, normalize='index')\n"
        "promoter_repurchase = float(table.loc['P', True])\n"
        "detractor_repurchase = float(table.loc['d', True])"
    ),
    "q6_complaint_recovery": (
        "resolved = 160 * 0.8\n"
        "customers_kept = resolved * 0.51 - resolved * 0.43\n"
        "not_lost = resolved * 5 * 0.2\n"
        "recovery_total = 330 * customers_kept + 330 * not_lost"
    ),
    "q7_gesture_value": (
        "m, r, d = 147, 0.59, 0.04\n"
        "def value(margin, retention):\n"
        "    return margin * retention / (1 + d - retention)\n"
        "gesture_values = [value(m - row.cost_per_customer, r + row.uplift) - value(m, r) for row in gestures.itertuples()]\n"
        "best_gesture = gestures.index[int(np.argmax(gesture_values))]"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_nps_all": "nps_all = round(cv.nps(survey['recommend'].tolist()).score, 2)",
        "q2_nps_by_channel": (
            "both = survey.merge(customers, on='customer_id')\n"
            "nps_by_channel = pd.Series({c: round(cv.nps(g['recommend']).score, 1) for c, g in both.groupby('channel')})\n"
            "lowest_channel = min(nps_by_channel.index, key=nps_by_channel.get)"
        ),
        "q3_csat": (
            "csat_all = round(cv.csat(survey['csat']), 3)\n"
            "csat_unresolved = np.float64(round((survey.loc[survey.complaint.eq('unresolved'), 'csat'] > 3).mean(), 3))"
        ),
        "q4_repurchase_ratio": (
            "after = log.merge(survey[['customer_id', 'survey_date']], on='customer_id').query('date > survey_date')\n"
            "came = survey['customer_id'].isin(after['customer_id'])\n"
            "r5, r4 = came[survey['csat'] == 5].mean(), came[survey['csat'] == 4].mean()\n"
            "rate_5, rate_4, ratio_5_vs_4 = round(r5, 3), round(r4, 3), round(r5 / r4, 3)"
        ),
        "q5_promoter_repurchase": (
            _AFTER + "promoter_repurchase = round(bought[survey['recommend'].between(9, 10)].mean(), 3)\n"
            "detractor_repurchase = round(bought[survey['recommend'].between(0, 6)].mean(), 3)"
        ),
        "q6_complaint_recovery": (
            "r = cv.survey.complaint_recovery(330, 160, 0.8, 0.51, 0.43, told_if_dissatisfied=5, conversion=0.2)\n"
            "customers_kept = round(r['customers_kept'], 2)\n"
            "recovery_total = round(r['total_value'], 2)"
        ),
        "q7_gesture_value": (
            "v0 = cv.retention_clv(147, 0.59, 0.04)\n"
            "gesture_values = gestures.apply(lambda g: round(cv.retention_clv(147 - g['cost_per_customer'], 0.59 + g['uplift'], 0.04) - v0, 2), axis=1)\n"
            "best_gesture = str(gesture_values.idxmax())"
        ),
    },
]
