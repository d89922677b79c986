"""Assignment 10 (communicating with customers): submissions the grading tests build.

Each entry replaces the code of answer cells (by grade_id) in an otherwise correct submission.

Precision rules (stated in each question, used by the self-check and the hidden test): q1-q3 exact;
q4 types exact, shares to 3 decimals; q5 to the cent; q6 channel codes exact, owl_gap to 1 decimal.
"""

ASSIGNMENT = "10_communication"

_TYPES = "types = cv.personality.TYPES\n"

# Common mistakes: each must lose the points of the question it gets wrong, and only those.
WRONG = {
    "item_type_off_by_one": (
        {
            "q1_score_sheet": (
                _TYPES + "wang_scores = pd.Series(0, index=list(types))\n"
                "for k, answer in enumerate(wang, start=1):\n"
                "    wang_scores[types[k % 5]] += answer  # item 1 counted as peacock"
            )
        },
        {"t1_score_sheet"},
    ),
    "mean_instead_of_sum": (
        {"q1_score_sheet": _TYPES + "wang_scores = pd.Series({t: np.mean(wang[i::5]) for i, t in enumerate(types)})"},
        {"t1_score_sheet"},
    ),
    "reverse_scored_scale": (
        {"q1_score_sheet": "wang_scores = cv.personality.score([6 - a for a in wang])  # 5 read as 1"},
        {"t1_score_sheet"},
    ),
    "highest_score_ignores_chameleon_rule": (
        {"q2_dominant_type": "dominant = {n: cv.personality.score(s).idxmax() for n, s in sheets.items()}"},
        {"t2_dominant_type"},
    ),
    "natural_type_from_work_column": (
        {
            "q3_profile_gap": (
                "chen_profile = cv.personality.profile({p: chen[p].tolist() for p in chen.columns})\n"
                "natural_type = chen_profile['work'].idxmax()  # the highest at-work score\n"
                "d = chen_profile['work'] - chen_profile['natural']\n"
                "gap_type = d.abs().idxmax()\n"
                "gap = d[gap_type]"
            )
        },
        {"t3_profile_gap"},
    ),
    "largest_rise_instead_of_largest_change": (
        {
            "q3_profile_gap": (
                "chen_profile = cv.personality.profile({p: chen[p].tolist() for p in chen.columns})\n"
                "natural_type = cv.personality.dominant_type(chen_profile['natural'])\n"
                "d = chen_profile['work'] - chen_profile['natural']\n"
                "gap_type = d.idxmax()  # signed: misses the larger drop\n"
                "gap = d.max()"
            )
        },
        {"t3_profile_gap"},
    ),
    "shares_as_percentages": (
        {
            "q4_team_mix": (
                "team_types = pd.Series({m: cv.personality.dominant_type(cv.personality.score(r.tolist())) for m, r in team.iterrows()})\n"
                "type_shares = 100 * team_types.value_counts(normalize=True)"
            )
        },
        {"t4_team_mix"},
    ),
    "sms_to_every_member_as_well": (
        {
            "q5_campaign_cost": (
                "c = cost_per_contact\n"
                "plan_cost = 40 * c['demonstration'] + 360 * c['phone'] + 2400 * c['sms']  # key accounts and regulars texted too\n"
                "all_phone_cost = 2400 * c['phone']\n"
                "saving = all_phone_cost - plan_cost"
            )
        },
        {"t5_campaign_cost"},
    ),
    "call_centre_for_a_private_customer": (
        {
            "q6_choose_channel": (
                "cases = [('complaint', 'tiger'), ('complaint', 'owl'), ('complaint', 'owl'), ('formal_notice', None)]\n"
                "best = [cv.communication.choose_channel(p, t).index[0] for p, t in cases]  # the score alone\n"
                "owl_gap = 0.0"
            )
        },
        {"t6_choose_channel"},
    ),
    "no_call_centre_for_the_group_either": (
        {
            "q6_choose_channel": (
                "cases = [('complaint', 'tiger'), ('complaint', 'owl'), ('complaint', 'owl'), ('formal_notice', None)]\n"
                "best = [cv.communication.choose_channel(p, t).drop('call_centre').index[0] for p, t in cases]\n"
                "r = cv.communication.choose_channel('complaint', 'owl')\n"
                "owl_gap = r['score'].iloc[0] - r.loc[best[1], 'score']"
            )
        },
        {"t6_choose_channel"},
    ),
    "owl_gap_the_wrong_way_round": (
        {
            "q6_choose_channel": (
                "best = ['phone', 'internet', 'call_centre', 'letter']\n"
                "r = cv.communication.choose_channel('complaint', 'owl')\n"
                "owl_gap = r.loc['internet', 'score'] - r.loc['face_to_face', 'score']  # against the next channel, not the top"
            )
        },
        {"t6_choose_channel"},
    ),
}

# Right answers written another way (by hand with pandas, other containers): full marks.
ALTERNATIVE = {
    "q1_score_sheet": (
        "answers = pd.Series(wang, index=range(1, 31))\n"
        "wang_scores = answers.groupby(lambda k: cv.personality.TYPES[(k - 1) % 5]).sum()"
    ),
    "q2_dominant_type": (
        "def by_hand(answers):\n"
        "    s = pd.Series(answers).groupby(np.arange(30) % 5).sum()\n"
        "    s.index = ['tiger', 'peacock', 'koala', 'owl', 'chameleon']\n"
        "    if s.max() - s.min() <= 3 or (s == s.max()).sum() > 1:\n"
        "        return 'chameleon'\n"
        "    return s.idxmax()\n"
        "dominant = pd.Series({name: by_hand(a) for name, a in sheets.items()})"
    ),
    "q3_profile_gap": (
        "kinds = ['tiger', 'peacock', 'koala', 'owl', 'chameleon']\n"
        "chen_profile = chen.groupby((chen.index - 1) % 5).sum()\n"
        "chen_profile.index = kinds\n"
        "chen_profile = chen_profile[['others', 'work', 'natural']]  # any column order\n"
        "nat = chen_profile['natural']\n"
        "natural_type = 'chameleon' if nat.max() - nat.min() <= 3 or (nat == nat.max()).sum() > 1 else nat.idxmax()\n"
        "diff = chen_profile['work'] - nat\n"
        "gap_type = diff.abs().sort_values(ascending=False).index[0]\n"
        "gap = int(diff[gap_type])"
    ),
    "q4_team_mix": (
        "kinds = np.array(['tiger', 'peacock', 'koala', 'owl', 'chameleon'])\n"
        "scores = team.T.groupby((team.columns - 1) % 5).sum().T  # members x 5 types\n"
        "scores.columns = kinds\n"
        "flat = scores.max(axis=1) - scores.min(axis=1) <= 3\n"
        "tie = scores.eq(scores.max(axis=1), axis=0).sum(axis=1) > 1\n"
        "team_types = scores.idxmax(axis=1).where(~(flat | tie), 'chameleon')\n"
        "type_shares = team_types.value_counts() / len(team_types)  # types present only"
    ),
    "q5_campaign_cost": (
        "costs = {'demonstration': 200.0, 'phone': 5.0, 'sms': 0.05}\n"
        "plan_cost = float(np.dot([40, 360, 2000], [costs['demonstration'], costs['phone'], costs['sms']]))\n"
        "all_phone_cost = 2400 * costs['phone']\n"
        "saving = all_phone_cost - plan_cost"
    ),
    "q6_choose_channel": (
        "comm = cv.communication\n"
        "table = comm.channel_table()\n"
        "crit = list(comm.CRITERIA)\n"
        "def scores(purpose, kind=None):\n"
        "    w = comm.channel_weights(purpose, kind)\n"
        "    return 100 * ((table[crit] - 1) / 4).mul(w).sum(axis=1)\n"
        "private = lambda s: s.drop('call_centre')  # 呼叫中心 serves 集团客户\n"
        "best = [private(scores('complaint', 'tiger')).idxmax(), private(scores('complaint', 'owl')).idxmax(),\n"
        "        scores('complaint', 'owl').idxmax(), private(scores('formal_notice')).idxmax()]\n"
        "owl_gap = float(scores('complaint', 'owl').max() - scores('complaint', 'owl')[best[1]])"
    ),
}

# Right answers rounded within each question's stated precision, other types and idioms.
ALTERNATIVES = [
    ALTERNATIVE,
    {
        "q1_score_sheet": "wang_scores = pd.Series({t: sum(wang[i::5]) for i, t in enumerate(cv.personality.TYPES)}).astype('int32')",
        "q2_dominant_type": "dominant = {n: str(cv.personality.dominant_type(cv.personality.score(a))) for n, a in reversed(list(sheets.items()))}",
        "q3_profile_gap": (
            "chen_profile = pd.DataFrame({p: cv.personality.score(chen[p].tolist()) for p in ['natural', 'work', 'others']})\n"
            "natural_type = cv.personality.dominant_type(chen_profile['natural'])\n"
            "d = (chen_profile['work'] - chen_profile['natural']).to_dict()\n"
            "gap_type = max(d, key=lambda k: abs(d[k]))\n"
            "gap = float(d[gap_type])"
        ),
        "q4_team_mix": (
            "team_types = pd.Series({m: cv.personality.dominant_type(cv.personality.score(list(team.loc[m]))) for m in team.index})\n"
            "type_shares = (team_types.value_counts() / 12).round(3)"
        ),
        "q5_campaign_cost": (
            "c = cost_per_contact.to_dict()\n"
            "plan_cost = round(40 * c['demonstration'] + 360 * c['phone'] + (2400 - 400) * c['sms'], 2)\n"
            "all_phone_cost = int(2400 * c['phone'])\n"
            "saving = round(all_phone_cost - plan_cost, 2)"
        ),
        "q6_choose_channel": (
            "b = cv.communication.choose_channel('complaint', 'owl')\n"
            "best = ('phone', 'internet', 'call_centre', 'letter')  # read from the four rankings, call centre only for the group\n"
            "owl_gap = round(b['score'].max() - b.at['internet', 'score'], 1)"
        ),
    },
]
