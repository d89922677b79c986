"""The course's bilingual glossary (术语表): English term, Chinese term, one-line definition.

The terms are content (``content/glossary.json``); this module reads, tabulates and prints them.
"""

from __future__ import annotations

import pandas as pd

from . import _content
from .i18n import get_language
from .i18n import gettext as _

__all__ = ["TERMS", "glossary", "term", "to_markdown"]

#: (English, 中文, definition) for each key concept, in the order the course introduces them
#: (content/glossary.json).
TERMS: tuple[tuple[str, str, str], ...] = tuple(
    (entry["en"], entry["zh"], entry["definition"]) for entry in _content.load("glossary")["terms"]
)


def _terms() -> tuple[tuple[str, str, str], ...]:
    """:data:`TERMS` with the definitions in the library's language (``definition_zh`` when it speaks zh-CN)."""
    if get_language() != "zh-CN":
        return TERMS
    return tuple((entry["en"], entry["zh"], entry["definition_zh"]) for entry in _content.load("glossary")["terms"])


def glossary() -> pd.DataFrame:
    """The glossary as a table with columns ``english``, ``chinese``, ``definition``.

    The definitions are in the library's language (Chinese after ``cv.set_language("zh-CN")``);
    the column names stay, so code can select by them.
    """
    return pd.DataFrame(_terms(), columns=["english", "chinese", "definition"])


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown() -> str:
    """The glossary as a Markdown page (docs/glossary.md is this text; a test keeps them equal)."""
    rows = [
        _("# Glossary · 术语表"),
        "",
        _("The course's key terms in English and Chinese, in the order the lessons introduce them."),
        _("Generated from `customer_value.glossary` by `python -m customer_value.glossary > docs/glossary.md`;"),
        _("in a notebook: `cv.glossary.glossary()` (a table) or `cv.glossary.term(\"retention rate\")`."),
        "",
        _("| English | 中文 | definition |"),
        "|---|---|---|",
    ]
    rows += [f"| {_cell(name)} | {_cell(chinese)} | {_cell(definition)} |" for name, chinese, definition in _terms()]
    return "\n".join(rows) + "\n"


def term(english: str) -> str:
    """"English (中文)" for a glossary term, e.g. ``term("retention rate")``."""
    for name, chinese, _definition in TERMS:
        if name.lower() == english.lower():
            return f"{name} ({chinese})"
    raise ValueError(_("{english!r} is not in the glossary; see customer_value.glossary.glossary()").format(english=english))


if __name__ == "__main__":
    print(to_markdown(), end="")
