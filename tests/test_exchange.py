"""A class through nbgrader's real exchange: release, fetch, submit, collect, grade, feedback.

The instructor works in a temporary course directory through nbgrader's Python API (what
Formgrader calls); two students, each with their own home, working directory and nbgrader cache,
use the exchange the two ways students do on JupyterHub: alice through the Assignments panel's
backend (nbgrader.server_extensions.assignment_list), bob with the `nbgrader` commands. Every step
is nbgrader's default file-system exchange, the one docs/jupyterhub.md sets up. All processes run
as one OS user here, so each student's identity comes from `CourseDirectory.student_id` in their
nbgrader_config.py (on a hub it comes from the OS user, or JUPYTERHUB_USER for `jovyan`).
"""

from __future__ import annotations

import html
import re
import shutil
import stat
import subprocess
from pathlib import Path

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from assignments import a03_clv_basics as spec

pytestmark = pytest.mark.grading

ASSIGNMENT = spec.ASSIGNMENT
COURSE_ID = "customer-value"
WRONG_NAME = "twice_a_month_taken_as_twice_a_year"
WRONG_ANSWERS, WRONG_FAILS = spec.WRONG[WRONG_NAME]
WRITTEN = "Word of mouth wins one more customer, worth a whole lifetime value."
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
# The student-side nbgrader_config.py of docs/jupyterhub.md, with the exchange root filled in.
STUDENT_CONFIG = 'c = get_config()\nc.Exchange.root = "{root}"\nc.CourseDirectory.course_id = "customer-value"\n'


def _answers(source_nb, release_nb) -> dict[str, str]:
    """grade_id -> a correct answer: the source's solutions without markers, a sentence for written answers."""
    source = {c.metadata["nbgrader"]["grade_id"]: c for c in source_nb.cells if "nbgrader" in c.metadata}
    answers = {}
    for cell in release_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = source[meta["grade_id"]].source.splitlines()
            code = "\n".join(line for line in lines if line.strip() not in SOLUTION_MARKERS)
            answers[meta["grade_id"]] = WRITTEN if cell.cell_type == "markdown" else code
    return answers


def _answer(path: Path, answers: dict[str, str]) -> None:
    """A student edits their fetched copy: each answer cell gets its text."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nbformat.write(nb, path)


class Student:
    def __init__(self, name: str, tmp: Path, exchange: Path):
        self.name, self.home = name, tmp / "home" / name
        (self.home / ".jupyter").mkdir(parents=True)
        config = STUDENT_CONFIG.format(root=exchange)
        # Test-only stand-in for a separate OS user (see the module docstring).
        config += f'c.CourseDirectory.student_id = "{name}"\n'
        (self.home / ".jupyter" / "nbgrader_config.py").write_text(config)

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in base.items() if not k.startswith("JUPYTER")}
        return dict(env, HOME=str(self.home), USER=self.name)

    @property
    def notebook(self) -> Path:
        return self.home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"

    def feedback(self) -> list[Path]:
        return sorted((self.home / ASSIGNMENT / "feedback").glob("*/*.html"))


def _ok(result: dict, step: str) -> None:
    assert result["success"], f"{step} failed:\n{result.get('error') or result.get('value')}\n{result.get('log', '')}"


def _cli(args: list[str], student: Student, env: dict[str, str]) -> str:
    result = subprocess.run(["nbgrader", *args], cwd=student.home, env=student.env(env), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} as {student.name}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def classroom(root, tool_env, tmp_path_factory):
    """Runs the whole flow once; the tests read what it left behind."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    tmp = tmp_path_factory.mktemp("exchange")
    exchange, course = tmp / "exchange", tmp / "course"
    exchange.mkdir()
    exchange.chmod(0o777)  # docs/jupyterhub.md: world-writable, nbgrader keeps it so
    course.mkdir()
    shutil.copy(root / "nbgrader_config.py", course)
    shutil.copytree(root / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    alice, bob = Student("alice", tmp, exchange), Student("bob", tmp, exchange)

    with pytest.MonkeyPatch.context() as patch:
        for name, value in tool_env.items():
            patch.setenv(name, value)
        for name in ("JUPYTER_CONFIG_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTERHUB_USER"):
            patch.delenv(name, raising=False)

        # Instructor: the course's nbgrader_config.py plus the exchange root (the hub's global config).
        patch.chdir(course)
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
        config.CourseDirectory.root = str(course)
        config.Exchange.root = str(exchange)
        api = NbGraderAPI(CourseDirectory(config=config), config=config)
        _ok(api.generate_assignment(ASSIGNMENT), "generate_assignment")
        _ok(api.release_assignment(ASSIGNMENT), "release_assignment")

        # alice: the Assignments panel's backend, in this process, with her own home as the server's root.
        patch.setenv("HOME", str(alice.home))
        patch.chdir(alice.home)
        panel = AssignmentList()
        panel.root_dir = str(alice.home)
        _ok(panel.fetch_assignment(COURSE_ID, ASSIGNMENT), "alice: fetch_assignment")

        source_nb = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        release_nb = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        correct = _answers(source_nb, release_nb)
        _answer(alice.notebook, correct)
        _ok(panel.submit_assignment(COURSE_ID, ASSIGNMENT), "alice: submit")

        # bob: the command line, in his own home.
        _cli(["fetch_assignment", ASSIGNMENT], bob, tool_env)
        _answer(bob.notebook, {**correct, **WRONG_ANSWERS})
        _cli(["submit", ASSIGNMENT], bob, tool_env)

        # Instructor: collect, grade (one process), feedback out.
        patch.setenv("HOME", str(tmp))
        patch.chdir(course)
        _ok(api.collect(ASSIGNMENT), "collect")
        for student in ("alice", "bob"):
            _ok(api.autograde(ASSIGNMENT, student), f"autograde {student}")
        _ok(api.generate_feedback(ASSIGNMENT), "generate_feedback")
        _ok(api.release_feedback(ASSIGNMENT), "release_feedback")
        scores = {s: api.get_submission(ASSIGNMENT, s)["score"] for s in ("alice", "bob")}
        max_score = api.get_assignment(ASSIGNMENT)["max_score"]

        patch.setenv("HOME", str(alice.home))
        patch.chdir(alice.home)
        _ok(panel.fetch_feedback(COURSE_ID, ASSIGNMENT), "alice: fetch_feedback")
        _cli(["fetch_feedback", ASSIGNMENT], bob, tool_env)

    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
              for c in release_nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"}
    return dict(tmp=tmp, exchange=exchange, course=course, alice=alice, bob=bob, scores=scores,
                max_score=max_score, autograded_max=sum(points.values()),
                lost=sum(points[grade_id] for grade_id in WRONG_FAILS))


def test_release_sets_the_exchange_permissions(classroom):
    course_dir = classroom["exchange"] / COURSE_ID
    assert _mode(classroom["exchange"]) == 0o777
    assert _mode(course_dir / "outbound") == 0o755, "students read released assignments, cannot change them"
    assert _mode(course_dir / "inbound") == 0o2733, "students drop submissions in, cannot list others'"
    assert _mode(course_dir / "feedback") == 0o711, "students open their own feedback by name, cannot list it"


def test_each_student_fetched_their_own_copy(classroom):
    for student in (classroom["alice"], classroom["bob"]):
        assert student.notebook.exists()


def test_collect_files_each_submission_under_its_student(classroom):
    inbound = sorted(p.name.split("+")[0] for p in (classroom["exchange"] / COURSE_ID / "inbound").iterdir())
    assert inbound == ["alice", "bob"]
    for name in ("alice", "bob"):
        assert (classroom["course"] / "submitted" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()


def test_scores_right_and_wrong_answers(classroom):
    scores, full = classroom["scores"], classroom["autograded_max"]
    assert scores["alice"] == pytest.approx(full), "the correct submission gets every autograded point"
    assert scores["bob"] == pytest.approx(full - classroom["lost"]) and classroom["lost"] > 0
    assert classroom["max_score"] > full, "the written answer is graded by hand"


def _score_in(text: str) -> float:
    """The total nbgrader's feedback page (as text) shows ("Score: 19.0 / 23.0")."""
    match = re.search(r"Score:\s*([0-9.]+)\s*/\s*([0-9.]+)", text)
    assert match, "no total score in the feedback"
    return float(match.group(1))


def test_every_student_fetches_their_own_feedback_and_only_theirs(classroom):
    alice, bob = classroom["alice"], classroom["bob"]
    files = {student.name: student.feedback() for student in (alice, bob)}
    assert [len(found) for found in files.values()] == [1, 1], f"one feedback file each: {files}"
    pages = {name: html.unescape(re.sub(r"<[^>]+>", "", found[0].read_text())) for name, found in files.items()}
    assert _score_in(pages["alice"]) == pytest.approx(classroom["scores"]["alice"])
    assert _score_in(pages["bob"]) == pytest.approx(classroom["scores"]["bob"])
    wrong_code = next(iter(WRONG_ANSWERS.values()))
    assert wrong_code in pages["bob"] and wrong_code not in pages["alice"], "each page shows its own submission"


def test_feedback_in_the_exchange_is_not_named_by_student(classroom):
    """Released feedback is stored under a hash of each submission's secret: no student can guess another's."""
    released = sorted(p.name for p in (classroom["exchange"] / COURSE_ID / "feedback").iterdir())
    assert len(released) == 2 and not any(name.startswith(("alice", "bob")) for name in released)
    assert all(re.fullmatch(r"[0-9a-f]+\.html", name) for name in released)


def test_students_caches_stay_in_their_own_homes(classroom):
    for student in (classroom["alice"], classroom["bob"]):
        cache = student.home / ".local" / "share" / "jupyter" / "nbgrader_cache" / COURSE_ID
        assert [p.name.split("+")[0] for p in cache.iterdir()] == [student.name]


def test_docs_show_the_configuration_this_test_uses(root):
    doc = (root / "docs" / "jupyterhub.md").read_text()
    # the docs install deploy/jupyterhub/nbgrader_config.py as the global configuration: the same settings
    assert "deploy/jupyterhub/nbgrader_config.py" in doc
    deployed = (root / "deploy" / "jupyterhub" / "nbgrader_config.py").read_text()
    assert 'or "/srv/nbgrader/exchange"' in deployed and "/srv/nbgrader/exchange" in doc
    assert 'c.CourseDirectory.course_id = "customer-value"' in deployed
    assert 'c.CourseDirectory.course_id = "customer-value"' in STUDENT_CONFIG
    for command in ("release_assignment", "fetch_assignment", "submit", "collect", "release_feedback", "fetch_feedback"):
        assert f"nbgrader {command} {ASSIGNMENT}" in doc, f"docs/jupyterhub.md lacks `nbgrader {command} {ASSIGNMENT}`"
    # autograde + generate_feedback: the docs use the course's grading command, which runs both (isolated)
    assert f"python -m customer_value.grading {ASSIGNMENT}" in doc
