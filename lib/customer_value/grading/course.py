"""The nbgrader course a batch is graded in: its configuration, directories and gradebook.

Loads the same ``nbgrader_config.py`` files the ``nbgrader`` command reads (Jupyter's config
path, then the course directory), so the CLI grades exactly as ``nbgrader autograde`` would.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from nbformat import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import GenerateAssignment
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import capture_log, temp_attrs
from traitlets.config import Config, LoggingConfigurable
from traitlets.config.loader import PyFileConfigLoader


class GradingError(RuntimeError):
    """The batch cannot be graded at all (no such assignment, no submissions, broken gradebook)."""


def load_config(course_dir: Path) -> Config:
    """nbgrader's configuration for the course: user/system ``nbgrader_config.py``, then the course's."""
    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(course_dir)]:
        if (Path(folder) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
    return config


@dataclass
class SourceCell:
    """One instructor cell of a notebook, as the gradebook stores it."""

    name: str
    cell_type: str
    locked: bool
    source: str  # with hidden tests
    points: float | None  # None: not a grade cell
    solution: bool

    @property
    def is_test(self) -> bool:
        return self.points is not None and not self.solution and self.cell_type == "code"


class Course:
    """An nbgrader course directory with its config, a logger for nbgrader, and the gradebook."""

    def __init__(self, root: Path, config: Config, log: logging.Logger):
        self.root = root.resolve()
        self.config = config
        self.host = LoggingConfigurable(config=config)  # parent of nbgrader's converters
        self.host.log = log
        self.coursedir = CourseDirectory(parent=self.host, root=str(self.root))

    @property
    def log(self) -> logging.Logger:
        return self.host.log

    def directory(self, step: str) -> Path:
        return self.root / getattr(self.coursedir, f"{step}_directory")

    def gradebook(self) -> Gradebook:
        return Gradebook(self.coursedir.db_url, self.coursedir.course_id)

    def ensure_assignment(self, assignment: str) -> None:
        """Register the assignment in the gradebook from source/ if it is not there yet.

        Runs nbgrader's generate_assignment into a temporary release folder, so the committed
        release/ is not rewritten.
        """
        if not (self.directory("source") / assignment).is_dir():
            raise GradingError(f"no assignment {assignment!r}: {self.directory('source') / assignment} does not exist")
        with self.gradebook() as gradebook:
            try:
                gradebook.find_assignment(assignment)
                return
            except MissingEntry:
                pass
        self.log.warning("Assignment %s is not in the gradebook: adding it from source/", assignment)
        with tempfile.TemporaryDirectory(prefix="cv-release-") as release:
            with temp_attrs(self.coursedir, assignment_id=assignment, student_id=".", release_directory=release):
                app = GenerateAssignment(coursedir=self.coursedir, parent=self.host)
                app.force = True
                result = capture_log(app)
        if not result["success"]:
            raise GradingError(f"nbgrader could not add {assignment} to the gradebook:\n{result.get('error', '')}")

    def source_cells(self, assignment: str) -> dict[str, dict[str, SourceCell]]:
        """notebook name → grade_id → instructor cell, in notebook order."""
        notebooks = {}
        with self.gradebook() as gradebook:
            for notebook in gradebook.find_assignment(assignment).notebooks:
                points = {cell.name: cell.max_score for cell in notebook.grade_cells}
                solutions = {cell.name for cell in notebook.solution_cells}
                notebooks[notebook.name] = {
                    cell.name: SourceCell(cell.name, cell.cell_type, cell.locked, cell.source, points.get(cell.name), cell.name in solutions)
                    for cell in notebook.source_cells
                }
        return notebooks

    def grade_ids_of_other_assignments(self, assignment: str) -> dict[str, set[str]]:
        """assignment → grade_ids of its source notebooks, for every other assignment in source/ (an
        assignment's translated editions, e.g. ``03_clv_basics_zh-CN``, are the same assignment, not others)."""
        import nbformat

        from ..i18n import edition_of

        others: dict[str, set[str]] = {}
        for path in sorted(self.directory("source").glob("*/*.ipynb")):
            if edition_of(path.parent.name) == edition_of(assignment):
                continue
            try:
                nb: NotebookNode = nbformat.read(path, as_version=4)
            except Exception:  # an instructor's draft that does not parse says nothing about a submission
                continue
            ids = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}
            others.setdefault(path.parent.name, set()).update(ids)
        return others
