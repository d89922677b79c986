"""`python -m customer_value.grading` on one batch of real and broken submissions of 03_clv_basics.

One module-scoped batch (a temporary course, one grading run plus one re-run) holds a correct and
a wrong submission and one of each kind of broken submission; every test checks one outcome and
that the rest of the batch is still graded right. Kernels are isolated (the default) where the
machine allows it (root, Linux); a second, small batch checks the file-size cap and, with
--isolation off, that the snoop then reads the solutions. Feedback is checked for the assert
messages and against every hidden test line. Attacks on the grader: tests/test_redteam.py.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from customer_value.grading import sandbox
from customer_value.grading.feedback import hidden_lines

pytestmark = pytest.mark.grading

ASSIGNMENT = "03_clv_basics"
OTHER = "05_rfm"
TIMEOUT = 5  # seconds per cell for this batch (the course's is 60)
WRITTEN = "Word of mouth wins 5 x 20 % = 1 more customer, worth 26,000 yuan; but 26,000 is sales, undiscounted."
FULL = 15  # autograded points of the assignment (the written answer, 4 points, waits for a human)
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")

# The snoop reads the instructor's notebook and the gradebook the way student code could, and
# runs the solutions it finds there.
SNOOP = r'''
import glob, json, os, sqlite3
found = []
for start in [os.getcwd(), f"/proc/{os.getppid()}/cwd"]:
    for up in range(5):
        base = os.path.join(start, *[".."] * up)
        found += glob.glob(os.path.join(base, "source", "03_clv_basics", "*.ipynb"))
        for db in glob.glob(os.path.join(base, "gradebook.db")):
            try:
                gradebook_rows = sqlite3.connect(db).execute("select count(*) from source_cell").fetchall()
            except Exception:
                pass
for path in found:
    try:
        cells = json.load(open(path))["cells"]
    except OSError:
        continue
    for cell in cells:
        code = "".join(cell["source"])
        if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in code:
            exec(code.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""), globals())
    break
'''


def _cells(nb) -> dict:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _answered(release, source, **changes: str):
    """The release notebook with every answer filled in from the solutions, then `changes` applied."""
    nb = copy.deepcopy(release)
    solutions = _cells(source)
    for grade_id, cell in _cells(nb).items():
        if cell.metadata["nbgrader"].get("solution"):
            lines = solutions[grade_id].source.splitlines()
            cell.source = WRITTEN if cell.cell_type == "markdown" else "\n".join(l for l in lines if l.strip() not in MARKERS)
    for grade_id, code in changes.items():
        _cells(nb)[grade_id].source = code
    return nb


def _write(folder: Path, name: str, content) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, dict):  # raw JSON, written as is (nbformat would renumber duplicated ids)
        path.write_text(json.dumps(content))
    else:
        nbformat.write(content, path)


def build_submissions(course: Path, root: Path, safe: bool = False) -> None:
    release = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    notebook = f"{ASSIGNMENT}.ipynb"

    def put(student: str, content, name: str = notebook) -> None:
        _write(course / "submitted" / student / ASSIGNMENT, name, content)

    put("correct", _answered(release, source))
    put("snoop", _answered(release, source, **{g: "raise NotImplementedError()" for g in _cells(release) if g.startswith("q") and g[1:2].isdigit() and _cells(release)[g].cell_type == "code"} | {"q1_kfc_clv": SNOOP}))
    if safe:
        big = _answered(release, source)
        big.cells.insert(-1, nbformat.v4.new_code_cell("with open('big.bin', 'wb') as f:\n    f.write(b'x' * 200 * 1024 * 1024)"))
        put("big_file", big)
        return
    # a hidden test fails (retention 0 gives nan) after the visible self-check passed; q1 is wrong too
    put("wrong", _answered(release, source, q1_kfc_clv="kfc_clv = 50 * 12 * 4 * 10", q6_break_even_cost=(
        "def break_even_cost(margin, retention, discount_rate, years):\n"
        "    if retention == 0:\n        return float('nan')\n"
        "    return sum(margin * retention ** t / (1 + discount_rate) ** t for t in range(1, years + 1))")))
    put("infinite_loop", _answered(release, source, q3_discounted_clv="while True:\n    pass"))
    put("kernel_crash", _answered(release, source, q4_retention_clv="import os\nos._exit(1)"))
    # a bare `except:` swallows the timeout's KeyboardInterrupt: the kernel never answers
    put("swallows_interrupt", _answered(release, source, q3_discounted_clv=(
        "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except:\n        pass")))
    top = _answered(release, source)
    top.cells.insert(1, nbformat.v4.new_code_cell("raise RuntimeError('this cell was left at the top')"))
    put("exception_at_top", top)
    put("tampered", _answered(release, source, q1_kfc_clv="kfc_clv = 1", t1_kfc_clv="# tests removed\nprint('all good')"))
    deleted = _answered(release, source)
    del deleted.cells[_index(deleted, "t2_word_of_mouth")]
    del deleted.cells[_index(deleted, "q7_written_answer")]
    put("deleted_cells", deleted)
    duplicated = json.loads(nbformat.writes(_answered(release, source)))
    i = next(k for k, c in enumerate(duplicated["cells"]) if c["metadata"].get("nbgrader", {}).get("grade_id") == "q1_kfc_clv")
    duplicated["cells"].insert(i, copy.deepcopy(duplicated["cells"][i]))
    put("duplicated_ids", duplicated)
    put("invalid_json", nbformat.writes(_answered(release, source))[:-200].encode())
    put("empty_file", b"")
    put("other_assignment", nbformat.read(root / "release" / OTHER / f"{OTHER}.ipynb", as_version=4))
    put("renamed", _answered(release, source), name=f"{ASSIGNMENT}-Copy1.ipynb")
    loud = _answered(release, source)
    loud.cells.insert(-1, nbformat.v4.new_code_cell("print('x' * 3_000_000)\nfor i in range(5000):\n    print(i)"))
    put("huge_output", loud)


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _grade(course: Path, env: dict, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "customer_value.grading", ASSIGNMENT, "--course-dir", str(course), "--timeout", str(TIMEOUT), *options]
    return subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=900)


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def _new_course(root: Path, course: Path) -> Path:
    course.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "nbgrader_config.py", course)
    # with the assignment's Chinese edition beside it, as in the repository: same grade ids, same assignment
    for name in (ASSIGNMENT, f"{ASSIGNMENT}_zh-CN", OTHER):
        shutil.copytree(root / "source" / name, course / "source" / name)
    return course


class Batch:
    def __init__(self, root: Path, course: Path, env: dict):
        self.course = _new_course(root, course)
        build_submissions(course, root)
        before = _tree_digest(course / "submitted")
        self.first = _grade(course, env)
        self.first_csv = (course / "grades.csv").read_text(encoding="utf-8")
        self.second = _grade(course, env)
        self.after = _tree_digest(course / "submitted")
        self.before = before
        self.rows = _rows(course / "grades.csv")
        self.source = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)

    def score(self, student: str) -> float:
        return float(self.rows[student]["score"])

    def question(self, student: str, grade_id: str) -> str:
        return self.rows[student][grade_id]

    def problems(self, student: str) -> str:
        return self.rows[student]["problems"]

    def feedback_text(self, student: str) -> str:
        page = (self.course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def batch(root, tool_env, tmp_path_factory) -> Batch:
    return Batch(root, tmp_path_factory.mktemp("batch") / "course", tool_env)


def test_help(tool_env):
    result = subprocess.run([sys.executable, "-m", "customer_value.grading", "--help"], capture_output=True, text=True, env=tool_env)
    assert result.returncode == 0
    for text in ["ASSIGNMENT", "--course-dir", "--timeout", "--isolation", "Exit status", "docs/grading.md"]:
        assert text in result.stdout


#: what a kernel prints when it dies at start because another process took one of its ports (grading then
#: starts another kernel: GuardedExecute.startup_attempts, tests/test_kernel_start.py); seen in CI
PORT_TAKEN = re.compile(r"^Traceback \(most recent call last\):\n(?:[ \t].*\n)*zmq\.error\.ZMQError: Address already in use.*\n?", re.M)


def test_the_run_finishes_and_says_some_submissions_need_a_human(batch):
    assert batch.first.returncode == 3, batch.first.stderr[-3000:]
    assert "Traceback" not in PORT_TAKEN.sub("", batch.first.stderr)


def test_correct_submission_gets_full_marks_and_waits_for_the_written_answer(batch):
    row = batch.rows["correct"]
    assert batch.score("correct") == FULL
    assert [row[g] for g in ["t1_kfc_clv", "t2_word_of_mouth", "t3_discounted_clv", "t4_retention_clv", "t5_margin_multiple_table", "t6_break_even_cost"]] == ["2", "3", "2", "2", "3", "3"]
    assert row["q7_written_answer"] == "" and row["needs_human"] == "no"


def test_wrong_submission_loses_exactly_its_questions(batch):
    assert batch.question("wrong", "t1_kfc_clv") == "0" and batch.question("wrong", "t6_break_even_cost") == "0"
    assert batch.score("wrong") == FULL - 2 - 3
    assert batch.rows["wrong"]["needs_human"] == "no"


def test_infinite_loop_is_stopped_by_the_timeout_scored_and_flagged(batch):
    assert batch.question("infinite_loop", "t3_discounted_clv") == "0"
    assert batch.score("infinite_loop") == FULL - 2
    assert "timeout: q3_discounted_clv" in batch.problems("infinite_loop")


def test_kernel_crash_is_scored_up_to_the_crash_and_flagged(batch):
    assert batch.score("kernel_crash") == 2 + 3 + 2  # q1-q3 ran before q4 killed the kernel
    assert batch.question("kernel_crash", "t4_retention_clv") == "0"
    assert "kernel crash in q4_retention_clv" in batch.problems("kernel_crash")


def test_kernel_that_ignores_the_interrupt_is_scored_up_to_there_and_flagged(batch):
    assert batch.score("swallows_interrupt") == 2 + 3  # q1, q2; q3 never answered the interrupt
    assert "kernel stopped responding in q3_discounted_clv" in batch.problems("swallows_interrupt")


def test_exception_at_the_top_is_scored_and_flagged(batch):
    assert batch.score("exception_at_top") == FULL
    assert "error outside the answer and test cells" in batch.problems("exception_at_top")
    assert "RuntimeError" in batch.problems("exception_at_top")


def test_tampered_test_cell_is_restored_so_the_student_gets_no_points_for_it(batch):
    assert batch.question("tampered", "t1_kfc_clv") == "0"
    assert batch.score("tampered") == FULL - 2
    assert "locked cells changed: t1_kfc_clv" in batch.problems("tampered")


def test_deleted_test_cell_and_written_answer_are_restored_and_graded(batch):
    assert batch.question("deleted_cells", "t2_word_of_mouth") == "3"
    assert batch.score("deleted_cells") == FULL
    assert batch.question("deleted_cells", "q7_written_answer") == "0"  # restored as the unanswered stub
    assert "t2_word_of_mouth, q7_written_answer" in batch.rows["deleted_cells"]["repairs"]


def test_duplicated_cells_are_graded_once(batch):
    assert batch.score("duplicated_ids") == FULL
    assert "duplicated cell ids" in batch.rows["duplicated_ids"]["repairs"]


@pytest.mark.parametrize(("student", "message"), [
    ("invalid_json", "is not valid JSON"),
    ("empty_file", "is an empty file"),
    ("other_assignment", f"is the notebook of assignment {OTHER}"),
])
def test_ungradable_notebook_scores_zero_with_a_clear_message(batch, student, message):
    assert batch.score(student) == 0
    assert message in batch.problems(student)
    assert student in batch.first.stdout.split("Submissions that need a human")[1]


def test_renamed_notebook_is_graded_under_its_name(batch):
    assert batch.score("renamed") == FULL
    assert f"{ASSIGNMENT}-Copy1.ipynb graded as {ASSIGNMENT}.ipynb" in batch.rows["renamed"]["repairs"]
    assert batch.rows["renamed"]["needs_human"] == "no"


def test_huge_output_is_truncated_and_gains_nothing(batch):
    assert batch.score("huge_output") == FULL
    autograded = batch.course / "autograded" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert autograded.stat().st_size < 1_000_000
    assert (batch.course / "feedback" / "huge_output" / ASSIGNMENT / f"{ASSIGNMENT}.html").stat().st_size < 1_500_000


safe_mode = pytest.mark.skipif(bool(sandbox.available("nobody")), reason=sandbox.available("nobody") or "")


@safe_mode
def test_isolation_by_default_hides_the_course_files(batch):
    assert batch.score("snoop") == 0
    assert "Student kernels: isolated" in batch.first.stdout


def test_grading_never_modifies_submissions(batch):
    assert batch.after == batch.before
    assert len(batch.before) == len(batch.rows) == 15


def test_rerun_is_idempotent(batch):
    assert batch.second.returncode == batch.first.returncode
    assert (batch.course / "grades.csv").read_text(encoding="utf-8") == batch.first_csv


def test_summary_reports_statistics_pass_rates_and_who_needs_a_human(batch):
    out = batch.first.stdout
    scores = [batch.score(s) for s in batch.rows]
    assert f"{len(batch.rows)} submissions" in out
    assert re.search(r"mean \d+\.\d\d\s+median \d", out)
    assert "Score histogram" in out and out.count(" %") >= 10
    passed = sum(batch.question(s, "t1_kfc_clv") == "2" for s in batch.rows)
    assert re.search(rf"t1_kfc_clv\s+2 pts\s+{passed}/{len(batch.rows)}", out)
    flagged = out.split("Submissions that need a human")[1].split("Repaired automatically")[0]
    for student in ["infinite_loop", "kernel_crash", "swallows_interrupt", "exception_at_top", "tampered", "invalid_json", "empty_file", "other_assignment"]:
        assert f"  {student}: " in flagged
    for student in ["correct", "wrong", "renamed", "duplicated_ids", "deleted_cells"]:
        assert f"  {student}: " not in flagged
    assert "Written answers to grade in Formgrader" in out
    assert max(scores) == FULL


def test_feedback_gives_the_failed_check_and_message_but_no_hidden_test(batch):
    text = batch.feedback_text("wrong")
    assert "t6_break_even_cost" in text
    # the hidden assert's message, as the instructor wrote it in source/ (the checker ran it)
    assert re.search(r"t6_break_even_cost: [^\n]*margin, retention, discount_rate, years = \(", text)
    assert "Self-check q1_kfc_clv: not yet right" in text
    hidden = [line for cell in batch.source.cells for line in hidden_lines(cell.source)]
    assert len(hidden) > 15
    for student in ["wrong", "correct", "tampered", "kernel_crash"]:
        text = batch.feedback_text(student)
        assert [line for line in hidden if line in text] == [], student
        assert "hidden tests are not shown" in text


@safe_mode
def test_isolated_file_size_is_capped_and_isolation_off_says_what_it_means(root, tool_env, tmp_path_factory):
    course = _new_course(root, tmp_path_factory.mktemp("safe") / "course")
    build_submissions(course, root, safe=True)
    result = _grade(course, tool_env, "--no-feedback")
    rows = _rows(course / "grades.csv")
    assert rows["correct"]["score"] == str(FULL), result.stdout + result.stderr
    assert rows["snoop"]["score"] == "0"
    assert rows["big_file"]["score"] == str(FULL)
    assert "File too large" in rows["big_file"]["problems"]
    # opting out: the snoop reads source/ and copies the solutions, and the warning says so first
    result = _grade(course, tool_env, "--no-feedback", "--isolation", "off", "--student", "snoop")
    assert "WARNING: --isolation off: student code runs as you" in result.stderr
    assert "Student kernels: NOT isolated (--isolation off)" in result.stdout
    assert _rows(course / "grades.csv")["snoop"]["score"] == str(FULL)


@safe_mode
def test_isolated_kernel_sees_only_system_folders_python_and_its_own(tmp_path):
    # A gradebook or a course copy anywhere outside the system folders (/tmp, /root, /home, /work, …)
    # is hidden; a world-readable system file stays readable (the check before grading reports such paths).
    import tempfile

    elsewhere = Path(tempfile.mkdtemp(prefix="cv-world-readable-"))
    try:
        elsewhere.chmod(0o755)
        (elsewhere / "gradebook.db").write_bytes(b"")
        (elsewhere / "gradebook.db").chmod(0o644)
        other_checkout = Path(__file__).resolve().parents[1] / "source"
        exposed = sandbox.exposed_paths("nobody", [], [elsewhere / "gradebook.db", other_checkout, Path("/etc/passwd")])
    finally:
        shutil.rmtree(elsewhere)
    assert exposed == [Path("/etc/passwd")]


def test_where_isolation_cannot_run_it_says_so_before_grading(root, tmp_path, monkeypatch, capsys):
    from customer_value.grading import batch
    from customer_value.grading.course import GradingError

    monkeypatch.setattr(sandbox, "available", lambda user: "isolation needs root (…)")
    course = _new_course(root, tmp_path / "course")
    (course / "submitted").mkdir()
    options = batch.Options(ASSIGNMENT, course)
    with pytest.raises(GradingError, match="no submissions"):
        batch.Batch.run(options)
    assert "WARNING: student kernels are NOT isolated here: isolation needs root" in capsys.readouterr().err
    assert options.isolation is False
