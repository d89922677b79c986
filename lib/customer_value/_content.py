"""Course content shipped as data: JSON files in ``content/``, checked against a schema on load.

Content (firm profiles, personality statements and advice, communication channels, glossary
terms, segment maps and labels, practice quizzes ``quiz_<lesson>.json``) lives in ``lib/customer_value/content/*.json``; the modules that
use it read it through :func:`load` and keep only computation (docs/architecture.md). Every
user-facing string is a plain field of its own (English in ``en`` or an English-named field,
Chinese in ``zh``), so a gettext catalog can later translate them field by field. An English prose
field ``<field>`` may have a Chinese twin ``<field>_zh``: :func:`localized` picks the one of the
library's language (``cv.set_language``) when a function builds its output, never at import, so
module constants stay English and the English output is the same with or without the twin.

A schema is a small dict: ``{"type": "object", "fields": {name: schema}}`` (every field
required, no others), ``{"type": "map", "values": schema}`` (any keys; ``"empty": True`` allows none), ``{"type": "list",
"items": schema, "min": n}``, ``{"type": "str"}``, ``{"type": "int"}``, ``{"type": "number",
"min": x, "max": y}`` (bounds inclusive).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .i18n import get_language
from .i18n import gettext as _

__all__ = ["CONTENT_DIR", "SCHEMAS", "load", "localized", "validate"]

CONTENT_DIR = Path(__file__).resolve().parent / "content"

_STR = {"type": "str"}
_SHARE = {"type": "number", "min": 0.0, "max": 1.0}
_POSITIVE = {"type": "number", "min": 0.0}
_STRS = {"type": "list", "items": _STR}


def _obj(**fields: Any) -> dict[str, Any]:
    return {"type": "object", "fields": fields}


_FIRM = _obj(
    code=_STR, zh=_STR, en=_STR, company_zh=_STR, company_en=_STR, description=_STR, description_zh=_STR,
    params=_obj(**{name: _POSITIVE for name in ("r", "alpha", "a", "b", "p", "q", "gamma")}),
    categories={"type": "map", "values": _obj(zh=_STR, share=_SHARE, cost_share=_SHARE)},
    channels={"type": "map", "values": _obj(zh=_STR, share=_SHARE, loyalty_tilt={"type": "number", "min": -1.0, "max": 1.0})},
    female_share=_SHARE,
    age_shares={"type": "list", "items": _SHARE, "min": 5, "max": 5},
    age_tilts={"type": "list", "items": {"type": "number", "min": -1.0, "max": 1.0}, "min": 5, "max": 5},
    other_region_share=_SHARE, seed={"type": "int"},
    draw_order={"type": "list", "items": _STR, "min": 3, "max": 3},
    assumptions=_STRS, assumptions_zh=_STRS,
)

_BILINGUAL = _obj(zh=_STR, en=_STR)
_RATING = {"type": "int", "min": 1, "max": 5}
_WEIGHTS = {"type": "map", "values": {"type": "number", "min": -1.0, "max": 1.0}}
_RANGE = {"type": "list", "items": {"type": "int", "min": 1, "max": 5}, "min": 2, "max": 2}
_CRITERIA = ("interactivity", "richness", "reach", "formality", "record", "complexity", "speed", "showing")
_LEVEL = {"type": "str"}

_WHY = {"why_en": _STR, "why_zh": _STR}
#: a practice quiz file content/quiz_<lesson>.json (read by quiz.py); each kind may be empty
_QUIZ = _obj(
    about=_STR,
    choice={"type": "map", "empty": True, "values": _obj(
        source=_STR, source_zh=_STR, prompt=_BILINGUAL,
        options={"type": "map", "values": _obj(en=_STR, zh=_STR, **_WHY)},
        answer={"type": "list", "items": _STR, "min": 1},
    )},
    classify={"type": "map", "empty": True, "values": _obj(
        source=_STR, source_zh=_STR, prompt=_BILINGUAL, categories={"type": "map", "values": _BILINGUAL},
        cases={"type": "map", "values": _obj(en=_STR, zh=_STR, category=_STR, **_WHY)},
    )},
    number={"type": "map", "empty": True, "values": _obj(
        source=_STR, source_zh=_STR, prompt=_BILINGUAL, answer={"type": "number"}, tolerance=_POSITIVE,
        working_en=_STR, working_zh=_STR, hint_en=_STR, hint_zh=_STR,
        mistakes={"type": "list", "items": _obj(value={"type": "number"}, **_WHY)},
    )},
)

#: schema of each content file, by file stem (every quiz_*.json file has the quiz schema)
SCHEMAS: dict[str, dict[str, Any]] = {
    **{path.stem: _QUIZ for path in sorted(CONTENT_DIR.glob("quiz_*.json"))},
    "personality": _obj(
        about=_STR,
        types={"type": "map", "values": _obj(zh=_STR, en=_STR, trait_en=_STR, trait_zh=_STR)},
        aliases={"type": "map", "values": _STR},
        scale={"type": "list", "items": _obj(value={"type": "int"}, zh=_STR, en=_STR), "min": 2},
        perspectives={"type": "map", "values": _BILINGUAL},
        statements={"type": "map", "values": {"type": "list", "items": _BILINGUAL, "min": 6, "max": 6}},
        advice_labels={"type": "map", "values": _BILINGUAL},
        advice={"type": "map", "values": {"type": "map", "values": _BILINGUAL}},
    ),
    "communication": _obj(
        about=_STR,
        criteria={"type": "map", "values": _obj(zh=_STR, en=_STR, meaning=_STR, meaning_zh=_STR)},
        channels={"type": "map", "values": _obj(
            zh=_STR, en=_STR, seed=_STR, ratings=_obj(**{name: _RATING for name in _CRITERIA}),
            cost_per_contact={"type": "number", "min": 0.0}, cost_basis=_STR, cost_basis_zh=_STR,
        )},
        purposes={"type": "map", "values": _obj(zh=_STR, en=_STR, weights=_WEIGHTS)},
        type_adjustments={"type": "map", "values": _obj(zh=_STR, en=_STR, changes={**_WEIGHTS, "empty": True})},
        process={"type": "list", "items": _obj(stage=_STR, zh=_STR, en=_STR, meaning=_STR, meaning_zh=_STR, example=_STR, example_zh=_STR), "min": 1},
        remedies={"type": "list", "items": _BILINGUAL, "min": 1},
        barriers={"type": "list", "items": _obj(
            zh=_STR, en=_STR, stage=_STR, remedy={"type": "int", "min": 1}, how_zh=_STR, how_en=_STR,
        ), "min": 1},
    ),
    "glossary": _obj(about=_STR, terms={"type": "list", "items": _obj(en=_STR, zh=_STR, definition=_STR, definition_zh=_STR), "min": 1}),
    "segments": _obj(
        about=_STR,
        rfm_classic={"type": "list", "items": _obj(r=_RANGE, f=_RANGE, en=_STR, zh=_STR, action=_STR, action_zh=_STR), "min": 1},
        rfm_cn8={"type": "list", "items": _obj(code=_STR, zh=_STR, en=_STR, action=_STR, action_zh=_STR), "min": 8, "max": 8},
        pyramid_tiers={"type": "map", "values": _obj(zh=_STR, who=_STR, who_zh=_STR, strategy=_STR, strategy_zh=_STR)},
        value_classes={"type": "map", "values": _obj(current=_LEVEL, future=_LEVEL, zh=_STR, en=_STR)},
        value_quadrants={"type": "list", "items": _obj(current=_LEVEL, potential=_LEVEL, zh=_STR, en=_STR), "min": 4, "max": 4},
        value_components={"type": "map", "values": _BILINGUAL},
    ),
    "firms": _obj(
        about=_STR,
        time_window=_obj(start=_STR, end=_STR),
        regions={"type": "map", "values": _obj(zh=_STR, cities={"type": "list", "items": _STR, "min": 1}, share=_SHARE)},
        age_bands={"type": "list", "items": _STR, "min": 5, "max": 5},
        firms={"type": "map", "values": _FIRM},
    ),
}


def validate(value: Any, schema: dict[str, Any], where: str = "") -> None:
    """Raise ``ValueError`` naming the path of the first value that does not fit ``schema``."""
    kind = schema["type"]
    if kind == "object":
        if not isinstance(value, dict):
            raise ValueError(_("{where} must be an object, got {type}").format(where=where or 'content', type=type(value).__name__))
        fields = schema["fields"]
        missing = [name for name in fields if name not in value]
        extra = [name for name in value if name not in fields]
        if missing or extra:
            raise ValueError(_("{where}: missing fields {missing}, unknown fields {extra}").format(where=where or 'content', missing=missing, extra=extra))
        for name, sub in fields.items():
            validate(value[name], sub, f"{where}.{name}" if where else name)
    elif kind == "map":
        if not isinstance(value, dict) or not (value or schema.get("empty")):
            raise ValueError(_("{where} must be a non-empty object, got {value!r:.60}").format(where=where, value=value))
        for key, item in value.items():
            validate(item, schema["values"], f"{where}.{key}")
    elif kind == "list":
        if not isinstance(value, list):
            raise ValueError(_("{where} must be a list, got {type}").format(where=where, type=type(value).__name__))
        if not schema.get("min", 0) <= len(value) <= schema.get("max", len(value)):
            raise ValueError(_("{where} must have {minimum} to {maximum} items, got {count}").format(
                where=where, minimum=schema.get('min', 0), maximum=schema.get('max', 'any'), count=len(value)))
        for index, item in enumerate(value):
            validate(item, schema["items"], f"{where}[{index}]")
    elif kind == "str":
        if not isinstance(value, str) or not value.strip():
            raise ValueError(_("{where} must be non-empty text, got {value!r:.60}").format(where=where, value=value))
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_("{where} must be a whole number, got {value!r}").format(where=where, value=value))
        if not schema.get("min", value) <= value <= schema.get("max", value):
            raise ValueError(_("{where} must lie in [{minimum}, {maximum}], got {value!r}").format(where=where, minimum=schema.get('min'), maximum=schema.get('max'), value=value))
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(_("{where} must be a number, got {value!r}").format(where=where, value=value))
        if not schema.get("min", float("-inf")) <= value <= schema.get("max", float("inf")):
            raise ValueError(_("{where} must lie in [{minimum}, {maximum}], got {value!r}").format(where=where, minimum=schema.get('min'), maximum=schema.get('max'), value=value))
    else:  # pragma: no cover - a schema written wrongly
        raise TypeError(_("unknown schema type {kind!r}").format(kind=kind))


def localized(entry: Any, field: str) -> Any:
    """``entry[field + "_zh"]`` when the library speaks zh-CN and ``entry`` has that twin, else ``entry[field]``.

    Call it when output is built (a function's table or record), not at import: the language may change.
    """
    twin = f"{field}_zh"
    if twin in entry and get_language() == "zh-CN":
        return entry[twin]
    return entry[field]


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The content file ``content/<name>.json``, checked against ``SCHEMAS[name]`` (cached; do not mutate)."""
    if name not in SCHEMAS:
        raise ValueError(_("name must be one of {names}, got {name!r}").format(names=sorted(SCHEMAS), name=name))
    path = CONTENT_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    validate(data, SCHEMAS[name], "")
    return data
