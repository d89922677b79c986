"""One grading run of an assignment, from the command line's options to the summary.

Each ``nbgrader`` command costs about 3 s of start-up before any work; here the Autograde
converter runs once per student inside one Python process, and GenerateFeedback once for all.
Student kernels are isolated (:mod:`.sandbox`) unless the instructor opts out; test cells are run
by the trusted checker (:mod:`.checker`); an integrity check (:mod:`.integrity`) surrounds every
student.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.utils import capture_log, temp_attrs

from . import integrity, sandbox
from .course import Course, GradingError, load_config
from .preprocessors import KERNEL_DIED, KERNEL_UNRESPONSIVE, NOT_EXPORTED, NOT_RUN, TIMEOUT
from .sanitize import clean_text
from .submissions import Checker, Submission, stage

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NEEDS_HUMAN = 0, 1, 2, 3
NO_ISOLATION = ("student code runs as {user}, with everything {user} may read and write (solutions, hidden tests, "
                "the gradebook, other students' work); grades are still decided outside the kernel, and the batch "
                "stops if a submission changes the gradebook, submitted/, source/, release/ or the library")


@dataclass
class Options:
    """What the command line asks for (``python -m customer_value.grading --help``)."""

    assignment: str
    course_dir: Path = Path(".")
    students: list[str] | None = None
    timeout: int | None = None
    isolation: bool = True
    sandbox_user: str = "nobody"
    csv: Path | None = None
    feedback: bool = True
    log: Path | None = None


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
            elif output.ename in (NOT_RUN, NOT_EXPORTED) or meta.get("solution") or meta.get("grade"):
                continue
            elif meta.get("grade_id") and output.ename == "NameError":
                continue  # an instructor cell that uses a missing answer: that question already lost its points
            else:
                outcome.problems.append(clean_text(f"error outside the answer and test cells, {where}: {output.ename}: {output.evalue[:120]}"))


def _logger() -> logging.Logger:
    """nbgrader's log: kept out of the console (the summary says what matters), see _log_to."""
    log = logging.getLogger("customer_value.grading.nbgrader")
    log.handlers.clear()
    log.propagate = False
    log.setLevel(logging.INFO)
    return log


def _log_to(path: Path, log: logging.Logger) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    log.addHandler(handler)


def configure(options: Options, kernel_root: str):
    """nbgrader's configuration for the run: the course's, with the options and isolation applied."""
    course_dir = options.course_dir.resolve()
    config = load_config(course_dir)
    if options.timeout is not None:
        config.Execute.timeout = options.timeout
    # quieter kernels: no "running over TCP without encryption" line per student on the console
    config.Execute.extra_arguments = [*config.Execute.get("extra_arguments", []), "--IPKernelApp.log_level=ERROR"]
    if options.isolation:
        config.GuardedExecute.kernel_user = options.sandbox_user
        config.SandboxKernelManager.user = options.sandbox_user
        config.SandboxKernelManager.root = kernel_root
        config.SandboxKernelManager.hide = [str(course_dir)]
    return config


def _check_isolation(course: Course, user: str) -> None:
    """Refuse to grade when code in the sandbox could still read the course's secrets."""
    secrets = [course.directory(step) for step in ("source", "submitted", "autograded", "feedback")]
    secrets += [Path(course.coursedir.db_url.removeprefix("sqlite:///"))]
    try:
        exposed = sandbox.exposed_paths(user, [str(course.root)], [p for p in secrets if p.exists()])
    except RuntimeError as error:
        raise GradingError(f"isolation: {error}") from error
    if exposed:
        raise GradingError(
            f"isolation: {user} can read {', '.join(map(str, exposed))} from inside the sandbox, so student code "
            f"could too. Move them into the course directory or make them private, e.g. `chmod -R go-rwx {' '.join(map(str, exposed))}`"
        )


class Batch:
    """One grading run of an assignment: pre-check, stage, autograde, check integrity, record, feedback."""

    def __init__(self, course: Course, assignment: str):
        self.course, self.assignment = course, assignment
        self.untrusted = ""  # why the batch stopped: a submission changed what it must not
        self.isolation = ""  # what isolated the kernels, for the summary
        self.check_library = True  # isolated kernels see the library read-only: no need

    @staticmethod
    def run(options: Options, out=None, err=None) -> int:
        """The whole run of ``python -m customer_value.grading``; returns the exit status (``out``/``err``:
        the streams at the time of the call by default, not at import)."""
        out, err = out or sys.stdout, err or sys.stderr
        from .progress import Progress
        from .report import summary, write_csv

        course_dir = options.course_dir.resolve()
        # nbgrader runs `alembic` (gradebook) and `jupyter` by name: this interpreter's bin/ comes first
        os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        if not (course_dir / "nbgrader_config.py").is_file():
            raise GradingError(f"{course_dir} is not an nbgrader course directory (no nbgrader_config.py)")
        why_not = sandbox.available(options.sandbox_user) if options.isolation else ""
        if why_not:
            print(f"WARNING: student kernels are NOT isolated here: {why_not}; {NO_ISOLATION.format(user='you')}.", file=err)
            options.isolation = False
        elif not options.isolation:
            print(f"WARNING: --isolation off: {NO_ISOLATION.format(user='you')}.", file=err)
        log_path = options.log or course_dir / "autograded" / f"grading-{options.assignment}.log"
        with tempfile.TemporaryDirectory(prefix="cv-kernels-") as kernel_root:
            os.chmod(kernel_root, 0o711)  # the sandbox user enters only its own kernel folder
            course = Course(course_dir, configure(options, kernel_root), _logger())
            if options.isolation:
                _check_isolation(course, options.sandbox_user)
            folders = find_submissions(course, options.assignment, options.students)
            _log_to(log_path, course.log)
            batch = Batch(course, options.assignment)
            batch.check_library = not options.isolation
            batch.isolation = (f"isolated (user {options.sandbox_user}, own PID/mount namespaces, limits)" if options.isolation
                               else f"NOT isolated ({why_not or '--isolation off'})")
            progress = Progress(len(folders), f"autograde {options.assignment}")
            try:
                outcomes = batch.grade(folders, lambda o: progress.update(clean_text(o.student), bool(o.problems)))
            finally:
                progress.close()
        if options.feedback and not batch.untrusted:
            result = batch.feedback()
            if not result["success"]:
                print(f"feedback: nbgrader reported errors, see {log_path}", file=err)
        cells = course.source_cells(options.assignment)
        graded = [name for notebook in cells.values() for name, cell in notebook.items() if cell.points is not None]
        tests = {name: cell for notebook in cells.values() for name, cell in notebook.items() if cell.is_test}
        csv_path = options.csv or course_dir / "grades.csv"
        write_csv(csv_path, options.assignment, outcomes, graded)
        print(summary(options.assignment, outcomes, tests, batch.isolation, batch.untrusted), file=out)
        feedback_note = f"; feedback: {course.directory('feedback')}/<student>/{options.assignment}/" if options.feedback and not batch.untrusted else ""
        print(f"Grades: {csv_path}{feedback_note}; nbgrader log: {log_path}", file=out)
        if batch.untrusted:
            return EXIT_FAILED
        return EXIT_NEEDS_HUMAN if any(o.problems for o in outcomes) else EXIT_OK

    def _fingerprint(self, student: str) -> dict[str, str]:
        import customer_value

        url = self.course.coursedir.db_url
        database = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
        library = Path(customer_value.__file__).parent if self.check_library else None
        return integrity.fingerprint(self.course.root, database, library, student)

    def grade(self, folders: dict[str, Path], on_graded: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
        """Grade each submission in turn; stops (``self.untrusted``) when one changes what it must not."""
        course, assignment = self.course, self.assignment
        course.ensure_assignment(assignment)
        source_cells = course.source_cells(assignment)
        checker = Checker(assignment, source_cells, course.grade_ids_of_other_assignments(assignment))
        outcomes = []
        with tempfile.TemporaryDirectory(prefix=f"cv-grading-{assignment}-") as staging:
            for student, folder in folders.items():
                before = self._fingerprint(student)
                submission = checker.check(student, folder)
                if submission.gradable:
                    stage(submission, Path(staging), assignment)
                outcome = Outcome(submission)
                if submission.gradable:
                    self._autograde(outcome, staging)
                else:
                    self._record_not_gradable(outcome)
                broken = integrity.changed(before, self._fingerprint(student))
                if broken:
                    self.untrusted = f"grading {student} changed {', '.join(broken)}; the batch stopped there"
                    outcome.problems.append(f"integrity: {', '.join(broken)} changed while this submission was graded (batch stopped)")
                self._read_scores(outcome)
                outcomes.append(outcome)
                on_graded(outcome)
                if self.untrusted:
                    break
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
