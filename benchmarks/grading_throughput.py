"""Benchmark: batch autograding throughput (python -m customer_value.grading's engine, in process).

1. Survey: autograde one correct submission of every assignment in source/ and time each cell
   (nbclient's execution timestamps), to find the slowest assignment (most seconds in its cells) and the cells that cost most
   (slow imports, big data loads, model fits).
2. Throughput: autograde N simulated submissions of the slowest assignment — a mix of correct,
   wrong (every answer left as the release's stub) and broken (an exception at the top, a notebook
   that is not JSON) — and N of an empty one-cell assignment (one `assert True` test: nbgrader's
   own floor, kernel start-up and bookkeeping). Prints seconds per submission for both, the ratio
   (our notebooks' cost over nbgrader's floor), and students per hour on this machine, one
   submission at a time, with and without the feedback HTML; with --safe-mode, also in the sandbox.

Nothing is asserted; the closing notes quote the figures. The machine may be shared: run it twice.
Usage: python benchmarks/grading_throughput.py [--n 8] [--assignment 11_capstone] [--skip-survey] [--safe-mode]
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

from customer_value.grading.batch import Batch, find_submissions
from customer_value.grading.course import Course, load_config

ROOT = Path(__file__).resolve().parents[1]
EMPTY = "00_empty_one_cell"
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


def empty_source() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    nb.cells = [nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
        "grade": True, "grade_id": "t1_nothing", "locked": True, "points": 1, "schema_version": 3,
        "solution": False, "task": False}})]
    return nb


def new_course(folder: Path, assignments: list[str]) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", folder)
    for assignment in assignments:
        shutil.copytree(ROOT / "source" / assignment, folder / "source" / assignment)
    (folder / "source" / EMPTY).mkdir(parents=True)
    nbformat.write(empty_source(), folder / "source" / EMPTY / f"{EMPTY}.ipynb")
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


def grade(course_dir: Path, assignment: str, timeout: int, safe: bool = False) -> tuple[float, float, list]:
    """(autograde seconds, feedback seconds, outcomes) for every submission of ``assignment``."""
    config = load_config(course_dir)
    config.Execute.timeout = timeout
    if safe:  # as `--safe-mode user` of the CLI
        config.GuardedExecute.kernel_user = config.SandboxKernelManager.user = "nobody"
        config.SandboxKernelManager.root = str(course_dir.parent)
        config.SandboxKernelManager.hide = [str(course_dir)]
    config.Execute.extra_arguments = [*config.Execute.get("extra_arguments", []), "--IPKernelApp.log_level=ERROR"]
    log = logging.getLogger("grading-benchmark")
    log.addHandler(logging.NullHandler())
    log.propagate = False
    course = Course(course_dir, config, log)
    course.ensure_assignment(assignment)  # once per course, not per student: not timed
    batch = Batch(course, assignment)
    folders = find_submissions(course, assignment)
    start = time.perf_counter()
    outcomes = batch.grade(folders)
    middle = time.perf_counter()
    batch.feedback()
    return middle - start, time.perf_counter() - middle, outcomes


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
        elapsed, _, outcomes = grade(course, assignment, timeout)
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
    parser.add_argument("--assignment", default=None, help="assignment for the throughput batch (default: the survey's slowest)")
    parser.add_argument("--skip-survey", action="store_true")
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--safe-mode", action="store_true", help="also time the batch in --safe-mode user (root only)")
    args = parser.parse_args()
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)
    assignments = sorted(p.name for p in (ROOT / "source").iterdir() if (ROOT / "release" / p.name / f"{p.name}.ipynb").exists())
    with tempfile.TemporaryDirectory(prefix="cv-grading-bench-") as tmp:
        workdir = Path(tmp)
        seconds = {} if args.skip_survey else survey(workdir, assignments, args.timeout)
        target = args.assignment or (max(seconds, key=seconds.get) if seconds else "08_probabilistic_clv")
        course = new_course(workdir / "throughput", [target])
        mixed_batch(course, target, args.n)
        for i in range(args.n):
            submit(course, EMPTY, f"student{i:03d}", empty_source())
        os.chmod(workdir, 0o711)  # safe mode: the sandbox user enters its kernel folders only
        rows = {}
        runs = [(EMPTY, False), (target, False)] + ([(EMPTY, True), (target, True)] if args.safe_mode else [])
        for assignment, safe in runs:
            auto, feedback, outcomes = grade(course, assignment, args.timeout, safe)
            label = assignment + (" (safe mode)" if safe else "")
            rows[label] = (auto / args.n, (auto + feedback) / args.n, sum(bool(o.problems) for o in outcomes))
    print(f"\nThroughput: {args.n} submissions each, one at a time, {os.cpu_count()} cores")
    print(f"  {'assignment':<36} {'s/submission':>12} {'+feedback':>10} {'students/hour':>14} {'flagged':>8}")
    for assignment, (per, per_with_feedback, flagged) in rows.items():
        print(f"  {assignment:<36} {per:12.2f} {per_with_feedback:10.2f} {3600 / per_with_feedback:14.0f} {flagged:8d}")
    floor, ours = rows[EMPTY][0], rows[target][0]
    print(f"  ratio {target} / empty one-cell notebook: {ours / floor:.2f} (autograde only)")


if __name__ == "__main__":
    main()
