"""Every lesson and every source (solution) notebook executes top to bottom, and is stored clean."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from kernels import notebook_client, with_fresh_kernel

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "course").glob("*.ipynb"))
TAGS = tuple(f"_{lang['tag']}" for lang in json.loads((ROOT / "locale" / "languages.json").read_text()).values())
SOURCES = sorted(p for p in (ROOT / "source").glob("*/*.ipynb") if not p.parent.name.endswith(TAGS))
RELEASES = sorted((ROOT / "release").glob("*/*.ipynb"))
#: translated editions (course/<tag>/, source/<A>_<tag>/): executed and scanned by test_translations
TRANSLATED = sorted((ROOT / "course").glob("*/*.ipynb")) + sorted(set((ROOT / "source").glob("*/*.ipynb")) - set(SOURCES))
ALL = LESSONS + SOURCES + RELEASES + TRANSLATED


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_course_has_notebooks():
    names = {path.name for path in LESSONS}
    assert {"00_getting_started.ipynb", "03_clv_basics.ipynb"} <= names
    assert SOURCES and RELEASES


@pytest.mark.parametrize("path", LESSONS + SOURCES + TRANSLATED, ids=_id)
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    stored = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert stored == [], f"cells {stored} carry outputs: clear them before committing"


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_metadata_and_conventions(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["language_info"]["name"] == "python"
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first.source), "the title carries the Chinese name"
    assert nb.cells[-1].cell_type == "markdown"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", LESSONS + SOURCES, ids=_id)
def test_executes_top_to_bottom(path):
    nb = nbformat.read(path, as_version=4)
    client = notebook_client(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with_fresh_kernel(client.execute)  # raises CellExecutionError on the first failing cell
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            if output.get("output_type") == "error" or "Glyph" in text or "missing from font" in text:
                problems.append((index, output.get("ename") or text[:200]))
    assert problems == [], f"errors or missing-glyph warnings: {problems}"


def test_course_map_lists_every_lesson():
    intro = nbformat.read(ROOT / "course" / "00_getting_started.ipynb", as_version=4)
    course_map = next(c.source for c in intro.cells if c.source.startswith("## The course map"))
    listed = {line.split("|")[1].strip() for line in course_map.splitlines() if line.startswith("| ") and line[2:4].isdigit()}
    lessons = {path.name[:2] for path in LESSONS if path.name[:2].isdigit()}
    assert lessons <= listed, f"lessons missing from the course map in 00: {sorted(lessons - listed)}"
    assert "glossary" in course_map
