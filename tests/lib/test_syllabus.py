"""The syllabus map (docs/syllabus.json → docs/syllabus.md): every listed location exists, the map is current."""

from __future__ import annotations

import copy
import importlib.util
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("syllabus_tool", ROOT / "tools" / "syllabus.py")
syllabus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(syllabus)


@pytest.fixture(scope="module")
def data():
    return syllabus.load()


def test_every_listed_location_exists(data):
    assert syllabus.problems(data) == []


def test_topics_of_all_five_documents_are_listed(data):
    assert set(data["documents"]) == {"000", "001", "002", "003", "004"}
    assert {topic["document"] for topic in data["topics"]} == set(data["documents"])
    keys = [(t["document"], t["part"], t["topic"]) for t in data["topics"]]
    assert len(keys) == len(set(keys)), "a topic is listed twice"


def test_missing_topics_are_reported_not_failed(data):
    missing = [f"{t['document']} {t['topic']}" for t in data["topics"] if t["status"] == "missing"]
    if missing:
        warnings.warn(f"{len(missing)} of {len(data['topics'])} syllabus topics are not yet taught: " + "; ".join(missing))
    assert all(t["lesson"] is None for t in data["topics"] if t["status"] == "missing")


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda t: t.update(section="99. A section nobody wrote"), "has no section heading"),
        (lambda t: t.update(lesson="course/99_nothing.ipynb"), "does not exist"),
        (lambda t: t.update(assessment="12_customer_identification/q9_nothing"), "assessment '12_customer_identification/q9_nothing' does not exist"),
        (lambda t: t.update(status="done"), "status must be one of"),
        (lambda t: t.update(document="007"), "unknown document"),
        (lambda t: t.update(status="missing"), "a missing topic has lesson, section and assessment null"),
        (lambda t: t.pop("note"), "fields must be"),
    ],
)
def test_a_wrong_location_is_found(data, damage, message):
    broken = copy.deepcopy(data)
    topic = next(t for t in broken["topics"] if t["assessment"] == "12_customer_identification/q1_buying_roles")
    damage(topic)
    found = syllabus.problems(broken)
    assert len(found) == 1 and message in found[0]


def test_levels_are_read_from_the_lesson_marker():
    levels = syllabus.headings("course/12_customer_identification.ipynb")
    assert levels["6. Whose needs? Buying roles (识别谁的需求)"] == "基础 core"
    assert levels["10. How robust is the ranking?"] == "进阶 advanced"
    assert levels["11. Assignment `12_customer_identification`"] == "unmarked"


def test_the_new_lessons_mark_every_teaching_section():
    for lesson in ("12_customer_identification", "13_service_and_target_customers"):
        levels = syllabus.headings(f"course/{lesson}.ipynb")
        unmarked = [h for h, level in levels.items() if level == "unmarked" and not (h.startswith("Takeaways") or "Assignment `" in h)]
        assert unmarked == [], f"{lesson}: sections without 基础/进阶: {unmarked}"


def test_docs_syllabus_md_is_generated_from_the_data(data):
    assert (ROOT / "docs" / "syllabus.md").read_text(encoding="utf-8") == syllabus.render(data), \
        "run: .venv/bin/python tools/syllabus.py > docs/syllabus.md"
