"""Integrity checks around each submission: what a student's code must never change.

Before and after each student the batch takes a :func:`fingerprint` of the gradebook rows of the
other students (and the instructor-set manual scores and comments of this one), the course's
``source/`` and ``release/`` folders, ``nbgrader_config.py``, the installed ``customer_value``
library (content hashes; only when kernels are not isolated, since isolated kernels see it
read-only and a library edited by its developers meanwhile is no attack) and ``submitted/`` (sizes and modification times: it holds every
student's files). A difference means the student's code reached outside its kernel: the student
is flagged and the batch stops (:class:`Batch` reports it as untrusted).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

_OTHERS = """
SELECT 'grade', g.id, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade, a.student_id
FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id JOIN submitted_assignment a ON n.assignment_id = a.id
WHERE a.student_id != :student
UNION ALL
SELECT 'comment', c.id, c.auto_comment, c.manual_comment, NULL, NULL, a.student_id
FROM comment c JOIN submitted_notebook n ON c.notebook_id = n.id JOIN submitted_assignment a ON n.assignment_id = a.id
WHERE a.student_id != :student
UNION ALL
SELECT 'own grade', g.id, g.manual_score, g.extra_credit, NULL, NULL, a.student_id
FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id JOIN submitted_assignment a ON n.assignment_id = a.id
WHERE a.student_id = :student AND (g.manual_score IS NOT NULL OR g.extra_credit IS NOT NULL)
UNION ALL
SELECT 'own comment', c.id, c.manual_comment, NULL, NULL, NULL, a.student_id
FROM comment c JOIN submitted_notebook n ON c.notebook_id = n.id JOIN submitted_assignment a ON n.assignment_id = a.id
WHERE a.student_id = :student AND c.manual_comment IS NOT NULL
UNION ALL
SELECT 'student', s.id, s.first_name, s.last_name, s.email, NULL, NULL FROM student s WHERE s.id != :student
UNION ALL
SELECT 'source cell', c.id, c.source, c.checksum, c.locked, NULL, NULL FROM source_cell c
UNION ALL
SELECT 'grade cell', c.id, c.max_score, NULL, NULL, NULL, NULL FROM grade_cells c
ORDER BY 1, 2
"""


def _digest_rows(database: Path, student: str) -> str:
    if not database.is_file():
        return "no gradebook"
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for row in connection.execute(_OTHERS, {"student": student}):
            digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        connection.close()


def _digest_tree(folder: Path, contents: bool) -> str:
    digest = hashlib.sha256()
    if not folder.exists():
        return "missing"
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_symlink():
            digest.update(str(path.readlink()).encode())
        elif path.is_file():
            if contents:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            else:
                stat = path.stat()
                digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def fingerprint(root: Path, database: Path | None, library: Path | None, student: str) -> dict[str, str]:
    """What must not change while ``student`` is graded, as one hash per part (``library`` None:
    not checked, for isolated kernels, which see it read-only)."""
    parts = {
        "gradebook (other students, manual grades)": _digest_rows(database, student) if database else "not sqlite",
        "source/": _digest_tree(root / "source", contents=True),
        "release/": _digest_tree(root / "release", contents=True),
        "submitted/": _digest_tree(root / "submitted", contents=False),
    }
    if library is not None:
        parts["the customer_value library"] = _digest_tree(library, contents=True)
    config = root / "nbgrader_config.py"
    parts["nbgrader_config.py"] = hashlib.sha256(config.read_bytes()).hexdigest() if config.is_file() else "missing"
    return parts


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The parts whose hash differs."""
    return [part for part in before if before[part] != after.get(part)]
