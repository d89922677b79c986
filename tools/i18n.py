"""Translated editions of the notebooks, generated from the English ones through gettext catalogs.

One source of truth: the English notebooks. Their translatable texts are messages of a gettext
catalog per notebook and language (English text = msgid), which a translator edits with any PO
editor (Poedit, Weblate, Lokalize); the translated notebooks are generated from English notebook +
catalog and committed, the way ``release/`` is generated from ``source/``.

    python tools/i18n.py extract [NOTEBOOK ...]   # update the catalogs from the English notebooks
                                                  # (default: every notebook that has a catalog;
                                                  # name a notebook to start its translation)
    python tools/i18n.py build [NOTEBOOK ...]     # write the translated notebooks (translated ones only)
    python tools/i18n.py check [NOTEBOOK ...]     # exit 1, naming notebook and cell, on any drift
    python tools/i18n.py status                   # translated / pending notebooks, words and characters
    python tools/i18n.py library extract          # the library's gettext catalogs from its ``_()`` calls
    python tools/i18n.py library build            # compile them (.po -> .mo)
    python tools/i18n.py library check            # exit 1, naming domain and msgid, on any drift
                                                  # (library commands take domains too, e.g. customer_value)

Layout (``LANG`` is a gettext locale name such as ``zh_CN``; its BCP 47 tag, e.g. ``zh-CN``, names
the generated folders):

    locale/languages.json                         languages: locale name -> tag and name
    locale/LANG/translated.json                   the notebooks whose translation is complete (checked)
    locale/LANG/LC_MESSAGES/course/NAME.po        catalog of course/NAME.ipynb
    locale/LANG/LC_MESSAGES/source/A/NAME.po      catalog of source/A/NAME.ipynb (an nbgrader source)
    course/TAG/NAME.ipynb                         generated lesson
    source/A_TAG/NAME.ipynb                       generated nbgrader source (same cells, ids, metadata)

The library (``lib/customer_value``) speaks through gettext too (``customer_value.i18n``): its messages are
the ``_("...")`` calls in its modules (Babel's Python extractor, keyword ``_``), in two domains
(``LIBRARY_DOMAINS``), each a catalog ``lib/customer_value/locale/LANG/LC_MESSAGES/DOMAIN.po`` compiled to the
``.mo`` the library loads; ``library check`` (run by tests/lib/test_i18n.py) fails when a msgid of the code
is missing from a catalog, a translation is empty or fuzzy, its ``{fields}`` differ from the msgid's, a
``_()`` argument is not a plain string literal, or a committed ``.mo`` differs from what ``library build`` writes.

Messages. A markdown cell is split into blocks at blank lines outside fenced code (a paragraph, a
heading, a whole list, a whole table, a fenced code block): a block is one message, so an edit to
one paragraph makes only that paragraph fuzzy, and a translator still sees units large enough to
write natural sentences. In a code cell (read with ``tokenize``, so code is never touched) the
messages are

* string literals that are user-facing: they contain whitespace or a CJK character (identifiers,
  column names, keys, colours and digests have neither); the msgid is the literal's text between
  its quotes, exactly as written (escapes included; f-string ``{...}`` fields must be kept);
* comments (text after ``#``), except nbgrader's markers (``### BEGIN SOLUTION`` ...), a test cell's
  first line ``# Tests for question N`` (matched by customer_value.messages), pragmas (``noqa``,
  ``type:``) and ``i18n:`` directives.

A line whose comment contains ``i18n: skip`` is left as it is (for strings that look like prose
but must not change, e.g. a term looked up by its English name or a column name the library
produces). The string in ``cv.set_language("en")`` is not a message: the build writes the edition's language tag
there (``"zh-CN"``), so the library speaks the notebook's language. Each message carries its notebook as a location (``#: NOTEBOOK``) and its places as
extracted comments (``#. cell 3: markdown``; cells counted from 0, as in ``check``'s messages), so a
translator sees where a text is. A translation identical to its msgid is allowed (text that stays English on purpose).

``check`` (run by tests/test_translations.py for every notebook listed as translated) fails when
(a) an English text has no entry in the catalog (the English changed after the last translation),
(b) a translation is missing or fuzzy, (c) the committed translated notebook differs from what
``build`` writes, (d) the translated code differs from the English code in anything but
translated strings and comments (token streams compared; f-string fields compared too).
"""

from __future__ import annotations

import ast
import io
import json
import re
import sys
import tokenize
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from babel.messages.catalog import PYTHON_FORMAT, Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
PROJECT = "customer-value"
NB_VERSION = 4
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
SKIP = "i18n: skip"
# Comments code depends on: nbgrader's markers, and the first line of a test cell, which the library's
# messages (customer_value.messages) and the grading docs match.
NBGRADER_MARKER = re.compile(r"^#+\s*(BEGIN|END) (SOLUTION|HIDDEN TESTS)\b|^#\s*(YOUR CODE HERE|YOUR ANSWER HERE)"
                             r"|^#\s*Tests for question \d+", re.IGNORECASE)
PRAGMA = re.compile(r"^#\s*(noqa|type:|pragma|i18n:|!)")
FENCE = re.compile(r"^\s*(```|~~~)")
FIELD = re.compile(r"\{[^{}]*\}")
CELL_NOTE = re.compile(r"^(cell|line) \d+: ")
PREVIOUS = "previous English: "


# ---------------------------------------------------------------------------------------------
# Languages and paths


def languages(root: Path = ROOT) -> dict[str, dict]:
    """``{"zh_CN": {"tag": "zh-CN", "name": "简体中文"}, ...}`` from locale/languages.json."""
    return json.loads((root / "locale" / "languages.json").read_text(encoding="utf-8"))


#: Markdown documents with a translated edition (docs/X.md -> docs/TAG/X.md): the instructor guides.
DOCUMENTS = ("docs/grading.md", "docs/jupyterhub.md")


def english_notebooks(root: Path = ROOT) -> list[str]:
    """Every English notebook (lessons, nbgrader sources) and document that has a translated edition."""
    tags = {lang["tag"] for lang in languages(root).values()}
    found = sorted(root.glob("course/*.ipynb")) + sorted(root.glob("source/*/*.ipynb"))
    return [p.relative_to(root).as_posix() for p in found
            if not any(p.parent.name.endswith("_" + tag) for tag in tags)] + \
        [doc for doc in DOCUMENTS if (root / doc).exists()]


def is_document(path: str | Path) -> bool:
    return Path(path).suffix == ".md"


def read_english(notebook: str, root: Path = ROOT):
    """The English notebook; a Markdown document is read as a notebook of one markdown cell."""
    if not is_document(notebook):
        return nbformat.read(root / notebook, as_version=NB_VERSION)
    cell = nbformat.v4.new_markdown_cell((root / notebook).read_text(encoding="utf-8"))
    cell.id = "document"
    return nbformat.v4.new_notebook(cells=[cell])


def catalog_path(notebook: str, lang: str, root: Path = ROOT) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / Path(notebook).with_suffix(".po")


def translated_path(notebook: str, lang: str, root: Path = ROOT) -> Path:
    """course/X.ipynb -> course/TAG/X.ipynb; source/A/X.ipynb -> source/A_TAG/X.ipynb."""
    tag = languages(root)[lang]["tag"]
    path = Path(notebook)
    if path.parts[0] == "source":
        return root / "source" / f"{path.parent.name}_{tag}" / path.name
    return root / path.parent / tag / path.name


def translated_list(lang: str, root: Path = ROOT) -> list[str]:
    """The English notebooks whose translation into ``lang`` is complete and checked."""
    data = json.loads((root / "locale" / lang / "translated.json").read_text(encoding="utf-8"))
    return list(data["notebooks"])


# ---------------------------------------------------------------------------------------------
# Messages of one notebook


@dataclass(frozen=True)
class Text:
    """One translatable text of a notebook: where it is and what it says."""

    cell: int
    kind: str  # "markdown", "string", "comment"
    msgid: str
    line: int = 1  # of the text's start in its cell


def markdown_groups(source: str) -> list[tuple[bool, str]]:
    """The source as alternating (is_block, text) groups: blocks of lines, and runs of blank lines
    outside fenced code; ``"\\n".join`` of the texts gives the source back exactly."""
    groups: list[tuple[bool, list[str]]] = []
    fenced = False
    for line in source.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        is_block = fenced or line.strip() != "" or FENCE.match(line) is not None
        if groups and groups[-1][0] == is_block:
            groups[-1][1].append(line)
        else:
            groups.append((is_block, [line]))
    return [(is_block, "\n".join(lines)) for is_block, lines in groups]


def markdown_blocks(source: str) -> list[str]:
    """The messages of a markdown cell: its blocks (paragraph, heading, list, table, fenced code)."""
    return [text for is_block, text in markdown_groups(source) if is_block]


def _masked(source: str) -> str:
    """IPython-only lines (magics, shell escapes, ``obj?``) blanked, so that ``tokenize`` reads the rest;
    positions on other lines are unchanged."""
    lines = source.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("%", "!")) or (stripped.endswith("?") and not stripped.startswith("#")):
            lines[i] = " " * len(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class Token:
    kind: str  # "string", "comment" or "code"
    text: str  # the token's source text
    start: tuple[int, int]
    end: tuple[int, int]


def code_tokens(source: str) -> list[Token]:
    """The cell's tokens; an f-string (one token before Python 3.12, several after) is one "string"."""
    tokens, fstring = [], None
    for tok in tokenize.generate_tokens(io.StringIO(_masked(source)).readline):
        name = tokenize.tok_name[tok.type]
        if name == "FSTRING_START":
            fstring = [tok.start, 1]
            continue
        if fstring is not None:
            fstring[1] += name == "FSTRING_START"
            fstring[1] -= name == "FSTRING_END"
            if fstring[1] == 0:
                tokens.append(Token("string", _span(source, fstring[0], tok.end), fstring[0], tok.end))
                fstring = None
            continue
        if name in ("NL", "NEWLINE", "INDENT", "DEDENT", "ENDMARKER") and not tok.string.strip():
            continue
        kind = {"STRING": "string", "COMMENT": "comment"}.get(name, "code")
        tokens.append(Token(kind, tok.string, tok.start, tok.end))
    return tokens


def _span(source: str, start: tuple[int, int], end: tuple[int, int]) -> str:
    lines = source.split("\n")
    if start[0] == end[0]:
        return lines[start[0] - 1][start[1]:end[1]]
    return "\n".join([lines[start[0] - 1][start[1]:], *lines[start[0]:end[0] - 1], lines[end[0] - 1][:end[1]]])


def split_string(text: str) -> tuple[str, str, str]:
    """A string literal's (prefix + opening quote, body, closing quote)."""
    prefix = re.match(r"[A-Za-z]*", text).group()
    rest = text[len(prefix):]
    quote = rest[:3] if rest[:3] in ('"""', "'''") else rest[:1]
    return prefix + quote, rest[len(quote):len(rest) - len(quote)], quote


LANGUAGE_CALL = "set_language"


def language_strings(tokens: list[Token]) -> set[int]:
    """Positions (in ``tokens``) of the string literal in ``cv.set_language("en")``: the build writes
    the edition's language tag there, so a notebook speaks its own language (customer_value.i18n)."""
    return {i + 2 for i in range(len(tokens) - 3)
            if tokens[i].text == LANGUAGE_CALL and tokens[i + 1].text == "(" and tokens[i + 2].kind == "string"
            and tokens[i + 3].text == ")"}


def _skipped_lines(source: str) -> set[int]:
    return {i + 1 for i, line in enumerate(source.split("\n")) if SKIP in line}


def is_message(token: Token, skipped: set[int]) -> bool:
    if token.start[0] in skipped:
        return False
    if token.kind == "string":
        opening, body, _ = split_string(token.text)
        if "b" in opening.lower():
            return False
        return bool(re.search(r"\s", body.strip()) or CJK.search(body))
    if token.kind == "comment":
        return not (NBGRADER_MARKER.match(token.text) or PRAGMA.match(token.text)) and bool(comment_text(token.text))
    return False


def comment_text(comment: str) -> str:
    """The message of a comment: its text without the leading ``#`` marks and spaces."""
    return re.sub(r"^#+\s*", "", comment).strip()


def texts(nb) -> list[Text]:
    """Every translatable text of the notebook, in order."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            line = 1
            for is_block, text in markdown_groups(cell.source):
                if is_block and text.strip():
                    found.append(Text(index, "markdown", text, line))
                line += text.count("\n") + 1
        elif cell.cell_type == "code":
            skipped = _skipped_lines(cell.source)
            for token in code_tokens(cell.source):
                if is_message(token, skipped):
                    msgid = split_string(token.text)[1] if token.kind == "string" else comment_text(token.text)
                    found.append(Text(index, token.kind, msgid))
    return found


# ---------------------------------------------------------------------------------------------
# Catalogs


def template(notebook: str, root: Path = ROOT) -> Catalog:
    """A catalog of the English notebook's texts, without translations."""
    nb = read_english(notebook, root)
    catalog = Catalog(project=PROJECT, fuzzy=False)
    for text in texts(nb):
        where = f"line {text.line}: {text.kind}" if is_document(notebook) else f"cell {text.cell}: {text.kind}"
        existing = catalog.get(text.msgid)
        if existing is None:
            catalog.add(text.msgid, locations=[(notebook, None)], auto_comments=[where])
        elif where not in existing.auto_comments:
            existing.auto_comments.append(where)
    return catalog


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def write_catalog(catalog: Catalog, path: Path) -> None:
    for message in catalog:
        if message.id and not any(note.endswith(": string") for note in message.auto_comments):
            # Babel guesses printf/brace formats from the text ("120 % of" looks like "% o"); only code
            # strings can be format strings, and a wrong flag makes msgfmt -c and Poedit reject translations.
            message.flags -= {"python-format", "python-brace-format"}
        elif message.id and _only_spaced_percents(message.id):
            message.flags.discard("python-format")  # "the 10 % of customers" is prose, not "% o"
    _write_po(catalog, path)


def _only_spaced_percents(text: str) -> bool:
    """True when every printf directive Babel sees in ``text`` is a "% x" (space flag): a percent sign in prose."""
    directives = [match.group(2) for match in PYTHON_FORMAT.finditer(text) if match.group(0) != "%%"]
    return bool(directives) and all(flags.startswith(" ") for flags in directives)


def _write_po(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, include_previous=False, ignore_obsolete=False)
    if not path.exists() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def _updated(path: Path, new: Catalog, lang: str, kept) -> tuple[Catalog, list | None]:
    """The catalog at ``path`` updated from the template ``new`` (Babel's fuzzy matching; a fuzzy message
    keeps its notes for which ``kept(note)`` is true), or a new catalog; with its content before the
    update (None for a new catalog)."""
    if not path.exists():
        catalog = Catalog(locale=lang, project=PROJECT, fuzzy=False,
                          creation_date=datetime.now(timezone.utc), revision_date=datetime.now(timezone.utc))
        catalog.update(new)
        return catalog, None
    catalog = read_catalog(path)
    before = _content(catalog)
    notes = {m.id: [c for c in m.auto_comments if kept(c)] for m in catalog if m.id and m.fuzzy}
    catalog.update(new, update_header_comment=False)
    for message in catalog:
        if message.id and message.fuzzy:
            # Babel's own ``#| msgid`` lines do not survive read_po: show the old English as an
            # extracted comment instead, kept until the translator clears the fuzzy flag.
            message.auto_comments += ([PREVIOUS + " ".join(message.previous_id)] if message.previous_id
                                      else notes.get(message.id, []))
            message.previous_id = []
    return catalog, before


def extract(notebook: str, lang: str, root: Path = ROOT) -> Path:
    """Update the notebook's catalog: new texts added, changed ones fuzzy-matched to their previous
    translation (marked fuzzy, the old English shown as ``#. previous English: ...``), removed ones
    obsolete (``#~``)."""
    path = catalog_path(notebook, lang, root)
    catalog, before = _updated(path, template(notebook, root), lang, kept=lambda note: not CELL_NOTE.match(note))
    if before is None:
        catalog.header_comment = (f"# {languages(root)[lang]['name']} translation of {notebook}.\n"
                                  "# Generated by tools/i18n.py extract; translate with any PO editor.")
    catalog.language_team = f"{languages(root)[lang]['name']} <{lang}>"
    if catalog.last_translator.startswith("FULL NAME"):
        catalog.last_translator = "Customer Value Analysis course team"
    if _content(catalog) != before:  # else keep the file (and its dates) as it is
        write_catalog(catalog, path)
    return path


def _content(catalog: Catalog) -> list:
    # flags: fuzzy only (read_po re-adds Babel's guessed python-format flag to every text it reads)
    messages = [(m.id, m.string, m.fuzzy, m.locations, m.auto_comments) for m in catalog if m.id]
    return [catalog.last_translator, catalog.language_team, *messages, *[(m.id, m.string) for m in catalog.obsolete.values()]]


# ---------------------------------------------------------------------------------------------
# Build


class Untranslated(Exception):
    """A text with no usable translation (reported by ``check``; ``build`` stops on it)."""


def _translation(catalog: Catalog, msgid: str, where: str) -> str:
    message = catalog.get(msgid)
    if message is None:
        raise Untranslated(f"{where}: not in the catalog (English changed? run `make translations`): {msgid[:80]!r}")
    if not message.string:
        raise Untranslated(f"{where}: translation missing: {msgid[:80]!r}")
    if message.fuzzy:
        raise Untranslated(f"{where}: translation fuzzy (English changed; review it and clear the flag): {msgid[:80]!r}")
    return message.string


def translate_cell_source(cell, catalog: Catalog, where: str, problems: list[str] | None = None,
                          by_line: bool = False, tag: str | None = None) -> str:
    """The cell's source with every message replaced by its translation (and ``set_language``'s
    argument by ``tag``). With ``problems`` given, untranslated texts are listed there and left in
    English instead of raising. ``by_line``: problems name the line of the text (documents) rather
    than only ``where``."""

    def get(msgid: str, line: int | None = None) -> str:
        try:
            return _translation(catalog, msgid, f"{where} line {line}" if by_line and line else where)
        except Untranslated as error:
            if problems is None:
                raise
            problems.append(str(error))
            return msgid

    if cell.cell_type == "markdown":
        out, line = [], 1
        for is_block, text in markdown_groups(cell.source):
            out.append(get(text, line) if is_block else text)
            line += text.count("\n") + 1
        return "\n".join(out)
    if cell.cell_type != "code":
        return cell.source
    source, skipped = cell.source, _skipped_lines(cell.source)
    lines = source.split("\n")
    tokens = code_tokens(source)
    language = language_strings(tokens)
    for position, token in reversed(list(enumerate(tokens))):  # from the end: earlier positions stay valid
        if position in language and tag:
            opening, _, closing = split_string(token.text)
            new = opening + tag + closing
        elif not is_message(token, skipped):
            continue
        elif token.kind == "string":
            opening, body, closing = split_string(token.text)
            new = opening + get(body) + closing
        else:
            prefix, text, suffix = re.fullmatch(r"(#+\s*)(.*?)(\s*)", token.text).groups()
            new = prefix + get(text) + suffix
        (row, col), (end_row, end_col) = token.start, token.end
        head, tail = lines[row - 1][:col], lines[end_row - 1][end_col:]
        lines[row - 1:end_row] = (head + new + tail).split("\n")
    return "\n".join(lines)


def build_notebook(notebook: str, lang: str, root: Path = ROOT, problems: list[str] | None = None):
    """The translated notebook, in memory: same cells, ids, metadata (nbgrader's included), no outputs."""
    nb = read_english(notebook, root)
    catalog = read_catalog(catalog_path(notebook, lang, root))
    for index, cell in enumerate(nb.cells):
        where = notebook if is_document(notebook) else f"{notebook} cell {index}"
        cell.source = translate_cell_source(cell, catalog, where, problems, by_line=is_document(notebook),
                                            tag=languages(root)[lang]["tag"])
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata["language"] = languages(root)[lang]["tag"]
    return nb


def render(nb, document: bool = False) -> str:
    return nb.cells[0].source if document else nbformat.writes(nb) + "\n"


def build(notebook: str, lang: str, root: Path = ROOT) -> Path:
    target = translated_path(notebook, lang, root)
    text = render(build_notebook(notebook, lang, root), is_document(notebook))
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


# ---------------------------------------------------------------------------------------------
# Check


def check(notebook: str, lang: str, root: Path = ROOT) -> list[str]:
    """Every drift between the English notebook, its catalog and the committed translation; [] if none."""
    english = read_english(notebook, root)
    path = catalog_path(notebook, lang, root)
    if not path.exists():
        return [f"{notebook}: no catalog {path.relative_to(root)} (run `make translations`)"]
    problems: list[str] = []
    built = build_notebook(notebook, lang, root, problems)  # (a) and (b)
    target = translated_path(notebook, lang, root)
    if not target.exists():
        problems.append(f"{notebook}: {target.relative_to(root)} is missing (run `make translations`)")
        return problems
    rel = target.relative_to(root).as_posix()
    if is_document(notebook):
        mine, want = target.read_text(encoding="utf-8").split("\n"), render(built, True).split("\n")
        if mine != want:
            line = next((i + 1 for i, (a, b) in enumerate(zip(mine, want)) if a != b), min(len(mine), len(want)) + 1)
            problems.append(f"{rel} line {line}: differs from the build; the file is generated from the catalog, "
                            "never edited: run `make translations`")
        return problems
    committed = nbformat.read(target, as_version=NB_VERSION)
    # (d) the committed code against the English code, token by token
    for index, (en, zh) in enumerate(zip(english.cells, committed.cells)):
        if en.cell_type == "code" and zh.cell_type == "code":
            problems += [f"{rel} cell {index}: {p}" for p in compare_code(en.source, zh.source, languages(root)[lang]["tag"])]
    # (c) the committed file against the build
    if target.read_text(encoding="utf-8") != render(built):
        if len(committed.cells) != len(built.cells):
            problems.append(f"{rel}: {len(committed.cells)} cells, the build gives {len(built.cells)} "
                            "(generated file edited or stale: run `make translations`)")
        for index, (mine, want) in enumerate(zip(committed.cells, built.cells)):
            if mine != want:
                what = "source" if mine.get("source") != want.get("source") else "metadata, type or outputs"
                problems.append(f"{rel} cell {index}: differs from the build ({what}); the file is generated "
                                "from the catalog, never edited: run `make translations`")
        if committed.cells == built.cells:
            problems.append(f"{rel}: notebook metadata or format differs from the build (run `make translations`)")
    return problems


def compare_code(english: str, translated: str, tag: str | None = None) -> list[str]:
    """Differences between two code cells other than translated strings, comments and the language
    tag ``tag`` in ``set_language(...)``."""
    try:
        en, zh = code_tokens(english), code_tokens(translated)
    except (tokenize.TokenError, SyntaxError) as error:
        return [f"translated code does not tokenize: {error}"]
    skipped = _skipped_lines(english)
    en_code = [t for t in en if t.kind != "comment"]
    zh_code = [t for t in zh if t.kind != "comment"]
    found = []
    en_comments = [t for t in en if t.kind == "comment" and not is_message(t, skipped)]
    zh_comments = {t.text for t in zh if t.kind == "comment"}
    found += [f"comment {t.text!r} (line {t.start[0]}) must stay as it is" for t in en_comments if t.text not in zh_comments]
    if len(en_code) != len(zh_code):
        return found + [f"code differs: {len(zh_code)} tokens instead of {len(en_code)}"]
    language = language_strings(en_code)
    for position, (a, b) in enumerate(zip(en_code, zh_code)):
        if position in language and a.kind == b.kind == "string":
            opening, _, closing = split_string(a.text)
            if b.text not in (a.text, opening + str(tag) + closing):
                found.append(f"language at line {b.start[0]}: {b.text!r}, the build writes {tag!r}")
        elif a.kind != b.kind or (a.kind == "code" and a.text != b.text):
            found.append(f"code differs at line {b.start[0]}: {b.text!r} where the English has {a.text!r}")
        elif a.kind == "string" and a.text != b.text:
            if not is_message(a, skipped):
                found.append(f"string {a.text!r} (line {a.start[0]}) is not translatable but was changed to {b.text!r}")
            elif split_string(a.text)[0] != split_string(b.text)[0]:
                found.append(f"string quotes or prefix changed at line {b.start[0]}: {b.text!r}")
            elif "f" in split_string(a.text)[0].lower() and FIELD.findall(split_string(a.text)[1]) != FIELD.findall(split_string(b.text)[1]):
                found.append(f"f-string fields changed at line {b.start[0]}: {b.text!r} (keep {FIELD.findall(a.text)})")
            else:
                try:
                    ast.parse(b.text)
                except SyntaxError as error:
                    found.append(f"translated string at line {b.start[0]} is not valid Python: {error.msg}")
    return found


# ---------------------------------------------------------------------------------------------
# The library's catalogs (customer_value.i18n)


LIBRARY = ROOT / "lib" / "customer_value"
LIBRARY_KEYWORD = "_"
TRANSLATOR_TAG = "Translators:"
#: the display domain's modules (charts, widgets, quizzes, glossary, reports); every other module of the
#: library (btyd/ and grading/ included) speaks in the messages domain (errors, warnings, self-checks, feedback)
DISPLAY_MODULES = ("plotting.py", "widgets.py", "quiz.py", "glossary.py", "personality.py", "communication.py", "cjk.py")
MESSAGES_DOMAIN, DISPLAY_DOMAIN = "customer_value", "customer_value_display"


def library_domains(library: Path = LIBRARY) -> dict[str, list[Path]]:
    """gettext domain -> the library's modules whose ``_()`` messages its catalog holds."""
    modules = sorted(p for p in library.rglob("*.py") if "locale" not in p.relative_to(library).parts)
    display = [library / name for name in DISPLAY_MODULES]
    return {MESSAGES_DOMAIN: [p for p in modules if p not in display], DISPLAY_DOMAIN: display}


def library_catalog_path(domain: str, lang: str, library: Path = LIBRARY) -> Path:
    return library / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"


def _where(path: Path, library: Path) -> str:
    return path.relative_to(library.parent).as_posix()  # customer_value/clv.py


def library_template(domain: str, library: Path = LIBRARY) -> Catalog:
    """A catalog of the domain's ``_("...")`` messages, without translations (a comment starting with
    ``# Translators:`` just above a call becomes the message's note for the translator)."""
    from babel.messages.extract import extract_from_file

    catalog = Catalog(project=PROJECT, fuzzy=False)
    for path in library_domains(library)[domain]:
        for lineno, message, comments, _context in extract_from_file(
                "python", path, keywords={LIBRARY_KEYWORD: None}, comment_tags=(TRANSLATOR_TAG,),
                strip_comment_tags=True):
            if isinstance(message, str) and message:
                catalog.add(message, locations=[(_where(path, library), lineno)], auto_comments=comments)
    return catalog


def dynamic_messages(domain: str, library: Path = LIBRARY) -> list[str]:
    """``_()`` calls whose argument is not one plain string literal (an f-string, a variable, a
    concatenation with ``+``): their text cannot be in a catalog, so it would never be translated; and
    ``_`` assigned in a module that translates with it (``x, _ = ...`` would shadow the gettext function)."""
    found = []
    for path in library_domains(library)[domain]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == LIBRARY_KEYWORD
                    for n in ast.walk(tree))
        for node in ast.walk(tree):
            if calls and isinstance(node, ast.Name) and node.id == LIBRARY_KEYWORD and isinstance(node.ctx, ast.Store):
                found.append(f"{_where(path, library)}:{node.lineno}: `{LIBRARY_KEYWORD}` assigned in a module that "
                             "translates with it; name the throwaway value something else")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == LIBRARY_KEYWORD:
                literal = (len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant)
                           and isinstance(node.args[0].value, str))
                if not literal:
                    found.append(f"{_where(path, library)}:{node.lineno}: _() needs one plain string literal "
                                 f"(write _(\"... {{name}} ...\").format(name=...)), got {ast.unparse(node)[:80]}")
    return found


def format_fields(text: str) -> list[str] | None:
    """The ``{fields}`` of a ``str.format`` template, sorted (a translation may order them differently),
    each as written (``{value!r}``, ``{share:.1%}``); None if ``text`` is not a valid template."""
    import string

    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    fields = []
    for _literal, name, spec, conversion in parsed:
        if name is not None:
            fields.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return sorted(fields)


def _library_flags(catalog: Catalog) -> None:
    # Library messages are str.format templates: flag those with fields as such (msgfmt -c and PO editors
    # then check a translation keeps them); Babel's printf guess ("50% of") is dropped.
    for message in catalog:
        if message.id:
            message.flags.discard("python-format")
            if FIELD.search(message.id):
                message.flags.add("python-brace-format")
            else:
                message.flags.discard("python-brace-format")


def library_extract(domain: str, lang: str, library: Path = LIBRARY, root: Path = ROOT) -> Path:
    """Update the domain's catalog from the code: new messages added untranslated, changed ones
    fuzzy-matched to their previous translation (the old English kept as ``#. previous English: ...``),
    removed ones obsolete (``#~``)."""
    path = library_catalog_path(domain, lang, library)
    new = library_template(domain, library)
    for message in new:  # "#: customer_value/clv.py", no line numbers: an edit elsewhere in a module leaves the catalog as it is
        message.locations = list(dict.fromkeys((where, None) for where, _line in message.locations))
    name = languages(root)[lang]["name"]
    catalog, before = _updated(path, new, lang, kept=lambda note: note.startswith(PREVIOUS))
    catalog.fuzzy = False
    catalog.header_comment = (f"# {name} translation of the library customer_value: domain {domain}.\n"
                              "# Generated by tools/i18n.py library extract; translate with any PO editor.")
    catalog.language_team = f"{name} <{lang}>"
    if catalog.last_translator.startswith("FULL NAME"):
        catalog.last_translator = "Customer Value Analysis course team"
    _library_flags(catalog)
    if _content(catalog) != before or not path.exists():
        _write_po(catalog, path)
    return path


def library_mo(catalog: Catalog) -> bytes:
    """The compiled catalog (fuzzy and untranslated messages left out: the library shows their English)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def library_build(domain: str, lang: str, library: Path = LIBRARY) -> Path:
    target = library_catalog_path(domain, lang, library).with_suffix(".mo")
    data = library_mo(read_catalog(library_catalog_path(domain, lang, library)))
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return target


def library_check(domain: str, lang: str, library: Path = LIBRARY) -> list[str]:
    """Every drift between the domain's ``_()`` calls, its catalog and its ``.mo``; [] if none."""
    where = f"{domain} [{lang}]"
    path = library_catalog_path(domain, lang, library)
    if not path.exists():
        return [f"{where}: no catalog {_where(path, library)} (run `make translations`)"]
    problems = [f"{where}: {p}" for p in dynamic_messages(domain, library)]
    catalog, code = read_catalog(path), library_template(domain, library)
    for message in code:
        if message.id and catalog.get(message.id) is None:
            at = ", ".join(f"{f}:{n}" for f, n in message.locations)
            problems.append(f"{where}: not in the catalog (run `make translations`): {message.id!r} ({at})")
    for message in catalog:
        if not message.id:
            continue
        if code.get(message.id) is None:
            problems.append(f"{where}: in the catalog but no longer in the code (run `make translations`): {message.id!r}")
            continue
        expected = format_fields(message.id)
        if expected is None:
            problems.append(f"{where}: msgid is not a valid str.format template (double a literal brace): {message.id!r}")
        elif any(f[1] in "}!:" or f[1].isdigit() for f in expected):
            problems.append(f"{where}: msgid has a positional field; name it, e.g. {{value}}: {message.id!r}")
        if not message.string:
            problems.append(f"{where}: translation missing: {message.id!r}")
        elif message.fuzzy:
            problems.append(f"{where}: translation fuzzy (the English changed; review it and clear the flag): {message.id!r}")
        elif expected is not None and format_fields(message.string) != expected:
            problems.append(f"{where}: the translation's fields {format_fields(message.string)} differ from the msgid's "
                            f"{expected}: {message.id!r} -> {message.string!r}")
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != library_mo(catalog):
        problems.append(f"{where}: stale .mo: {_where(mo, library)} differs from what its .po compiles to "
                        "(run `make translations`)")
    return problems


def library_main(command: str, library: Path = LIBRARY, root: Path = ROOT, domains: list[str] | None = None) -> int:
    """``library extract|build|check [DOMAIN ...]`` over the domains (default: all) and languages;
    1 if ``check`` found drift."""
    failed = 0
    for lang in languages(root):
        for domain in domains or library_domains(library):
            if command == "extract":
                print(_where(library_extract(domain, lang, library, root), library))
            elif command == "build":
                print(_where(library_build(domain, lang, library), library))
            else:
                problems = library_check(domain, lang, library)
                print(*problems, sep="\n") if problems else print(f"{domain} [{lang}]: ok")
                failed += bool(problems)
    return 1 if failed else 0


# ---------------------------------------------------------------------------------------------
# Status and command line


def status(lang: str, root: Path = ROOT) -> dict[str, dict]:
    """Per English notebook: translated or pending, and the size of its translation."""
    done = set(translated_list(lang, root))
    report = {}
    for notebook in english_notebooks(root):
        path = catalog_path(notebook, lang, root)
        catalog = read_catalog(path) if path.exists() else template(notebook, root)
        messages = [m for m in catalog if m.id]
        report[notebook] = {
            "translated": notebook in done,
            "messages": len(messages),
            "untranslated_or_fuzzy": sum(1 for m in messages if not m.string or m.fuzzy),
            "english_words": sum(len(m.id.split()) for m in messages),
            "translated_cjk_characters": sum(len(CJK.findall(m.string)) for m in messages if m.string),
        }
    return report


def _selected(args: list[str], default: list[str]) -> list[str]:
    return [Path(a).as_posix() for a in args] or default


def main(argv: list[str]) -> int:
    if argv[:1] == ["library"] and argv[1:2] in (["extract"], ["build"], ["check"]) and \
            set(argv[2:]) <= set(library_domains()):
        return library_main(argv[1], domains=argv[2:])
    if not argv or argv[0] not in {"extract", "build", "check", "status"}:
        print(__doc__)
        return 2
    command, args = argv[0], argv[1:]
    failed = 0
    for lang in languages():
        if command == "extract":
            started = [n for n in english_notebooks() if n in translated_list(lang) or catalog_path(n, lang).exists()]
            for notebook in _selected(args, started):
                print(f"{extract(notebook, lang).relative_to(ROOT)}")
        elif command == "build":
            for notebook in _selected(args, translated_list(lang)):
                try:
                    print(f"{build(notebook, lang).relative_to(ROOT)}")
                except Untranslated as error:  # the translated notebook stays as it was
                    print(f"not built: {error}", file=sys.stderr)
                    failed += 1
        elif command == "check":
            for notebook in _selected(args, translated_list(lang)):
                problems = check(notebook, lang)
                print(*problems, sep="\n") if problems else print(f"{notebook} [{lang}]: ok")
                failed += bool(problems)
            pending = sorted(set(english_notebooks()) - set(translated_list(lang)))
            if pending and not args:
                print(f"pending ({lang}, not yet translated): {', '.join(pending)}")
        else:
            for notebook, row in status(lang).items():
                state = "translated" if row["translated"] else "pending"
                print(f"{lang} {state:10} {notebook}: {row['messages']} messages, {row['english_words']} English words, "
                      f"{row['translated_cjk_characters']} CJK characters translated, "
                      f"{row['untranslated_or_fuzzy']} untranslated or fuzzy")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
