"""Grade one assignment for every submission, in this one process, with nbgrader's converters.

Each ``nbgrader`` command costs about 3 s of start-up before any work; here the Autograde
converter runs once per student inside one Python process, and GenerateFeedback once for all.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.utils import capture_log, temp_attrs

from .course import Course, GradingError
from .preprocessors import KERNEL_DIED, KERNEL_UNRESPONSIVE, NOT_RUN, TIMEOUT
from .submissions import Checker, Submission, stage


@dataclass
class Outcome:
    """What grading did with one submission."""

    submission: Submission
    scores: dict[str, float | None] = field(default_factory=dict)  # grade_id → score (None: to grade by hand)
    max_scores: dict[str, float] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)  # written answers waiting for a human
    log: str = ""

    @property
    def student(self) -> str:
        return self.submission.student

    @property
    def problems(self) -> list[str]:
        return self.submission.problems

    @property
    def score(self) -> float:
        return sum(s for s in self.scores.values() if s is not None)

    @property
    def max_score(self) -> float:
        return sum(self.max_scores.values())


def find_submissions(course: Course, assignment: str, students: list[str] | None = None) -> dict[str, Path]:
    """student → submitted/<student>/<assignment>/ for every student who submitted this assignment."""
    root = course.directory("submitted")
    folders = {p.parent.name: p for p in sorted(root.glob(f"*/{assignment}")) if p.is_dir() and not p.parent.name.startswith(".")}
    if students:
        unknown = sorted(set(students) - set(folders))
        if unknown:
            raise GradingError(f"no submission of {assignment} for: {', '.join(unknown)}")
        folders = {s: folders[s] for s in students}
    if not folders:
        raise GradingError(f"no submissions: {root}/<student>/{assignment}/ is empty or missing")
    return folders


def _inspect_run(outcome: Outcome, notebook_path: Path) -> None:
    """Flag timeouts, crashes and errors outside the answer/test cells of an autograded notebook."""
    nb = nbformat.read(notebook_path, as_version=4)
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        where = meta.get("grade_id") or f"cell {index + 1}"
        for output in cell.get("outputs", []):
            if output.output_type != "error":
                continue
            if output.ename == TIMEOUT:
                outcome.problems.append(f"timeout: {where} ran past the time limit and was stopped")
            elif output.ename == KERNEL_DIED:
                outcome.problems.append(f"kernel crash in {where}: later cells not run, scored as failed")
            elif output.ename == KERNEL_UNRESPONSIVE:
                outcome.problems.append(f"kernel stopped responding in {where}: later cells not run, scored as failed")
            elif output.ename == NOT_RUN or meta.get("solution") or meta.get("grade"):
                continue
            elif meta.get("grade_id") and output.ename == "NameError":
                continue  # an instructor cell that uses a missing answer: that question already lost its points
            else:
                outcome.problems.append(f"error outside the answer and test cells, {where}: {output.ename}: {output.evalue[:120]}")


class Batch:
    """One grading run of an assignment: pre-check, stage, autograde, record, feedback."""

    def __init__(self, course: Course, assignment: str):
        self.course, self.assignment = course, assignment

    def grade(self, folders: dict[str, Path], on_graded: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
        course, assignment = self.course, self.assignment
        course.ensure_assignment(assignment)
        source_cells = course.source_cells(assignment)
        checker = Checker(assignment, source_cells, course.grade_ids_of_other_assignments(assignment))
        outcomes = []
        with tempfile.TemporaryDirectory(prefix=f"cv-grading-{assignment}-") as staging:
            for student, folder in folders.items():
                submission = checker.check(student, folder)
                if submission.gradable:
                    stage(submission, Path(staging), assignment)
                outcome = Outcome(submission)
                if submission.gradable:
                    self._autograde(outcome, staging)
                else:
                    self._record_not_gradable(outcome)
                self._read_scores(outcome)
                outcomes.append(outcome)
                on_graded(outcome)
        return outcomes

    def _autograde(self, outcome: Outcome, staging: str) -> None:
        course = self.course
        with temp_attrs(course.coursedir, assignment_id=self.assignment, student_id=outcome.student, submitted_directory=staging):
            app = Autograde(coursedir=course.coursedir, parent=course.host)
            app.force = True
            app.create_student = True  # students not in the gradebook yet are added
            result = capture_log(app)
        outcome.log = result.get("log", "")
        if not result["success"]:
            last = result.get("error", "").strip().splitlines()[-1:] or ["unknown error"]
            outcome.problems.append(f"autograde failed ({last[0]}); see the grading log")
            return
        for name in outcome.submission.staged:
            _inspect_run(outcome, course.directory("autograded") / outcome.student / self.assignment / f"{name}.ipynb")

    def _record_not_gradable(self, outcome: Outcome) -> None:
        """A submission with nothing to grade: 0 points in the gradebook, stale results removed."""
        for step in ("autograded", "feedback"):
            shutil.rmtree(self.course.directory(step) / outcome.student / self.assignment, ignore_errors=True)
        timestamp = self.course.coursedir.get_existing_timestamp(str(outcome.submission.folder))
        with self.course.gradebook() as gradebook:
            gradebook.update_or_create_student(outcome.student)
            submission = gradebook.update_or_create_submission(self.assignment, outcome.student, timestamp=timestamp)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grade.auto_score = 0
                    grade.needs_manual_grade = grade.manual_score is not None  # an instructor's grade stays
            gradebook.db.commit()

    def _read_scores(self, outcome: Outcome) -> None:
        with self.course.gradebook() as gradebook:
            submission = gradebook.find_submission(self.assignment, outcome.student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    outcome.max_scores[grade.name] = grade.max_score
                    # a grade given in Formgrader counts (and survives re-runs: nbgrader keeps manual scores)
                    graded = grade.manual_score is not None or not grade.needs_manual_grade
                    outcome.scores[grade.name] = grade.score if graded else None
                    if graded:
                        continue
                    if grade.cell.cell_type == "markdown":
                        outcome.written.append(grade.name)
                    else:
                        outcome.problems.append(f"{grade.name} needs manual grading (nbgrader could not score it)")

    def feedback(self) -> dict:
        """Feedback HTML for every autograded submission (hidden tests removed, see feedback.py)."""
        course = self.course
        with temp_attrs(course.coursedir, assignment_id=self.assignment, student_id="*"):
            app = GenerateFeedback(coursedir=course.coursedir, parent=course.host)
            app.force = True
            return capture_log(app)
