"""Content prose in the library's language: Chinese twins ``<field>_zh`` of English content fields.

In zh-CN the functions that show content prose (communication's process and channel tables, the
capstone industries' description and assumptions, the RFM segments' action) put the Chinese in the
same columns and attributes; in English they return exactly the English of the content files, and
the module constants stay English whatever the language.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import customer_value as cv
from customer_value import _content, i18n, industries, rfm, tiers
from customer_value import communication as comm
from customer_value import personality as pdp

CJK = re.compile(r"[\u3400-\u9fff]")

#: content file → (path to a list or map of entries, English field) of every field with a Chinese twin
TRANSLATED = {
    "communication": [(("process",), "meaning"), (("process",), "example"), (("channels",), "cost_basis")],
    "firms": [(("firms",), "description"), (("firms",), "assumptions")],
    "segments": [(("rfm_classic",), "action"), (("rfm_cn8",), "action"),
                 (("pyramid_tiers",), "who"), (("pyramid_tiers",), "strategy")],
}


@pytest.fixture(autouse=True)
def _english_after():
    """Every test starts and ends in English (the library's default)."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def chinese():
    i18n.set_language("zh-CN")


def _entries(name: str, path: tuple[str, ...]):
    node = _content.load(name)
    for key in path:
        node = node[key]
    return list(node.values()) if isinstance(node, dict) else list(node)


def _chinese_prose(value) -> bool:
    return isinstance(value, str) and bool(value.strip()) and bool(CJK.search(value))


@pytest.mark.parametrize("name, path, field", [(n, p, f) for n, fields in TRANSLATED.items() for p, f in fields])
def test_every_translated_english_field_has_a_chinese_twin(name, path, field):
    for entry in _entries(name, path):
        english, chinese = entry[field], entry.get(f"{field}_zh")
        assert chinese, f"{name}.{'.'.join(path)}: {english!r} has no {field}_zh"
        if isinstance(english, list):
            assert len(chinese) == len(english), f"{name}: {field}_zh must have one line per {field} line"
            assert all(_chinese_prose(line) for line in chinese), chinese
        else:
            assert _chinese_prose(chinese), chinese


def test_localized_picks_the_twin_only_in_chinese():
    entry = {"meaning": "who has something to say", "meaning_zh": "有话要说的一方", "stage": "sender"}
    assert _content.localized(entry, "meaning") == "who has something to say"
    assert _content.localized(entry, "stage") == "sender"
    i18n.set_language("zh-CN")
    assert _content.localized(entry, "meaning") == "有话要说的一方"
    assert _content.localized(entry, "stage") == "sender", "a field without a twin is itself"


# --- zh-CN: Chinese in the same columns ----------------------------------------------------------

def test_process_table_in_chinese(chinese):
    table = comm.process_table()
    assert list(table.columns) == ["zh", "en", "meaning", "example"]
    assert list(table.index) == [stage["stage"] for stage in comm.PROCESS], "stage codes stay codes"
    for column in ("zh", "meaning", "example"):
        assert table[column].map(_chinese_prose).all(), table[column]


def test_channel_table_cost_basis_in_chinese(chinese):
    table = comm.channel_table()
    assert table["cost_basis"].map(_chinese_prose).all(), table["cost_basis"]
    assert table.loc["face_to_face", "cost_basis"].startswith("一次拜访")
    assert all(not CJK.search(channel.cost_basis) for channel in comm.CHANNELS.values()), "CHANNELS stay English"


def test_barrier_table_prose_columns_are_chinese_or_deliberately_english(chinese):
    table = comm.barrier_table()
    for column in ("zh", "how_zh", "remedy_zh"):
        assert table[column].map(_chinese_prose).all(), column
    assert set(table["stage"]) <= set(comm.process_table().index), "stage is a code of the process table"


def test_items_have_chinese_statements(chinese):
    table = pdp.items()
    assert table["statement_zh"].map(_chinese_prose).all()
    assert table.loc[0, "statement_zh"] == "我喜欢掌控局面，由自己来做决定。"


@pytest.mark.parametrize("code", list(industries.INDUSTRIES))
def test_industry_description_and_assumptions_in_chinese(chinese, code):
    profile = industries.get_industry(code)
    assert _chinese_prose(profile.description), profile.description
    assert profile.assumptions and all(_chinese_prose(line) for line in profile.assumptions), profile.assumptions
    assert len(profile.assumptions) == len(industries.INDUSTRIES[code].assumptions)
    assert industries.get_industry(profile.zh).description == profile.description
    assert industries.get_industry(industries.INDUSTRIES[code]).description == profile.description
    assert profile.params == industries.INDUSTRIES[code].params and profile.seed == industries.INDUSTRIES[code].seed
    assert not CJK.search(industries.INDUSTRIES[code].description), "INDUSTRIES stay English"


def test_industry_language_is_that_of_the_call():
    english = industries.get_industry("apparel")
    i18n.set_language("zh-CN")
    chinese = industries.get_industry("apparel")
    i18n.set_language("en")
    assert not CJK.search(english.description) and CJK.search(chinese.description)
    assert industries.get_industry("apparel") is industries.INDUSTRIES["apparel"]


def _scores() -> pd.DataFrame:
    rows = [(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in (1, 5)]
    return pd.DataFrame(rows, columns=["R", "F", "M"], index=pd.RangeIndex(len(rows), name="customer_id"))


def _raw() -> pd.DataFrame:
    rows = [(d, n, s) for d in (10, 300) for n in (1, 9) for s in (20.0, 900.0)]
    return pd.DataFrame(rows, columns=["days_since_last", "n_purchases", "total_spend"],
                        index=pd.RangeIndex(len(rows), name="customer_id"))


def test_rfm_actions_in_chinese(chinese):
    classic = rfm.rfm_segments(_scores(), "classic").dropna()
    assert classic["action"].map(_chinese_prose).all()
    cn8 = rfm.rfm_segments(_raw(), "cn8")
    assert cn8["rfm_high_low"].nunique() == 8
    assert cn8["action"].map(_chinese_prose).all()
    assert all(not CJK.search(row[4]) for row in rfm.CLASSIC_SEGMENTS), "CLASSIC_SEGMENTS stay English"
    assert all(not CJK.search(row[3]) for row in rfm.CN8_SEGMENTS), "CN8_SEGMENTS stay English"


# --- en: exactly the English of the content --------------------------------------------------------

def test_english_tables_are_the_english_content():
    process = comm.process_table()
    assert list(process.columns) == ["zh", "en", "meaning", "example"]
    assert process.equals(pd.DataFrame(list(comm.PROCESS)).set_index("stage"))
    assert process.loc["sender", "meaning"] == "who has something to say: the salesperson, the service agent, the firm"
    assert all(set(stage) == {"stage", "zh", "en", "meaning", "example"} for stage in comm.PROCESS)
    channels = comm.channel_table()
    assert list(channels["cost_basis"]) == [channel.cost_basis for channel in comm.CHANNELS.values()]
    assert channels.loc["face_to_face", "cost_basis"] == (
        "a visit: about 2 hours of a salesperson's time with travel (≈ 50 yuan/h) plus ≈ 50 yuan of travel")
    assert list(channels.columns[-2:]) == ["cost_per_contact", "cost_basis"]
    assert list(comm.barrier_table().columns) == ["zh", "en", "stage", "remedy", "how_zh", "how_en", "remedy_zh", "remedy_en"]
    assert list(pdp.items().columns) == ["item", "type", "statement_zh", "statement_en"]
    assert all(set(criterion) == {"zh", "en", "meaning", "meaning_zh"} for criterion in comm.CRITERIA.values())


def test_english_industries_are_the_shipped_profiles():
    for code, profile in industries.INDUSTRIES.items():
        assert industries.get_industry(code) is profile
        record = _content.load("firms")["firms"][code]
        assert profile.description == record["description"] and profile.assumptions == tuple(record["assumptions"])
    assert industries.get_industry("apparel").description == (
        "a chain of clothing and bedding stores with an online shop and live-stream sales")


def test_english_rfm_actions_and_tiers_are_the_constants():
    classic = rfm.rfm_segments(_scores(), "classic").dropna()
    by_name = {row[2]: row[4] for row in rfm.CLASSIC_SEGMENTS}
    assert (classic["action"] == classic["segment"].map(by_name)).all()
    cn8 = rfm.rfm_segments(_raw(), "cn8")
    by_code = {row[0]: row[3] for row in rfm.CN8_SEGMENTS}
    assert (cn8["action"] == cn8["rfm_high_low"].map(by_code)).all()
    assert by_code["000"] == "Low on all three: low-cost reactivation or let go."
    assert all(set(tier) == {"zh", "who", "strategy"} for tier in tiers.PYRAMID_TIERS.values())
    assert len(rfm.CLASSIC_SEGMENTS[0]) == 5 and len(rfm.CN8_SEGMENTS[0]) == 4


def test_constants_do_not_follow_the_language(chinese):
    assert comm.PROCESS[0]["meaning"].startswith("who has something to say")
    assert tiers.PYRAMID_TIERS["lead"]["strategy"].startswith("change the terms")
    assert cv.i18n.get_language() == "zh-CN"
