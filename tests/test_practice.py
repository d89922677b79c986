"""Practice inside the lessons (issue 16 items 2 and 4): every lesson that has a quiz file offers at
least three exercises with feedback, uses exactly its own quizzes, leaves numeric self-checks
unanswered without raising, marks its sections 基础 core or 进阶 advanced and states the core time."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from customer_value import quiz

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "lib" / "customer_value" / "content"
ENGLISH = sorted(ROOT / "course" / f"{p.stem.removeprefix('quiz_')}.ipynb" for p in CONTENT.glob("quiz_*.json"))
#: the same lessons in every translated edition that has them (course/<tag>/), held to the same rules
LESSONS = ENGLISH + sorted(path for lesson in ENGLISH for path in (ROOT / "course").glob(f"*/{lesson.name}"))
WIDGET = re.compile(r'cv\.quiz\.widget\("([^"]+)"')
SELFCHECK = re.compile(r'cv\.selfcheck\.check\((\w+), "([^"]+)", "[0-9a-f]{20}"')
#: headings that are not teaching sections: the assignment, the self-test, glossary, sources, takeaways
NOT_A_SECTION = re.compile(r"Exercise|Assignment|Check yourself|Glossary|术语表|Takeaways|Sources|要点|自测|自我检测|作业", re.I)
NOT_ANSWERED = ("not answered yet", "尚未作答")


def _cells(path: Path) -> list[nbformat.NotebookNode]:
    return nbformat.read(path, as_version=4).cells


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(ROOT / "course").as_posix())
def test_at_least_three_exercises_with_feedback(path):
    code = "\n".join(cell.source for cell in _cells(path) if cell.cell_type == "code")
    assert len(WIDGET.findall(code)) + len(SELFCHECK.findall(code)) >= 3


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(ROOT / "course").as_posix())
def test_the_lesson_uses_exactly_its_own_quizzes(path):
    used = [qid for cell in _cells(path) if cell.cell_type == "code" for qid in WIDGET.findall(cell.source)]
    assert sorted(used) == sorted(quiz.ids(path.stem)), "a quiz of another lesson, an unknown id, or an unused question"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(ROOT / "course").as_posix())
def test_an_unanswered_self_check_waits_instead_of_failing(path):
    cells = _cells(path)
    for index, cell in enumerate(cells):
        found = SELFCHECK.search(cell.source) if cell.cell_type == "code" else None
        if found:
            name = found.group(1)
            assert re.search(rf"^{name} = None\b", cells[index - 1].source, re.M), f"cell {index}: no `{name} = None` cell before it"
            assert f"if {name} is None:" in cell.source and any(w in cell.source.lower() for w in NOT_ANSWERED), f"cell {index}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.relative_to(ROOT / "course").as_posix())
def test_every_section_is_core_or_advanced_and_the_core_time_is_stated(path):
    cells = _cells(path)
    headings = [line for cell in cells if cell.cell_type == "markdown" for line in cell.source.splitlines()
                if re.match(r"#{2,3} ", line) and not NOT_A_SECTION.search(line)]
    unmarked = [line for line in headings if "基础" not in line and "进阶" not in line]
    assert headings and unmarked == []
    first = cells[0].source
    assert re.search(r"(core|基础)[^\n]*(minutes|分钟)|minutes[^\n]*(core|基础)", first), "the first cell gives the core-path time"


LESSON_TERMS = re.compile(r"lesson_terms = (\[.*?\])", re.S)


@pytest.mark.parametrize("path", sorted((ROOT / "course").glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_term_a_lesson_looks_up_is_in_the_glossary(path):
    """A lesson's glossary table (`lesson_terms`) shows every term it asks for: none is silently missing."""
    import ast

    from customer_value import glossary

    known = set(glossary.glossary()["english"])
    for cell in _cells(path):
        for found in LESSON_TERMS.finditer(cell.source if cell.cell_type == "code" else ""):
            asked = ast.literal_eval(re.sub(r"#[^\n]*", "", found.group(1)))
            assert [term for term in asked if term not in known] == []
