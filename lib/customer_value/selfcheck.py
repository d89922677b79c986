"""Self-checks for self-learners: is my answer right, without showing the right answer?

On Binder there is no instructor and hidden tests never run, so each autograded question
also has a visible check. The test cell stores only a salted SHA-256 digest of the rounded
right answer; :func:`check` rounds the student's value the same way and compares digests.

The digest hides the value from a casual reader, not from a determined one (a rounded number
can be guessed by trying candidates): it is a learning aid, and the hidden tests grade.

Instructors make a digest with :func:`answer_digest`, or from the shell:
``python -m customer_value.selfcheck q1_kfc_clv 26000``.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import numpy as np
import pandas as pd

from .i18n import gettext as _

SALT = "customer-value-course"

__all__ = [
    "SelfCheckFailed",
    "answer_digest",
    "check",
    "is_correct",
]



def _canonical(value: Any, decimals: int) -> str:
    """A text form of ``value`` that does not depend on how it was computed or stored."""
    if isinstance(value, pd.DataFrame):
        return "frame:" + ";".join(_canonical(column, decimals) for _label, column in value.items())
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        items = np.asarray(value, dtype=object).ravel().tolist()
        return "[" + ",".join(_canonical(item, decimals) for item in items) + "]"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, str):
        return value.strip()
    try:
        number = float(value)
    except (TypeError, ValueError):
        return repr(value)
    if math.isnan(number):
        return "nan"
    rounded = round(number, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{rounded:.{decimals}f}"


class SelfCheckFailed(AssertionError):
    """A wrong answer: shown in a notebook as its one-line message, without the library's traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for how an exception is displayed
        return [f"{type(self).__name__}: {self}"]


def answer_digest(value: Any, question: str, decimals: int = 2) -> str:
    """The digest a test cell stores for the right ``value`` of ``question`` (e.g. "q1_kfc_clv")."""
    text = f"{SALT}|{question}|{_canonical(value, decimals)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def is_correct(value: Any, question: str, digest: str, decimals: int = 2) -> bool:
    """True when ``value`` rounded to ``decimals`` matches the stored digest."""
    return answer_digest(value, question, decimals) == digest


def check(value: Any, question: str, digest: str, decimals: int = 2) -> None:
    """Print a confirmation if ``value`` is right; raise :class:`SelfCheckFailed` (an ``AssertionError``) if not.

    Values are compared after rounding to ``decimals`` places (2 = to the cent), so
    26000, 26000.0 and numpy.float64(26000.0000001) all pass for 26,000.
    """
    if not is_correct(value, question, digest, decimals):
        raise SelfCheckFailed(
            _("Self-check {question}: not yet right. Re-read the question (units, periods, discounting) and try again; the check compares your value rounded to {decimals} decimals.").format(question=question, decimals=decimals)
        )
    print(_("Self-check {question}: correct ✔").format(question=question))


def main(argv: list[str] | None = None) -> None:
    """Command line: print the digest of a numeric answer."""
    import argparse

    parser = argparse.ArgumentParser(description="Print the self-check digest of a numeric answer.")
    parser.add_argument("question", help='question id, e.g. "q1_kfc_clv"')
    parser.add_argument("values", nargs="+", type=float, help="the right value (several for a list)")
    parser.add_argument("--decimals", type=int, default=2)
    args = parser.parse_args(argv)
    value = args.values[0] if len(args.values) == 1 else args.values
    print(answer_digest(value, args.question, args.decimals))


if __name__ == "__main__":
    main()
