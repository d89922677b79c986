"""The language the library speaks: messages, self-checks, chart labels and widgets.

English by default; ``cv.set_language("zh-CN")`` switches to Simplified Chinese. Every lesson and
assignment starts with ``cv.set_language("en")``; the zh-CN edition is generated with the tag
changed (tools/i18n.py), so a notebook always speaks its own language, whatever machine runs it.
The environment variable ``CUSTOMER_VALUE_LANGUAGE`` sets the default for scripts.

Translations are standard gettext catalogs (English text = msgid), two per language:
``locale/<LANG>/LC_MESSAGES/customer_value.po`` (errors, warnings, self-checks, grading feedback) and
``customer_value_display.po`` (chart labels, widgets, quizzes, glossary, reports), edited with any
PO editor and compiled to the ``.mo`` next to each by ``make translations`` (tests check they agree).

In the library's code a message is ``_("{name} must be positive, got {value}").format(name=..., value=...)``
with ``from .i18n import gettext as _``: translated when it is raised or shown (never at import), named
fields only, the same fields in every translation (``tools/i18n.py library check``). A cache of translated
text registers with :func:`translated_cache`, so that :func:`set_language` empties it; :func:`speaking`
switches for a block (the grading summary and feedback speak the assignment's language).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["LANGUAGES", "assignment_language", "edition_of", "get_language", "gettext", "set_language", "speaking", "translated_cache"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAINS = ("customer_value", "customer_value_display")
#: language tag (BCP 47) → gettext locale name of its catalog (None: the English msgids themselves)
LANGUAGES: dict[str, str | None] = {"en": None, "zh-CN": "zh_CN"}

_state: dict[str, object] = {}


def set_language(tag: str) -> str:
    """Speak ``tag`` ("en" or "zh-CN") from now on; returns the tag."""
    from ._validation import check_choice  # here: _validation's messages speak through gettext below

    check_choice(tag, "tag", tuple(LANGUAGES))
    locale = LANGUAGES[tag]
    translation: _gettext.NullTranslations = _gettext.NullTranslations()
    if locale is not None:
        # read from disk on every call (not gettext.translation's process-wide cache), so a catalog
        # rebuilt by `make translations` is seen by the next set_language in a running kernel
        for domain in reversed(DOMAINS):
            with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.mo").open("rb") as handle:
                catalog = _gettext.GNUTranslations(handle)
            catalog.add_fallback(translation)
            translation = catalog
    _state.update(tag=tag, translation=translation)
    for forget in _on_change:
        forget()
    return tag


#: ``cache_clear`` of every cache holding translated text; set_language calls them all
_on_change: list = []


def translated_cache(function):
    """Register ``function`` (an ``functools.lru_cache``-wrapped function whose result depends on the
    language) so that ``set_language`` empties its cache; returns it (usable as a decorator)."""
    _on_change.append(function.cache_clear)
    return function


def get_language() -> str:
    """The tag of the language the library speaks now."""
    if "tag" not in _state:
        _state.update(tag="en", translation=_gettext.NullTranslations())  # (a wrong tag is refused in English)
        set_language(os.environ.get("CUSTOMER_VALUE_LANGUAGE") or "en")
    return str(_state["tag"])


@contextmanager
def speaking(tag: str) -> Iterator[str]:
    """``with speaking("zh-CN"):`` — the library speaks ``tag`` inside the block, its previous language after."""
    before = get_language()
    set_language(tag)
    try:
        yield tag
    finally:
        set_language(before)


def assignment_language(name: str, metadata_language: object = None) -> str:
    """The language of an assignment or notebook: a notebook's metadata ``language`` when it is a known tag,
    else the tag that ends the assignment's name (``03_clv_basics_zh-CN``: the zh edition), else "en"."""
    if isinstance(metadata_language, str) and metadata_language in LANGUAGES:
        return metadata_language
    return next((tag for tag in LANGUAGES if tag != "en" and str(name).endswith("_" + tag)), "en")


def edition_of(name: str) -> str:
    """The assignment an edition translates: ``03_clv_basics_zh-CN`` → ``03_clv_basics`` (others unchanged)."""
    tag = assignment_language(name)
    return name if tag == "en" else str(name)[: -len(tag) - 1]


def gettext(message: str) -> str:
    """``message`` (English) in the current language."""
    get_language()
    return _state["translation"].gettext(message)  # type: ignore[union-attr]
