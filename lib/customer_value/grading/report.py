"""The batch's results: one CSV row per student, and the summary printed after grading."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

from ..i18n import assignment_language, speaking
from ..i18n import gettext as _
from .batch import Outcome
from .course import SourceCell
from .sanitize import clean_text


def _points(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def write_csv(path: Path, assignment: str, outcomes: list[Outcome], questions: list[str]) -> None:
    """student_id, assignment, score, max_score, one column per graded cell (blank: to grade by
    hand), needs_human and the problems/repairs found; sorted by student, so a re-run writes the
    same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "assignment", "score", "max_score", *questions, "needs_human", "problems", "repairs"])
        for o in sorted(outcomes, key=lambda o: o.student):
            writer.writerow([
                clean_text(o.student), assignment, _points(o.score), _points(o.max_score),
                *(_points(o.scores.get(q)) for q in questions),
                "yes" if o.problems else "no", clean_text("; ".join(o.problems)), clean_text("; ".join(o.submission.repairs)),
            ])


def _histogram(percentages: list[float], width: int = 30) -> list[str]:
    bins = [0] * 10
    for p in percentages:
        bins[min(int(p // 10), 9)] += 1
    peak = max(bins) or 1
    rows = []
    for i, n in enumerate(bins):
        label = f"{10 * i:3d}–{10 * i + 10:3d} %" if i < 9 else " 90–100 %"
        rows.append(f"  {label} │{'█' * round(width * n / peak):<{width}}│ {n}")
    return rows


def summary(assignment: str, outcomes: list[Outcome], tests: dict[str, SourceCell], isolation: str = "", untrusted: str = "") -> str:
    """Mean, median, histogram of scores, pass rate per autograded question, submissions for a human;
    how the kernels were isolated and, first, whether the batch stopped. Control characters removed.
    In the assignment's language: Chinese for a zh edition (``<name>_zh-CN``), English otherwise."""
    with speaking(assignment_language(assignment)):
        return clean_text(_summary(assignment, outcomes, tests, isolation, untrusted))


def _summary(assignment: str, outcomes: list[Outcome], tests: dict[str, SourceCell], isolation: str, untrusted: str) -> str:
    head = [_("BATCH NOT TRUSTED: {reason}. Grades below are partial; restore the changed files and regrade.").format(
        reason=untrusted)] if untrusted else []
    head += [_("Student kernels: {isolation}").format(isolation=isolation)] if isolation else []
    if not outcomes:
        return "\n".join([*head, _("{assignment}: no submissions").format(assignment=assignment)])
    totals = [o.score for o in outcomes]
    maximum = max(o.max_score for o in outcomes) or 1
    lines = [
        *head,
        _("{assignment}: {count} submissions, scores out of {maximum:g} (written answers count once graded by hand)").format(
            assignment=assignment, count=len(outcomes), maximum=maximum),
        _("  mean {mean:.2f}   median {median:g}   min {lowest:g}   max {highest:g}").format(
            mean=statistics.mean(totals), median=statistics.median(totals), lowest=min(totals), highest=max(totals)),
        _("Score histogram (% of the maximum):"),
        *_histogram([100 * t / maximum for t in totals]),
        _("Pass rate per autograded question:"),
    ]
    for name, cell in tests.items():
        passed = sum(1 for o in outcomes if o.scores.get(name) == cell.points)
        lines.append(_("  {name:<32} {points:>4g} pts  {passed:>4}/{count}  {share:5.1f} %").format(
            name=name, points=cell.points, passed=passed, count=len(outcomes), share=100 * passed / len(outcomes)))
    flagged = [o for o in outcomes if o.problems]
    lines.append(_("Submissions that need a human ({count}):").format(count=len(flagged)) if flagged
                 else _("Submissions that need a human: none"))
    for o in sorted(flagged, key=lambda o: o.student):
        lines.append(f"  {o.student}: " + "; ".join(o.problems))
    repaired = [o for o in outcomes if o.submission.repairs]
    if repaired:
        lines.append(_("Repaired automatically ({count}):").format(count=len(repaired)))
        lines += [f"  {o.student}: " + "; ".join(o.submission.repairs) for o in sorted(repaired, key=lambda o: o.student)]
    written = sorted(o.student for o in outcomes if o.written)
    if written:
        lines.append(_("Written answers to grade in Formgrader ({count} students): {students}").format(
            count=len(written), students=", ".join(written)))
    return "\n".join(lines)
