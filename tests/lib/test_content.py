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
