"""Assignment 12 (customer identification and development): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.
"""

ASSIGNMENT = "12_customer_identification"

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "buyer_and_decider_swapped": (
        {"q1_buying_roles": 'roles = {"zhou": "decider", "gao": "buyer", "designers": "user", "li": "influencer", "wu": "influencer"}'},
        {"t1_buying_roles"},
    ),
    "team_leader_as_decider": (
        {"q1_buying_roles": 'roles = {"zhou": "buyer", "gao": "decider", "designers": "user", "li": "influencer", "wu": "decider"}'},
        {"t1_buying_roles"},
    ),
    "reseller_as_industrial": (
        {
            "q2_customer_types": (
                'customer_types = {"retiree": "individual", "convenience": "industrial", "factory": "industrial",\n'
                '                  "hospital": "institutional", "wholesaler": "industrial", "district": "institutional"}'
            )
        },
        {"t2_customer_types"},
    ),
    "habit_as_rational": (
        {"q3_motives": 'motives = {"a": "rational", "b": "emotional", "c": "rational", "d": "rational"}'},
        {"t3_motives"},
    ),
    "value_curve_as_competitor_study": (
        {"q4_needs_methods": 'methods = {"a": "experience", "b": "data_mining", "c": "system_economics", "d": "competitor", "e": "time"}'},
        {"t4_needs_methods"},
    ),
    "plain_mean_instead_of_weights": (
        {
            "q5_weighted_prospects": (
                "prospect_scores = prospects.mean(axis=1)\n"
                "eligible = list(prospects.index[prospects['credit'] >= 2])\n"
                "best_prospect = prospect_scores[eligible].idxmax()"
            )
        },
        {"t5_weighted_prospects"},
    ),
    "credit_rule_ignored": (
        {
            "q5_weighted_prospects": (
                "prospect_scores = (prospects * weights).sum(axis=1)\n"
                "eligible = list(prospects.index)\n"
                "best_prospect = prospect_scores.idxmax()  # P2 has credit 1"
            )
        },
        {"t5_weighted_prospects"},
    ),
    "sum_of_scores": (
        {
            "q5_weighted_prospects": (
                "prospect_scores = prospects.sum(axis=1)\n"
                "eligible = [p for p in prospects.index if prospects.loc[p, 'credit'] >= 2]\n"
                "best_prospect = prospect_scores[eligible].idxmax()"
            )
        },
        {"t5_weighted_prospects"},
    ),
    "classify_before_adjusting": (
        {"q6_identification_steps": 'steps = ["locate", "classify", "adjust", "develop"]'},
        {"t6_identification_steps"},
    ),
}

# Right answers written other ways (Series, built from lists, by hand with numpy): full marks.
ALTERNATIVE = {
    "q1_buying_roles": (
        'roles = pd.Series(["buyer", "decider", "user", "influencer", "influencer"],\n'
        '                  index=["zhou", "gao", "designers", "li", "wu"])'
    ),
    "q2_customer_types": (
        'keys = ["retiree", "convenience", "factory", "hospital", "wholesaler", "district"]\n'
        'customer_types = pd.Series(["individual", "intermediary", "industrial", "institutional", "intermediary", "institutional"], index=keys)'
    ),
    "q3_motives": 'motives = pd.Series({"d": "rational", "c": "preference", "b": "emotional", "a": "rational"})',
    "q4_needs_methods": (
        'methods = dict(zip("abcde", ["experience", "data_mining", "system_economics", "value_curve", "time"]))'
    ),
    "q5_weighted_prospects": (
        "w = weights.reindex(prospects.columns).to_numpy()\n"
        "prospect_scores = pd.Series(prospects.to_numpy() @ w, index=prospects.index)\n"
        "eligible = tuple(p for p in prospects.index if prospects.loc[p, 'credit'] > 1)\n"
        "best_prospect = max(eligible, key=lambda p: prospect_scores[p])"
    ),
    "q6_identification_steps": 'steps = ("locate", "adjust", "classify", "develop")',
}

ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_buying_roles": (
            'roles = {}\n'
            'for person in ["li", "wu"]:\n'
            '    roles[person] = "influencer"\n'
            'roles.update(zhou="buyer", gao="decider", designers="user")'
        ),
        "q2_customer_types": (
            'groups = {"individual": ["retiree"], "intermediary": ["convenience", "wholesaler"],\n'
            '          "industrial": ["factory"], "institutional": ["hospital", "district"]}\n'
            'customer_types = {key: kind for kind, keys in groups.items() for key in keys}'
        ),
        "q3_motives": 'motives = {key: kind for key, kind in [("a", "rational"), ("b", "emotional"), ("c", "preference"), ("d", "rational")]}',
        "q4_needs_methods": 'methods = pd.Series({"e": "time", "d": "value_curve", "c": "system_economics", "b": "data_mining", "a": "experience"})',
        "q5_weighted_prospects": (
            "prospect_scores = (prospects * weights).sum(axis=1).round(2)  # rounded: still right to 2 decimals\n"
            "eligible = prospects.index[prospects['credit'] >= 2]  # an Index\n"
            "best_prospect = prospect_scores.drop('P2').idxmax()"
        ),
        "q6_identification_steps": (
            'order = {"locate": 1, "adjust": 2, "classify": 3, "develop": 4}\n'
            'steps = sorted(order, key=order.get)'
        ),
    },
]
