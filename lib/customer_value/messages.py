"""Short error messages for students in notebooks (IPython only; nothing changes elsewhere).

A test cell ("# Tests for question N") that uses an answer the student has not produced yet fails
with ``NameError``/``KeyError`` deep in Python's words; in the notebook it reads instead
``q2: answer not found — did you run the cell above? (name 'customers_won' is not defined)``.
The error stays an error of the same type, so Validate and the autograder still count the test as
failed. Other cells keep IPython's full traceback.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from .i18n import gettext as _

__all__ = ["install", "unanswered_message"]

TEST_CELL = re.compile(r"^\s*#\s*Tests for question (\d+)", re.IGNORECASE)


def unanswered_message(cell_source: str, error: BaseException) -> str | None:
    """The one-line message for ``error`` raised in ``cell_source``, or None if it is not a test cell."""
    match = TEST_CELL.match(cell_source)
    if match is None or not isinstance(error, (NameError, KeyError)):
        return None
    if isinstance(error, KeyError) and error.args:
        detail = _("name {name!r} is not defined").format(name=error.args[0])
    else:
        detail = _translated_name_error(str(error))
    return _("q{number}: answer not found — did you run the cell above? ({detail})").format(number=match.group(1), detail=detail)


_NAME_ERROR = re.compile(r"^name '(?P<name>[^']*)' is not defined(?P<rest>.*)$", re.DOTALL)


def _translated_name_error(text: str) -> str:
    """Python's "name 'x' is not defined" (a NameError's text) in the library's language."""
    match = _NAME_ERROR.match(text)
    if match is None or match.group("rest"):  # e.g. ". Did you mean: 'y'?" : left as Python wrote it
        return text
    return _("name {name!r} is not defined").format(name=match.group("name"))


def _handler(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> list[str]:
    """IPython's custom-exception hook: it must display the error itself (the kernel reports it as failed)."""
    history = shell.user_ns.get("_ih") or [""]
    message = unanswered_message(history[-1], value)
    if message is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return []
    stb = [f"{etype.__name__}: {message}"]
    shell._showtraceback(etype, value, stb)
    return stb


def install(shell: Any = None) -> bool:
    """Use the short messages in the running IPython kernel; False when not inside IPython."""
    if shell is None:
        if "IPython" not in sys.modules:  # never import IPython just to find out
            return False
        shell = sys.modules["IPython"].get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((NameError, KeyError), _handler)
    return True
