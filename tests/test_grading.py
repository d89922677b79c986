"""The nbgrader pipeline, run for real in a temporary course directory.

For each assignment: release/ is exactly what nbgrader generates from source/; no solution or
hidden test reaches release/; the solutions autograde to full marks; the untouched release scores
0; common wrong answers lose the points of their question (and only those); right answers
written differently keep full marks.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

import assignments

pytestmark = pytest.mark.grading

SPECS = [
    importlib.import_module(f"assignments.{info.name}")
    for info in pkgutil.iter_modules(assignments.__path__)
]
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN_MARKERS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
WRITTEN_ANSWER = "Word of mouth wins 5 x 20 % = 1 more customer, worth 26,000 yuan."


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _nbgrader_cells(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


def _strip_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if line.strip() not in SOLUTION_MARKERS)


def _submission(release_nb, answers: dict[str, str]):
    """A copy of the release notebook with the given answer cells filled in."""
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    cells = _nbgrader_cells(nb)
    unknown = set(answers) - set(cells)
    assert not unknown, f"scenario names cells that do not exist: {unknown}"
    for grade_id, code in answers.items():
        cells[grade_id].source = code
    return nb


def _alternatives(spec) -> list[dict[str, str]]:
    """The spec's sets of right answers written differently (ALTERNATIVES, or the older single ALTERNATIVE)."""
    return list(getattr(spec, "ALTERNATIVES", [spec.ALTERNATIVE]))


class Course:
    """A temporary nbgrader course with one assignment generated, submitted and autograded."""

    def __init__(self, root: Path, spec, tmp: Path, env: dict[str, str]):
        self.spec, self.dir, self.env = spec, tmp, env
        name = spec.ASSIGNMENT
        shutil.copy(root / "nbgrader_config.py", tmp)
        shutil.copytree(root / "source" / name, tmp / "source" / name)
        _run(["nbgrader", "generate_assignment", name, "--force"], tmp, env)
        self.source_nb = nbformat.read(tmp / "source" / name / f"{name}.ipynb", as_version=4)
        self.release_path = tmp / "release" / name / f"{name}.ipynb"
        self.release_nb = nbformat.read(self.release_path, as_version=4)

        source_cells = _nbgrader_cells(self.source_nb)
        release_cells = _nbgrader_cells(self.release_nb)
        self.correct = {}
        for grade_id, cell in release_cells.items():
            meta = cell.metadata["nbgrader"]
            if meta.get("solution"):
                if cell.cell_type == "markdown":
                    self.correct[grade_id] = WRITTEN_ANSWER
                else:
                    self.correct[grade_id] = _strip_markers(source_cells[grade_id].source)

        submissions = {"untouched": self.release_nb, "solution": self.source_nb}
        for number, answers in enumerate(_alternatives(spec), start=1):
            submissions[f"alternative{number}"] = _submission(self.release_nb, {**self.correct, **answers})
        for student, (answers, _) in spec.WRONG.items():
            submissions[student] = _submission(self.release_nb, {**self.correct, **answers})
        for student, nb in submissions.items():
            folder = tmp / "submitted" / student / name
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / f"{name}.ipynb")
        _run(["nbgrader", "autograde", name, "--force"], tmp, env)
        self.scores = self._read_scores()

    def _read_scores(self) -> dict[str, dict[str, float]]:
        from nbgrader.api import Gradebook

        scores: dict[str, dict[str, float]] = {}
        with Gradebook(f"sqlite:///{self.dir / 'gradebook.db'}") as gradebook:
            assignment = gradebook.find_assignment(self.spec.ASSIGNMENT)
            for submission in assignment.submissions:
                notebook = submission.notebooks[0]
                scores[submission.student.id] = {
                    grade.name: grade.auto_score for grade in notebook.grades if grade.auto_score is not None
                }
        self.max_scores = {
            c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
            for c in self.release_nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
        }
        return scores


@pytest.fixture(scope="module", params=SPECS, ids=[spec.ASSIGNMENT for spec in SPECS])
def course(request, root, tool_env, tmp_path_factory):
    return Course(root, request.param, tmp_path_factory.mktemp(request.param.ASSIGNMENT), tool_env)


def test_release_is_what_nbgrader_generates(course, root):
    committed = root / "release" / course.spec.ASSIGNMENT / f"{course.spec.ASSIGNMENT}.ipynb"
    assert committed.exists(), "release/ is missing: run `make release`"
    fresh, stored = course.release_nb, nbformat.read(committed, as_version=4)
    assert [c.source for c in fresh.cells] == [c.source for c in stored.cells], "run `make release`"
    assert [c.metadata.get("nbgrader") for c in fresh.cells] == [c.metadata.get("nbgrader") for c in stored.cells]
    assert json.loads(course.release_path.read_text()) == json.loads(committed.read_text())


def _regions(source: str, markers: tuple[str, str]) -> list[str]:
    lines, inside = [], False
    for line in source.splitlines():
        if markers[0] in line:
            inside = True
        elif markers[1] in line:
            inside = False
        elif inside:
            lines.append(line.strip())
    return lines


def test_no_solution_or_hidden_test_leaks_into_release(course, root):
    release_text = (root / "release" / course.spec.ASSIGNMENT / f"{course.spec.ASSIGNMENT}.ipynb").read_text()
    release_sources = "\n".join(c.source for c in nbformat.reads(release_text, as_version=4).cells)
    secret: list[str] = []
    for cell in course.source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("solution"):
            secret += [line.strip() for line in cell.source.splitlines()]
        else:
            secret += _regions(cell.source, SOLUTION_MARKERS) + _regions(cell.source, HIDDEN_MARKERS)
    secret = [line for line in secret if len(line) >= 12]
    assert len(secret) > 10
    leaked = [line for line in secret if line in release_sources]
    assert leaked == []
    assert "BEGIN HIDDEN TESTS" not in release_text and "BEGIN SOLUTION" not in release_text
    assert "Rubric" not in release_sources and "Model answer" not in release_sources


def test_release_has_stubs_and_self_checks(course):
    cells = _nbgrader_cells(course.release_nb)
    answers = [c for c in cells.values() if c.metadata["nbgrader"]["solution"] and c.cell_type == "code"]
    tests = [c for c in cells.values() if c.metadata["nbgrader"]["grade"] and c.cell_type == "code"]
    assert len(answers) >= 5 and len(tests) >= 5
    assert all("raise NotImplementedError()" in c.source for c in answers)
    assert all("cv.selfcheck.check(" in c.source for c in tests), "every autograded question has a visible self-check"
    for grade_id, cell in cells.items():
        if cell.metadata["nbgrader"]["grade"] and cell.cell_type == "code":
            assert re.fullmatch(r"t\d+_\w+", grade_id), grade_id
            assert grade_id in cell.source, f"{grade_id}: assert messages name the check"
    manual = [c for c in cells.values() if c.cell_type == "markdown" and c.metadata["nbgrader"]["grade"]]
    assert manual and all(c.source.strip() == "YOUR ANSWER HERE" for c in manual)


def test_solutions_get_full_marks(course):
    assert course.scores["solution"] == pytest.approx(course.max_scores)


def test_untouched_release_scores_zero(course):
    scores = course.scores["untouched"]
    assert {grade_id: scores[grade_id] for grade_id in course.max_scores} == dict.fromkeys(course.max_scores, 0)
    assert sum(scores.values()) == 0  # an unanswered written answer scores 0 too


def test_release_fails_its_tests_per_nbgrader_validate(course):
    # `nbgrader validate` exits 0 whatever happens: read its report.
    result = _run(["nbgrader", "validate", "--invert", str(course.release_path)], course.dir, course.env)
    assert "Success! The notebook does not pass any tests." in result.stdout + result.stderr


def test_alternative_correct_answers_get_full_marks(course):
    for number, _ in enumerate(_alternatives(course.spec), start=1):
        assert course.scores[f"alternative{number}"] == pytest.approx(course.max_scores), f"alternative{number}"


def test_every_wrong_answer_loses_exactly_its_questions_points(course):
    for student, (_, failing) in course.spec.WRONG.items():
        scores = course.scores[student]
        for grade_id, points in course.max_scores.items():
            expected = 0 if grade_id in failing else points
            assert scores[grade_id] == expected, f"{student}: {grade_id} scored {scores[grade_id]}, expected {expected}"
    assert len(course.spec.WRONG) >= 3
