"""Pre-check each submission and stage a gradable copy of it; submitted/ is only ever read.

Each student's folder ``submitted/<student>/<assignment>/`` is copied into a staging folder that
nbgrader then grades (``CourseDirectory.submitted_directory`` points there for the run):

- a notebook that is empty, not JSON, not a notebook, or from another assignment is left out, with
  a message (nbgrader then scores it 0);
- a renamed notebook (``03_clv_basics-Copy1.ipynb``, ``my work.ipynb``) is staged under its
  expected name when its graded cells show it is this assignment's notebook;
- duplicated cell ids are renumbered (nbformat does this as it reads) and copied graded cells are
  recorded (nbgrader's ``DeduplicateIds`` grades the last copy);
- deleted instructor cells and changed locked cells are recorded; the course's nbgrader
  preprocessors restore them (``RestoreMissingCells``, ``OverwriteCells``).
"""

from __future__ import annotations

import json
import shutil
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests

from .course import SourceCell


@dataclass
class Submission:
    """One student's submission of the assignment, as found and as staged for grading."""

    student: str
    folder: Path
    staged: dict[str, NotebookNode] = field(default_factory=dict)  # notebook name → notebook to grade
    problems: list[str] = field(default_factory=list)  # a human must look
    repairs: list[str] = field(default_factory=list)  # handled automatically, recorded

    @property
    def gradable(self) -> bool:
        return bool(self.staged)


def visible_source(cell: SourceCell) -> str:
    """The cell's source as released to students (hidden tests removed, as nbgrader does)."""
    node = NotebookNode(source=cell.source)
    ClearHiddenTests()._remove_hidden_test_region(node)
    return node.source


def _grade_ids(nb_json: dict) -> list[str]:
    return [
        c["metadata"]["nbgrader"]["grade_id"]
        for c in nb_json.get("cells", [])
        if isinstance(c, dict) and isinstance(c.get("metadata", {}).get("nbgrader"), dict) and c["metadata"]["nbgrader"].get("grade_id")
    ]


def _load(path: Path) -> tuple[dict | None, str]:
    """The notebook's JSON, or None and why it cannot be graded."""
    raw = path.read_bytes()
    if not raw.strip():
        return None, f"{path.name} is an empty file ({len(raw)} bytes)"
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        where = f" at line {error.lineno}, column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        return None, f"{path.name} is not valid JSON ({error.__class__.__name__}{where}: {getattr(error, 'msg', error)}); ask the student to resubmit"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, f"{path.name} is JSON but not a notebook (no list of cells)"
    return data, ""


class Checker:
    """Pre-checks submissions of one assignment against its instructor cells."""

    def __init__(self, assignment: str, source_cells: dict[str, dict[str, SourceCell]], other_assignments: dict[str, set[str]]):
        self.assignment = assignment
        self.source_cells = source_cells
        shared = set().union(*other_assignments.values()) if other_assignments else set()
        # ids such as "intro" or "setup" recur in every assignment: only the others tell notebooks apart
        self.own_ids = {name: set(cells) - shared for name, cells in source_cells.items()}
        self.other_ids = {a: ids - set().union(*source_cells.values()) for a, ids in other_assignments.items()}

    def check(self, student: str, folder: Path) -> Submission:
        submission = Submission(student, folder)
        notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
        unclaimed = [p for p in notebooks if p.stem not in self.source_cells]
        for name in self.source_cells:
            path = folder / f"{name}.ipynb"
            if not path.exists():
                path = self._renamed(name, unclaimed, submission)
                if path is None:
                    found = ", ".join(p.name for p in notebooks) or "no notebook"
                    submission.problems.append(f"{name}.ipynb is missing (found: {found})")
                    continue
            nb = self._checked(name, path, submission)
            if nb is not None:
                submission.staged[name] = nb
        return submission

    def _renamed(self, name: str, candidates: list[Path], submission: Submission) -> Path | None:
        """The submitted notebook that holds this notebook's graded cells under another file name."""
        best, overlap = None, 0
        for path in candidates:
            data, _ = _load(path)
            shared = len(self.own_ids[name] & set(_grade_ids(data))) if data else 0
            if shared > overlap:
                best, overlap = path, shared
        if best is not None:
            candidates.remove(best)
            submission.repairs.append(f"renamed notebook: {best.name} graded as {name}.ipynb")
        return best

    def _checked(self, name: str, path: Path, submission: Submission) -> NotebookNode | None:
        data, why = _load(path)
        if data is None:
            submission.problems.append(why)
            return None
        ids = _grade_ids(data)
        if not set(ids) & self.own_ids[name]:
            submission.problems.append(f"{path.name} {self._whose(ids)}; nothing to grade")
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns as it renumbers duplicated cell ids
            try:
                nb = nbformat.reads(json.dumps(data), as_version=4)
            except Exception as error:
                submission.problems.append(f"{path.name} is not a readable notebook ({error.__class__.__name__}: {error})")
                return None
        cell_ids = Counter(c.get("id") for c in data["cells"] if isinstance(c, dict) and c.get("id"))
        duplicated = sorted(i for i, n in cell_ids.items() if n > 1)
        if duplicated:
            submission.repairs.append(f"duplicated cell ids {', '.join(duplicated)} (copied cells): renumbered")
        copies = sorted(g for g, n in Counter(ids).items() if n > 1)
        if copies:
            submission.repairs.append(f"graded cells copied: {', '.join(copies)}; the last copy of each is graded")
        self._compare_with_source(name, nb, submission)
        return nb

    def _whose(self, ids: list[str]) -> str:
        matches = {a: len(own & set(ids)) for a, own in self.other_ids.items()}
        other = max(matches, key=matches.get, default=None)
        if other is not None and matches[other] > 0:
            return f"is the notebook of assignment {other}, not {self.assignment}"
        return f"has none of {self.assignment}'s graded cells (nbgrader metadata missing?)"

    def _compare_with_source(self, name: str, nb: NotebookNode, submission: Submission) -> None:
        cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}
        missing = [g for g in self.source_cells[name] if g not in cells]
        if missing:
            submission.repairs.append(f"deleted cells restored from the source: {', '.join(missing)}")
        changed = [
            g for g, source in self.source_cells[name].items()
            if g in cells and source.locked and not source.solution
            and cells[g].source.strip() not in (visible_source(source).strip(), source.source.strip())
        ]
        if changed:
            submission.problems.append(
                f"locked cells changed: {', '.join(changed)} (graded with the original tests; ask why they were edited)"
            )


def stage(submission: Submission, staging: Path, assignment: str) -> None:
    """Copy the submission's other files and its gradable notebooks to staging/<student>/<assignment>/."""
    target = staging / submission.student / assignment

    def skipped(folder: str, names: list[str]) -> list[str]:
        links = [n for n in names if Path(folder, n).is_symlink()]
        submission.problems += [f"symbolic link {Path(folder, n).relative_to(submission.folder)} not copied" for n in links]
        return links + [n for n in names if n.endswith(".ipynb") or n == ".ipynb_checkpoints"]

    # nbgrader copies files with shutil.copy, which follows links: a link to source/ would bring the
    # instructor's notebook next to the student's code
    shutil.copytree(submission.folder, target, ignore=skipped)
    for name, nb in submission.staged.items():
        nbformat.write(nb, target / f"{name}.ipynb")
