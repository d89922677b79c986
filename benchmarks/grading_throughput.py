"""Benchmark: seconds per submission, plain nbgrader autograde against the course's grading path.

1. Survey: autograde one correct submission of every assignment in source/ (the course's path,
   isolated where possible) and time each cell (nbclient's execution timestamps), to find the
   cheapest and the slowest assignment (seconds in its cells) and the cells that cost most.
2. Throughput, in one run on the same submissions: N simulated submissions (correct, wrong = the
   release's stubs, an exception at the top, a notebook that is not JSON) of the cheapest and of
   the slowest assignment, graded (a) by plain nbgrader autograde (nbgrader's own preprocessors,
   test cells in the student's kernel, no isolation; in process, so without nbgrader's ~3 s of
   start-up per command) and (b) by the course's path: test cells in the trusted checker,
   kernels isolated (when root on Linux; otherwise said), integrity checks, sanitised views.
   Prints seconds per submission, the ratio (b)/(a), and the projected time for a class of 300.

Nothing is asserted; the closing notes quote the figures. The machine may be shared: run it twice.
Usage: python benchmarks/grading_throughput.py [--n 8] [--skip-survey --cheapest A --slowest B]
"""

from __future__ import annotations

import argparse
import copy
import logging
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat

from customer_value.grading import sandbox
from customer_value.grading.batch import Batch, Options, configure, find_submissions
from customer_value.grading.course import Course

ROOT = Path(__file__).resolve().parents[1]
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
WRITTEN = "A written answer, to be graded by hand."


def _cells(nb) -> dict:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def correct_submission(assignment: str):
    """The release notebook with every answer taken from the instructor's solution."""
    release = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    solutions = _cells(nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4))
    for grade_id, cell in _cells(release).items():
        if cell.metadata["nbgrader"].get("solution"):
            lines = solutions[grade_id].source.splitlines()
            cell.source = WRITTEN if cell.cell_type == "markdown" else "\n".join(l for l in lines if l.strip() not in MARKERS)
    return release


def new_course(folder: Path, assignments: list[str]) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    for assignment in assignments:
        shutil.copytree(ROOT / "source" / assignment, folder / "source" / assignment)
    return folder


def submit(course: Path, assignment: str, student: str, content) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    path = folder / f"{assignment}.ipynb"
    path.write_bytes(content) if isinstance(content, bytes) else nbformat.write(content, path)


def mixed_batch(course: Path, assignment: str, n: int) -> None:
    """n submissions: half correct, a quarter wrong (stubs left), a quarter broken."""
    correct = correct_submission(assignment)
    wrong = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    top = copy.deepcopy(correct)
    top.cells.insert(1, nbformat.v4.new_code_cell("raise RuntimeError('left at the top')"))
    kinds = [correct, wrong, correct, top, correct, b"{not json", correct, wrong]
    for i in range(n):
        submit(course, assignment, f"student{i:03d}", kinds[i % len(kinds)])


def grade(course_dir: Path, assignment: str, timeout: int, plain: bool = False) -> tuple[float, list]:
    """(autograde seconds, outcomes) for every submission of ``assignment``: the course's path
    (isolated where possible), or with ``plain`` nbgrader's own autograde preprocessors."""
    isolated = not plain and not sandbox.available("nobody")
    kernel_root = tempfile.mkdtemp(prefix="cv-bench-kernels-")
    os.chmod(kernel_root, 0o711)
    config = configure(Options(assignment, course_dir, timeout=timeout, isolation=isolated), kernel_root)
    if plain:  # nbgrader as shipped: its default preprocessors, its Execute, no sanitising
        for key in ("sanitize_preprocessors", "autograde_preprocessors"):
            config.Autograde.pop(key, None)
    log = logging.getLogger("grading-benchmark")
    log.addHandler(logging.NullHandler())
    log.propagate = False
    course = Course(course_dir, config, log)
    course.ensure_assignment(assignment)  # once per course, not per student: not timed
    batch = Batch(course, assignment)
    batch.check_library = not isolated
    folders = find_submissions(course, assignment)
    start = time.perf_counter()
    outcomes = batch.grade(folders)
    elapsed = time.perf_counter() - start
    shutil.rmtree(kernel_root, ignore_errors=True)
    return elapsed, outcomes


def cell_seconds(notebook: Path) -> list[tuple[float, str]]:
    """(seconds, what) for each executed cell of an autograded notebook, slowest first."""
    nb = nbformat.read(notebook, as_version=4)
    timings = []
    for index, cell in enumerate(nb.cells):
        execution = cell.metadata.get("execution", {})
        if "iopub.execute_input" in execution and "shell.execute_reply" in execution:
            start, end = (datetime.fromisoformat(execution[k].replace("Z", "+00:00")) for k in ("iopub.execute_input", "shell.execute_reply"))
            name = cell.metadata.get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
            first = next((line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")), "")
            timings.append(((end - start).total_seconds(), f"{name}: {first[:70]}"))
    return sorted(timings, reverse=True)


def survey(workdir: Path, assignments: list[str], timeout: int) -> dict[str, float]:
    """Seconds the cells of one correct submission of each assignment take to run (the autograde
    time, kernel start-up included, is printed too); prints the slowest cells."""
    course = new_course(workdir / "survey", assignments)
    seconds = {}
    print("Survey: one correct submission per assignment (autograde seconds; cells over 0.2 s)")
    for assignment in assignments:
        submit(course, assignment, "solution", correct_submission(assignment))
        elapsed, outcomes = grade(course, assignment, timeout)
        cells = cell_seconds(course / "autograded" / "solution" / assignment / f"{assignment}.ipynb")
        total = seconds[assignment] = sum(s for s, _ in cells)
        score = f"{outcomes[0].score:g}/{outcomes[0].max_score:g}"
        print(f"  {assignment:<26} {elapsed:6.2f} s  (cells {total:5.2f} s; score {score})")
        for cell_time, what in cells:
            if cell_time >= 0.2:
                print(f"      {cell_time:5.2f} s  {what}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="submissions per throughput batch")
    parser.add_argument("--skip-survey", action="store_true")
    parser.add_argument("--cheapest", default="01_customer_value", help="with --skip-survey")
    parser.add_argument("--slowest", default="11_capstone", help="with --skip-survey")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)
    why_not = sandbox.available("nobody")
    print(f"Isolation: {'on (user nobody, PID/mount namespaces)' if not why_not else 'NOT available: ' + why_not}")
    assignments = sorted(p.name for p in (ROOT / "source").iterdir() if (ROOT / "release" / p.name / f"{p.name}.ipynb").exists())
    with tempfile.TemporaryDirectory(prefix="cv-grading-bench-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o711)
        seconds = {} if args.skip_survey else survey(workdir, assignments, args.timeout)
        cheapest = min(seconds, key=seconds.get) if seconds else args.cheapest
        slowest = max(seconds, key=seconds.get) if seconds else args.slowest
        rows = {}
        for assignment in (cheapest, slowest):
            for plain in (True, False):
                course = new_course(workdir / f"{assignment}-{'plain' if plain else 'course'}", [assignment])
                mixed_batch(course, assignment, args.n)  # the same submissions for both paths
                elapsed, outcomes = grade(course, assignment, args.timeout, plain)
                rows[assignment, plain] = (elapsed / args.n, [o.score for o in outcomes])
    print(f"\nThroughput: {args.n} submissions each, one at a time, {os.cpu_count()} cores (autograde only, no feedback)")
    print(f"  {'assignment':<26} {'plain nbgrader':>15} {'course path':>12} {'ratio':>6} {'300 students':>13}")
    for assignment in (cheapest, slowest):
        plain, ours = rows[assignment, True][0], rows[assignment, False][0]
        print(f"  {assignment:<26} {plain:13.2f} s {ours:10.2f} s {ours / plain:6.2f} {300 * ours / 60:10.1f} min")
        print(f"      scores plain {rows[assignment, True][1]}  course {rows[assignment, False][1]}")


if __name__ == "__main__":
    main()
