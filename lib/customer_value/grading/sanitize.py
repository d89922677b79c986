"""Safe views of student work: sanitised notebooks for Formgrader and feedback, clean console text.

Formgrader and the feedback pages render the autograded notebook as HTML, so a student's output
(``text/html``, SVG, JavaScript) or markdown answer could run script in the instructor's browser.
:class:`SafeViews` (in ``c.Autograde.autograde_preprocessors`` and
``c.GenerateFeedback.preprocessors``) keeps text, tables, PNG/JPEG images and formulas and removes
everything active: tags and attributes outside an allowlist (``<script>``, ``on*=`` handlers,
``<iframe>``, ``<svg>``, ``<style>``), SVG and JavaScript outputs, and link or image targets other
than http(s), mailto, relative and ``data:image/png|jpeg|gif`` (``javascript:`` also when written
with entities or spaces). :func:`clean_text` strips control characters (terminal escapes, bidi
overrides) from what the grader prints.
"""

from __future__ import annotations

import html
import re
import unicodedata

from bleach import ALLOWED_TAGS
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbformat import NotebookNode

TAGS = sorted(set(ALLOWED_TAGS) | {
    "p", "br", "hr", "div", "span", "pre", "sub", "sup", "small", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "img", "details", "summary", "del", "u",
})
_SAFE_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);", re.IGNORECASE)
_BLOCKS = re.compile(r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
BLOCKED = "#blocked-link"


def safe_url(url: str) -> bool:
    """Whether a link or image target is inert: http(s), mailto, relative, or a PNG/JPEG/GIF data URL."""
    plain = re.sub(r"[\s\x00-\x1f\x7f]+", "", html.unescape(url)).lower()
    head = plain.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return True
    scheme = head.split(":", 1)[0]
    return scheme in ("http", "https", "mailto") or bool(_SAFE_IMAGE.match(plain))


def _attribute(tag: str, name: str, value: str) -> bool:
    if name in ("href", "src"):
        return tag in ("a", "img") and safe_url(value)
    return name in {"title", "alt", "width", "height", "colspan", "rowspan", "class", "align"}


def neutralise_links(markdown: str) -> str:
    """Markdown with unsafe link/image destinations (``[x](javascript:…)``, references, autolinks) replaced."""
    fix = lambda m: m.group(1) + (m.group(2) if safe_url(m.group(2)) else BLOCKED)  # noqa: E731
    markdown = re.sub(r"(\]\(\s*<?)([^)\s>]+)", fix, markdown)
    markdown = re.sub(r"(?m)^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+)", fix, markdown)
    return re.sub(r"<([a-zA-Z][\w+.-]*:[^>\s]*)>", lambda m: m.group(0) if safe_url(m.group(1)) else f"<{BLOCKED}>", markdown)


class SafeViews(SanitizeHTML):
    """nbconvert's SanitizeHTML with an allowlist that keeps tables and images, plus markdown links."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.enabled = True  # nbconvert preprocessors are off unless enabled
        self.tags = TAGS
        self.attributes = {"*": _attribute}
        self.strip = True

    def sanitize_html_tags(self, html_str: str) -> str:
        from bleach import Cleaner

        text = _BLOCKS.sub("", html_str)
        cleaner = Cleaner(tags=self.tags, attributes=self.attributes, protocols={"http", "https", "mailto", "data"},
                          strip=True, strip_comments=True)
        return neutralise_links(cleaner.clean(text))

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                for key in ("text", "evalue"):
                    if isinstance(output.get(key), str):
                        output[key] = clean_text(output[key], keep="\n\t\x1b") if key == "text" else clean_text(output[key])
        return cell, resources


_CONTROL = {chr(c) for c in [*range(0, 32), *range(127, 160)]} | set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(text: str, keep: str = "\n\t") -> str:
    """``text`` without control characters (terminal escapes, bidi overrides); ``keep`` stays."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text) if "\x1b" not in keep else text
    return "".join(ch for ch in text if ch in keep or (ch not in _CONTROL and unicodedata.category(ch) != "Cc"))
