"""Channels, choosing one for a purpose and a customer, the process and its barriers."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import customer_value as cv

comm = cv.communication
SEED_TOOLS = ["face_to_face", "phone", "sms", "internet", "letter", "call_centre", "demonstration"]
TYPE_CODES = ("tiger", "peacock", "koala", "owl", "chameleon")


def test_channel_table_holds_the_seven_tools_of_seed_001_in_order():
    table = comm.channel_table()
    assert list(table.index) == SEED_TOOLS
    assert list(table["zh"]) == ["面谈", "电话", "短信", "网络平台", "信函", "呼叫中心", "现场演示"]
    ratings = table[list(comm.CRITERIA)]
    assert ((ratings >= 1) & (ratings <= 5)).all().all()
    assert ratings.drop(columns="economy").isin([1, 2, 3, 4, 5]).all().all()
    # the seed's superlatives hold in the table
    assert table["economy"].idxmax() == "sms"  # 最经济
    assert table["formality"].idxmax() == "letter"  # 最正式
    assert table["showing"].idxmax() == "demonstration"  # 效果明显
    assert table["cost_per_contact"].idxmax() == "demonstration"  # 难度大
    assert table.loc["face_to_face", ["interactivity", "richness"]].tolist() == [5, 5]  # 最有效


def test_economy_is_a_log_scale_of_cost():
    table = comm.channel_table()
    assert table.loc["sms", "economy"] == pytest.approx(5)
    assert table.loc["demonstration", "economy"] == pytest.approx(1)
    # internet: 1 + 4 ln(200 / 0.5) / ln(200 / 0.05) = 5 - 4 ln(10) / ln(4000)
    assert table.loc["internet", "economy"] == pytest.approx(5 - 4 * math.log(10) / math.log(4000))


def test_channels_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        comm.CHANNELS["sms"] = None
    with pytest.raises(AttributeError):
        comm.CHANNELS["sms"].cost_per_contact = 0


@pytest.mark.parametrize(
    "purpose, customer_type, urgent, best",
    [
        ("complaint", None, False, "face_to_face"),  # emotional and complex: the most effective tool
        ("complaint", None, True, "phone"),  # ... but if it cannot wait: the most convenient
        ("complaint", "tiger", False, "phone"),  # tiger: fast and direct
        ("complaint", "peacock", False, "face_to_face"),
        ("complaint", "owl", False, "call_centre"),  # owl: a logged, written record
        ("product_intro", None, False, "demonstration"),  # 效果明显
        ("reminder", None, False, "sms"),  # 最经济, reaches everyone at once
        ("relationship", None, False, "face_to_face"),
        ("relationship", "tiger", False, "phone"),
        ("negotiation", None, False, "face_to_face"),
        ("survey", None, False, "internet"),
        ("formal_notice", None, False, "letter"),  # 最正式
        ("formal_notice", "owl", True, "letter"),
    ],
)
def test_documented_choices(purpose, customer_type, urgent, best):
    ranking = comm.choose_channel(purpose, customer_type, urgent)
    assert ranking.index[0] == best
    assert ranking["rank"].tolist() == list(range(1, 8))


def test_complaint_scores_worked_by_hand():
    # weights: interactivity 0.30, richness 0.30, speed 0.15, record 0.10, complexity 0.15
    ranking = comm.choose_channel("complaint")
    # face to face: 5, 5, 2, 1, 4 → 100 (0.30 + 0.30 + 0.15/4 + 0 + 0.15·3/4) = 75
    assert ranking.loc["face_to_face", "score"] == pytest.approx(75.0)
    # phone: 5, 3, 5, 1, 3 → 100 (0.30 + 0.15 + 0.15 + 0 + 0.075) = 67.5
    assert ranking.loc["phone", "score"] == pytest.approx(67.5)
    assert ranking.index.tolist()[:3] == ["face_to_face", "phone", "call_centre"]
    assert ranking.index[-1] == "letter"


def test_weights_add_up_to_one_and_follow_the_adjustments():
    weights = comm.channel_weights("complaint", "tiger", urgent=True)
    assert weights.sum() == pytest.approx(1)
    # 0.15 + 0.20 (tiger) + 0.30 (urgent) on speed, out of a total of 1 + 0.30 + 0.30
    assert weights["speed"] == pytest.approx(0.65 / 1.6)
    owl = comm.channel_weights("complaint", "owl")
    assert owl["richness"] == pytest.approx(0.20 / 1.2)  # 0.30 - 0.10
    assert (comm.channel_weights("survey", "owl") >= 0).all()
    assert comm.channel_weights("survey", "chameleon").equals(comm.channel_weights("survey"))


def test_reasons_are_bilingual_and_name_the_seed():
    ranking = comm.choose_channel("reminder")
    assert ranking.loc["sms", "reason_en"] == "strong on economy, reach"
    assert "经济性" in ranking.loc["sms", "reason_zh"]
    assert "不足：经济性" in ranking.loc["face_to_face", "reason_zh"]
    assert ranking.attrs["weights"].sum() == pytest.approx(1)


@pytest.mark.parametrize("name, code", [("熊猫", "koala"), ("啄木鸟", "owl"), ("老虎", "tiger"), ("Koala", "koala")])
def test_customer_type_accepts_the_course_material_names(name, code):
    # course material 000 calls the koala 熊猫 and the owl 啄木鸟; personality resolves every name
    assert comm.channel_weights("complaint", name).equals(comm.channel_weights("complaint", code))


def test_type_adjustments_cover_the_personality_types():
    assert tuple(comm.TYPE_ADJUSTMENTS) == TYPE_CODES
    personality = pytest.importorskip("customer_value.personality")
    assert tuple(comm.TYPE_ADJUSTMENTS) == tuple(personality.TYPES)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"purpose": "gossip"}, "purpose must be one of"),
        ({"purpose": "Complaint"}, "'Complaint'"),
        ({"purpose": None}, "purpose"),
        ({"purpose": "complaint", "customer_type": "lion"}, "customer_type must be one of"),
        ({"purpose": "complaint", "customer_type": "老鹰"}, "customer_type"),
        ({"purpose": "complaint", "urgent": "yes"}, "urgent must be True or False"),
    ],
)
def test_bad_input_raises_a_clear_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        comm.choose_channel(**kwargs)


def test_process_and_barriers():
    process = comm.process_table()
    assert list(process.index) == ["sender", "encoding", "channel", "decoding", "receiver", "feedback", "noise"]
    barriers = comm.barrier_table()
    assert set(barriers["stage"]) <= set(process.index)
    assert set(barriers["remedy"]) == set(range(1, 7)), "every remedy of course material 001 is used"
    assert barriers.loc[barriers["remedy"] == 5, "remedy_zh"].iloc[0] == "重视反馈"
    assert len(comm.REMEDIES) == 6


@given(
    purpose=st.sampled_from(list(comm.PURPOSES)),
    customer_type=st.sampled_from([None, *TYPE_CODES]),
    urgent=st.booleans(),
)
def test_ranking_is_a_bounded_sorted_permutation(purpose, customer_type, urgent):
    ranking = comm.choose_channel(purpose, customer_type, urgent)
    assert sorted(ranking.index) == sorted(SEED_TOOLS)
    assert ranking["score"].between(0, 100).all()
    assert ranking["score"].is_monotonic_decreasing
    assert ranking["rank"].tolist() == list(range(1, 8))
    assert ranking["reason_en"].str.len().gt(0).all() and ranking["reason_zh"].str.len().gt(0).all()


@given(purpose=st.sampled_from(list(comm.PURPOSES)), customer_type=st.sampled_from([None, *TYPE_CODES]))
def test_urgency_favours_fast_channels_over_slow_ones(purpose, customer_type):
    calm = comm.choose_channel(purpose, customer_type)
    urgent = comm.choose_channel(purpose, customer_type, urgent=True)
    fast = comm.channel_table().query("speed == 5").index
    slow = comm.channel_table().query("speed == 1").index
    # more weight on speed raises the score of every channel rated 5 on speed relative to those rated 1
    gap_calm = calm.loc[fast, "score"].min() - calm.loc[slow, "score"].max()
    gap_urgent = urgent.loc[fast, "score"].min() - urgent.loc[slow, "score"].max()
    assert gap_urgent >= gap_calm - 1e-9


def test_tables_are_fresh_copies():
    table = comm.channel_table()
    table.loc["sms", "cost_per_contact"] = 99
    assert comm.channel_table().loc["sms", "cost_per_contact"] == 0.05
    assert isinstance(comm.process_table(), pd.DataFrame)
