"""python -m customer_value.grading ASSIGNMENT: grade every submission of one assignment.

Pre-checks each submitted/<student>/ASSIGNMENT/ folder and autogrades all of them in this one process
with nbgrader: each student's kernel is isolated (own user, PID and mount namespaces, limits; opt out
with --isolation off) and runs only the student's cells; the test cells run in a separate trusted
checker on the answers exported as plain data. Students missing from the gradebook are added. Writes
the grades CSV and the feedback HTML (hidden tests removed, student HTML sanitised), and prints a
summary and the submissions that need a human. Submitted files are only read; the batch stops if a
submission changes the gradebook, submitted/, source/, release/ or the library. Instructor guide:
docs/grading.md.

Exit status: 0 every submission was graded and none needs a human (written answers aside);
3 all were graded but some need a human (listed in the summary and the CSV);
1 the batch could not be graded (unknown assignment, no submissions), or stopped because a
  submission changed what it must not (the summary says which);
2 wrong command-line arguments.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from sqlalchemy.exc import SAWarning

from .batch import EXIT_FAILED, Batch, Options
from .course import GradingError


def parse_args(argv: list[str] | None) -> Options:
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
    parser.add_argument("--isolation", choices=["on", "off"], default="on",
                        help="on (default): each kernel runs as --sandbox-user in its own PID and mount namespaces with "
                             "limits (Linux, root; where it cannot, a warning says so and grading goes on without); "
                             "off: student code runs as you (see docs/grading.md)")
    parser.add_argument("--sandbox-user", default="nobody", help="the user isolated kernels run as (default: nobody)")
    parser.add_argument("--csv", type=Path, default=None, help="grades CSV (default: COURSE_DIR/grades.csv)")
    parser.add_argument("--no-feedback", action="store_true", help="skip the feedback HTML")
    parser.add_argument("--log", type=Path, default=None,
                        help="nbgrader's log of the run (default: COURSE_DIR/autograded/grading-ASSIGNMENT.log)")
    args = parser.parse_args(argv)
    return Options(args.assignment, args.course_dir, args.student, args.timeout, args.isolation == "on",
                   args.sandbox_user, args.csv, not args.no_feedback, args.log)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    # nbgrader's gradebook code trips SQLAlchemy's autoflush warning on every new submission
    warnings.filterwarnings("ignore", category=SAWarning)
    try:
        return Batch.run(options)
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
