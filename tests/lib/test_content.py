"""Course content shipped as data: every file in content/ fits its schema; broken content is refused."""

from __future__ import annotations

import copy
import json

import pytest

from customer_value import _content


def test_every_content_file_has_a_schema_and_fits_it():
    files = {path.stem for path in _content.CONTENT_DIR.glob("*.json")}
    assert files == set(_content.SCHEMAS)
    for name in files:
        data = json.loads((_content.CONTENT_DIR / f"{name}.json").read_text(encoding="utf-8"))
        _content.validate(data, _content.SCHEMAS[name])


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: d.pop("regions"), "missing fields \\['regions'\\]"),
        (lambda d: d.update(extra=1), "unknown fields \\['extra'\\]"),
        (lambda d: d["firms"]["snacks"].update(female_share=1.5), "firms.snacks.female_share must lie in"),
        (lambda d: d["firms"]["snacks"]["age_shares"].pop(), "firms.snacks.age_shares must have 5 to 5 items"),
        (lambda d: d["firms"]["snacks"].update(seed=True), "firms.snacks.seed must be a whole number"),
        (lambda d: d["firms"]["snacks"].update(description=" "), "firms.snacks.description must be non-empty text"),
        (lambda d: d["firms"]["snacks"]["params"].update(r="1"), "firms.snacks.params.r must be a number"),
        (lambda d: d.update(firms={}), "firms must be a non-empty object"),
    ],
)
def test_damaged_content_is_refused_naming_the_field(damage, message):
    data = copy.deepcopy(_content.load("firms"))
    damage(data)
    with pytest.raises(ValueError, match=message):
        _content.validate(data, _content.SCHEMAS["firms"])


def test_unknown_content_name_is_refused():
    with pytest.raises(ValueError, match="name must be one of"):
        _content.load("nonsense")


def test_content_files_agree_with_each_other():
    from customer_value import communication, personality, rfm, tiers

    data = _content.load("personality")
    assert set(data["statements"]) == set(data["advice"]) == set(personality.TYPES)
    assert all(set(advice) == set(personality.ADVICE_KEYS) for advice in data["advice"].values())
    assert set(data["aliases"].values()) <= set(personality.TYPES)
    assert personality.TYPE_ALIASES["熊猫"] == "koala"  # course material 000's name of the koala
    comm = _content.load("communication")
    assert list(comm["type_adjustments"]) == list(personality.TYPES)
    for purpose in comm["purposes"].values():
        assert set(purpose["weights"]) <= set(comm["criteria"]) and sum(purpose["weights"].values()) == pytest.approx(1)
    assert all(set(t["changes"]) <= set(comm["criteria"]) for t in comm["type_adjustments"].values())
    stages = {stage["stage"] for stage in comm["process"]}
    assert all(b["stage"] in stages and b["remedy"] <= len(comm["remedies"]) for b in comm["barriers"])
    assert set(communication.CHANNELS) == set(comm["channels"])
    segments = _content.load("segments")
    assert sorted(s["code"] for s in segments["rfm_cn8"]) == sorted(f"{r}{f}{m}" for r in "01" for f in "01" for m in "01")
    cells = {(c["current"], c["future"]) for c in segments["value_classes"].values()}
    assert cells == {(now, later) for now in ("high", "low") for later in ("high", "medium", "low")}
    assert set(tiers.VALUE_QUADRANTS) == {(a, b) for a in ("high", "low") for b in ("high", "low")}
    assert len(rfm.CLASSIC_SEGMENTS) == 10
    names = [term["en"].casefold() for term in _content.load("glossary")["terms"]]
    assert len(names) == len(set(names))  # term() looks terms up by their English name
