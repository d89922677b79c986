"""Assignment 08 (probabilistic CLV): submissions the grading tests build.

Precision rules (stated in each question, used by the self-check and the hidden test): q1 frequency
exact, recency and T to 2 decimals (weeks); q2 and q5 parameters to 2 decimals; q3 3 decimals; q4 to
the whole transaction; q6 total to the hundred dollars, top customer exact. The hidden tests fit the
models on the shipped CDNOW summary themselves (not on the notebook's `summary` or `bg`).
"""

ASSIGNMENT = "08_probabilistic_clv"

WRONG = {
    "summary_rebound_to_the_calibration_answer": (
        {
            "q2_fit_bgnbd": (
                "summary = cal.assign(frequency=cal['frequency'] + 1)  # a slip carried on by rebinding summary\n"
                "bg = btyd.BetaGeoModel().fit(summary['frequency'], summary['recency'], summary['T'])\n"
                "bg_params = bg.params_"
            )
        },
        {"t2_fit_bgnbd", "t3_one_customer", "t4_holdout_forecast", "t5_fit_gamma_gamma", "t6_clv"},
    ),
    "counts_first_purchase_in_frequency": (
        {
            "q1_calibration_summary": (
                "cal = cv.summarize(log[log['date'] <= CAL_END], observation_end=CAL_END, freq='W')\n"
                "cal['frequency'] = cal['frequency'] + 1  # counts the first purchase too"
            )
        },
        {"t1_calibration_summary"},
    ),
    "recency_from_the_end": (
        {
            "q1_calibration_summary": (
                "cal = cv.summarize(log[log['date'] <= CAL_END], observation_end=CAL_END, freq='W')\n"
                "cal['recency'] = cal['days_since_last'] / 7  # time since the last purchase"
            )
        },
        {"t1_calibration_summary"},
    ),
    "fits_in_days": (
        {
            "q2_fit_bgnbd": (
                "bg = btyd.BetaGeoModel().fit(summary['frequency'], summary['recency'] * 7, summary['T'] * 7)\n"
                "bg_params = bg.params_"
            )
        },
        # the model fitted in days carries over into the forecasts and the CLV
        {"t2_fit_bgnbd", "t3_one_customer", "t4_holdout_forecast", "t6_clv"},
    ),
    "new_customer_expectation": (
        {
            "q3_one_customer": (
                "one = summary.loc[1]\n"
                "p_alive_1 = float(bg.p_alive(one['frequency'], one['recency'], one['T'])[0])\n"
                "expected_52_1 = float(bg.expected_purchases(52)[0])  # a new customer's, not this one's"
            )
        },
        {"t3_one_customer"},
    ),
    "everybody_as_a_new_customer": (
        {"q4_holdout_forecast": "holdout_predicted = float(len(summary) * bg.expected_purchases(39)[0])"},
        {"t4_holdout_forecast"},
    ),
    "one_time_buyers_in_the_spend_model": (
        {
            "q5_fit_gamma_gamma": (
                "spend = summary['total_spend'] / summary['n_purchases']\n"
                "gg = btyd.GammaGammaModel().fit(summary['frequency'].clip(lower=1), spend)\n"
                "gg_params = gg.params_"
            )
        },
        {"t5_fit_gamma_gamma", "t6_clv"},
    ),
    "forgets_discounting": (
        {
            "q6_clv": (
                "clv = btyd.customer_lifetime_value(bg, gg, summary, horizon_months=12, discount_rate_monthly=0.0)\n"
                "total_clv_12m = float(clv.sum())\n"
                "top_customer = int(clv.idxmax())"
            )
        },
        {"t6_clv"},
    ),
}

ALTERNATIVE = {
    "q1_calibration_summary": (
        "days = log[log['date'] <= CAL_END].drop_duplicates(['customer_id', 'date'])\n"
        "g = days.groupby('customer_id')['date']\n"
        "cal = pd.DataFrame({\n"
        "    'frequency': g.count() - 1,\n"
        "    'recency': (g.max() - g.min()).dt.days / 7,\n"
        "    'T': (CAL_END - g.min()).dt.days / 7,\n"
        "})"
    ),
    "q2_fit_bgnbd": (
        "bg = btyd.BetaGeoModel()\n"
        "bg.fit(summary.frequency.to_numpy(), summary.recency.to_numpy(), summary['T'].to_numpy())\n"
        "bg_params = {name: round(value, 6) for name, value in bg.params_.items()}"
    ),
    "q3_one_customer": (
        "from scipy.special import hyp2f1\n"
        "r, alpha, a, b = (bg.params_[k] for k in ('r', 'alpha', 'a', 'b'))\n"
        "x, t_x, T = 2, summary.loc[1, 'recency'], summary.loc[1, 'T']\n"
        "odds = a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)\n"
        "p_alive_1 = 1 / (1 + odds)\n"
        "z = 52 / (alpha + T + 52)\n"
        "expected_52_1 = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + 52)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)) * p_alive_1"
    ),
    "q4_holdout_forecast": (
        "holdout_predicted = 0.0\n"
        "for _, row in summary.iterrows():\n"
        "    holdout_predicted += bg.predict(39, row['frequency'], row['recency'], row['T'])[0]"
    ),
    "q5_fit_gamma_gamma": (
        "repeaters = summary[summary['frequency'] > 0]\n"
        "gg = btyd.GammaGammaModel().fit(repeaters['frequency'], repeaters['monetary_value'])\n"
        "gg_params = dict(gg.params_)"
    ),
    "q6_clv": (
        "spend = gg.expected_spend(summary['frequency'], summary['monetary_value'])\n"
        "value = np.zeros(len(summary))\n"
        "before = np.zeros(len(summary))\n"
        "for month in range(1, 13):\n"
        "    after = bg.predict(month * 4.345, summary['frequency'], summary['recency'], summary['T'])\n"
        "    value += (after - before) * spend / 1.01 ** month\n"
        "    before = after\n"
        "total_clv_12m = float(value.sum())\n"
        "top_customer = int(summary.index[np.argmax(value)])"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_calibration_summary": (
            "cal = cv.summarize(log.loc[log['date'] <= CAL_END], observation_end=CAL_END, freq='W')\n"
            "cal = cal.assign(recency=cal['recency'].round(2), T=cal['T'].round(2))[['T', 'recency', 'frequency']]"
        ),
        "q2_fit_bgnbd": (
            "bg = cv.BetaGeoModel().fit(summary['frequency'], summary['recency'], summary['T'])\n"
            "bg_params = pd.Series(bg.params_).round(2).to_dict()"
        ),
        "q3_one_customer": (
            "x, t_x, T = summary.loc[1, ['frequency', 'recency', 'T']]\n"
            "p_alive_1 = round(float(bg.p_alive(x, t_x, T)[0]), 3)\n"
            "expected_52_1 = np.float64(round(float(bg.predict(52, x, t_x, T)[0]), 3))"
        ),
        "q4_holdout_forecast": "holdout_predicted = int(round(bg.predict(39, summary['frequency'], summary['recency'], summary['T']).sum()))",
        "q5_fit_gamma_gamma": (
            "gg = cv.GammaGammaModel().fit(summary['frequency'], summary['monetary_value'])\n"
            "gg_params = {k: round(float(v), 2) for k, v in gg.params_.items()}"
        ),
        "q6_clv": (
            "clv = cv.customer_lifetime_value(bg, gg, summary, horizon_months=12, discount_rate_monthly=0.01)\n"
            "total_clv_12m = round(clv.sum(), -2)\n"
            "top_customer = clv.sort_values().index[-1]"
        ),
    },
]
