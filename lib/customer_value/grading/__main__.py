"""python -m customer_value.grading ASSIGNMENT: grade every submission of one assignment.

Pre-checks each submitted/<student>/ASSIGNMENT/ folder, autogrades all of them in this one process
with nbgrader (students missing from the gradebook are added), writes the grades CSV and the
feedback HTML (hidden tests removed), and prints a summary and the submissions that need a human.
Submitted files are only read. Instructor guide: docs/grading.md.

Exit status: 0 every submission was graded and none needs a human (written answers aside);
3 all were graded but some need a human (listed in the summary and the CSV);
1 the batch could not be graded (unknown assignment, no submissions, safe mode unavailable);
2 wrong command-line arguments.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import warnings
from pathlib import Path

from sqlalchemy.exc import SAWarning

from .batch import Batch, find_submissions
from .course import Course, GradingError, load_config
from .progress import Progress
from .report import summary, write_csv
from . import sandbox

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NEEDS_HUMAN = 0, 1, 2, 3


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    doc = __doc__.split("\n\n")
    parser = argparse.ArgumentParser(
        prog="python -m customer_value.grading", description=doc[1], epilog=doc[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("assignment", help="assignment name, e.g. 03_clv_basics (a folder of source/)")
    parser.add_argument("--course-dir", type=Path, default=Path("."), help="nbgrader course directory (default: .)")
    parser.add_argument("--student", action="append", default=None, metavar="ID",
                        help="grade only this student (repeat for several; default: everyone who submitted)")
    parser.add_argument("--timeout", type=int, default=None, metavar="SECONDS",
                        help="seconds a cell may run (default: c.Execute.timeout of nbgrader_config.py)")
    parser.add_argument("--safe-mode", choices=["off", "user"], default="off",
                        help="user: run each kernel as an unprivileged user that cannot see the course directory (needs root; see docs/grading.md)")
    parser.add_argument("--sandbox-user", default="nobody", help="the user of --safe-mode user (default: nobody)")
    parser.add_argument("--csv", type=Path, default=None, help="grades CSV (default: COURSE_DIR/grades.csv)")
    parser.add_argument("--no-feedback", action="store_true", help="skip the feedback HTML")
    parser.add_argument("--log", type=Path, default=None,
                        help="nbgrader's log of the run (default: COURSE_DIR/autograded/grading-ASSIGNMENT.log)")
    return parser.parse_args(argv)


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


def _configure(args: argparse.Namespace, course_dir: Path, kernel_root: str):
    config = load_config(course_dir)
    if args.timeout is not None:
        config.Execute.timeout = args.timeout
    # quieter kernels: no "running over TCP without encryption" line per student on the console
    config.Execute.extra_arguments = [*config.Execute.get("extra_arguments", []), "--IPKernelApp.log_level=ERROR"]
    if args.safe_mode == "user":
        config.GuardedExecute.kernel_user = args.sandbox_user
        config.SandboxKernelManager.user = args.sandbox_user
        config.SandboxKernelManager.root = kernel_root
        config.SandboxKernelManager.hide = [str(course_dir)]
    return config


def _check_safe_mode(course: Course, user: str) -> None:
    """Refuse to grade when code in the sandbox could still read the course's secrets."""
    why = sandbox.available(user)
    if why:
        raise GradingError(why)
    secrets = [course.directory(step) for step in ("source", "submitted", "autograded", "feedback")]
    secrets += [Path(course.coursedir.db_url.removeprefix("sqlite:///"))]
    try:
        exposed = sandbox.exposed_paths(user, [str(course.root)], [p for p in secrets if p.exists()])
    except RuntimeError as error:
        raise GradingError(f"--safe-mode user: {error}") from error
    if exposed:
        raise GradingError(
            f"--safe-mode user: {user} can read {', '.join(map(str, exposed))} from inside the sandbox "
            f"(outside the course directory, which is hidden), so student code could too. "
            f"Move them into the course directory or make them private, e.g. `chmod -R go-rwx {' '.join(map(str, exposed))}`"
        )


def run(args: argparse.Namespace) -> int:
    course_dir = args.course_dir.resolve()
    # nbgrader runs `alembic` (gradebook) and `jupyter` by name: this interpreter's bin/ comes first
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    if not (course_dir / "nbgrader_config.py").is_file():
        raise GradingError(f"{course_dir} is not an nbgrader course directory (no nbgrader_config.py)")
    log_path = args.log or course_dir / "autograded" / f"grading-{args.assignment}.log"
    with tempfile.TemporaryDirectory(prefix="cv-kernels-") as kernel_root:
        os.chmod(kernel_root, 0o711)  # the sandbox user enters only its own kernel folder
        course = Course(course_dir, _configure(args, course_dir, kernel_root), _logger())
        if args.safe_mode == "user":
            _check_safe_mode(course, args.sandbox_user)
        folders = find_submissions(course, args.assignment, args.student)
        _log_to(log_path, course.log)
        batch = Batch(course, args.assignment)
        progress = Progress(len(folders), f"autograde {args.assignment}")
        try:
            outcomes = batch.grade(folders, lambda o: progress.update(o.student, bool(o.problems)))
        finally:
            progress.close()
    if not args.no_feedback:
        result = batch.feedback()
        if not result["success"]:
            print(f"feedback: nbgrader reported errors, see {log_path}", file=sys.stderr)
    cells = course.source_cells(args.assignment)
    graded = [name for notebook in cells.values() for name, cell in notebook.items() if cell.points is not None]
    tests = {name: cell for notebook in cells.values() for name, cell in notebook.items() if cell.is_test}
    csv_path = args.csv or course_dir / "grades.csv"
    write_csv(csv_path, args.assignment, outcomes, graded)
    print(summary(args.assignment, outcomes, tests))
    feedback_note = "" if args.no_feedback else f"; feedback: {course.directory('feedback')}/<student>/{args.assignment}/"
    print(f"Grades: {csv_path}{feedback_note}; nbgrader log: {log_path}")
    return EXIT_NEEDS_HUMAN if any(o.problems for o in outcomes) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # nbgrader's gradebook code trips SQLAlchemy's autoflush warning on every new submission
    warnings.filterwarnings("ignore", category=SAWarning)
    try:
        return run(args)
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
