"""Feedback that says which check failed and why, without giving the hidden tests away.

nbgrader's feedback HTML shows the autograded notebook, whose test cells hold the hidden tests in
full (nbgrader issues #917, #1363); nbgrader's ``ClearHiddenTests`` removes them from the source, but
the tracebacks of failed checks still quote the hidden lines. :class:`HideHiddenTests` (in
``c.GenerateFeedback.preprocessors``) does both: it replaces each hidden region with a comment and
drops every traceback line that shows hidden code. The error name and the assert message stay.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests

from ..i18n import assignment_language, speaking
from ..i18n import gettext as _
from .preprocessors import is_code_test

HIDDEN_NOTE = "# (hidden tests are not shown: the assert message below says what to look at)"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: IPython's code-context line: optional arrow, line number, code ("----> 6 assert ...", "      5 x = 1")
_CONTEXT = re.compile(r"^\s*(?:-*>)?\s*\d+\s(?P<code>.*)$")


def hidden_lines(source: str, begin: str = "BEGIN HIDDEN TESTS", end: str = "END HIDDEN TESTS") -> list[str]:
    """The stripped, non-empty lines between the hidden-test markers of a cell (markers included)."""
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        if inside and line.strip():
            lines.append(line.strip())
        if end in line:
            inside = False
    return lines


def hidden_note() -> str:
    """:data:`HIDDEN_NOTE` in the library's current language."""
    return "# " + _("(hidden tests are not shown: the assert message below says what to look at)")


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden tests from test cells' source and from the tracebacks of their outputs; the note
    that replaces them is in the notebook's language (metadata ``language``, or the assignment's name)."""

    def preprocess(self, nb: NotebookNode, resources: dict):
        name = (resources.get("nbgrader") or {}).get("assignment", "")
        with speaking(assignment_language(name, nb.metadata.get("language"))):
            return super().preprocess(nb, resources)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if not is_code_test(cell):
            return cell, resources
        secret = set(hidden_lines(cell.source, self.begin_test_delimeter, self.end_test_delimeter))
        if not secret:
            return cell, resources
        self._remove_hidden_test_region(cell)
        cell.source = cell.source.rstrip("\n") + "\n" + hidden_note()
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [self._scrub(entry, secret) for entry in output.traceback]
        return cell, resources

    @staticmethod
    def _scrub(entry: str, secret: set[str]) -> str:
        """One traceback entry without the lines that quote hidden code."""
        kept = []
        for line in entry.split("\n"):
            plain = _ANSI.sub("", line)
            context = _CONTEXT.match(plain)
            code = (context.group("code") if context else plain).strip()
            if code and (code in secret or plain.strip() in secret):
                continue
            kept.append(line)
        return "\n".join(kept)
