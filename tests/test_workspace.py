"""The student's workspace (tools/workspace.py): copies outside the tracked files, merged like nbgitpuller."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("workspace", ROOT / "tools" / "workspace.py")
workspace = importlib.util.module_from_spec(_spec)
sys.modules["workspace"] = workspace  # dataclasses look their module up there
_spec.loader.exec_module(workspace)


@pytest.fixture
def clone(tmp_path) -> Path:
    """A small course: two lessons and one assignment."""
    root = tmp_path / "clone"
    for relative, text in {"course/00_intro.ipynb": "intro v1", "course/01_value.ipynb": "value v1",
                           "release/01_value/01_value.ipynb": "assignment v1", "source/01_value/01_value.ipynb": "solution"}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    (root / "course" / ".ipynb_checkpoints").mkdir()
    (root / "course" / ".ipynb_checkpoints" / "00_intro-checkpoint.ipynb").write_text("checkpoint")
    return root


def _read(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file() and p.name != workspace.MANIFEST}


def test_first_start_copies_lessons_and_assignments_but_no_solutions(clone, tmp_path):
    mine = tmp_path / "workspace"
    report = workspace.merge(clone, mine)
    assert _read(mine) == {"course/00_intro.ipynb": "intro v1", "course/01_value.ipynb": "value v1",
                           "release/01_value/01_value.ipynb": "assignment v1"}
    assert sorted(report.added) == sorted(_read(mine))


def test_updates_never_overwrite_a_students_work(clone, tmp_path):
    mine = tmp_path / "workspace"
    workspace.merge(clone, mine)
    (mine / "release/01_value/01_value.ipynb").write_text("my answers")  # the student works
    (mine / "course/01_value.ipynb").unlink()  # and deletes a lesson
    (clone / "course/00_intro.ipynb").write_text("intro v2")  # the course changes a lesson the student never touched,
    (clone / "release/01_value/01_value.ipynb").write_text("assignment v2")  # the assignment the student works on,
    (clone / "course/02_rfm.ipynb").write_text("rfm v1")  # and adds a lesson
    report = workspace.merge(clone, mine)
    assert _read(mine) == {"course/00_intro.ipynb": "intro v2", "course/01_value.ipynb": "value v1",
                           "course/02_rfm.ipynb": "rfm v1", "release/01_value/01_value.ipynb": "my answers"}
    assert (report.added, report.updated, report.restored, report.kept) == (
        ["course/02_rfm.ipynb"], ["course/00_intro.ipynb"], ["course/01_value.ipynb"], ["release/01_value/01_value.ipynb"])
    assert any("kept your version of release/01_value/01_value.ipynb" in line for line in report.lines())
    # Once the student's copy is kept, a later merge keeps it again and says so again.
    assert workspace.merge(clone, mine).kept == ["release/01_value/01_value.ipynb"]


def test_a_file_edited_to_match_the_course_is_tracked_again(clone, tmp_path):
    mine = tmp_path / "workspace"
    workspace.merge(clone, mine)
    (clone / "course/00_intro.ipynb").write_text("intro v2")
    (mine / "course/00_intro.ipynb").write_text("intro v2")
    assert workspace.merge(clone, mine).kept == []
    (clone / "course/00_intro.ipynb").write_text("intro v3")
    assert workspace.merge(clone, mine).updated == ["course/00_intro.ipynb"]


def test_the_real_course_is_what_a_student_gets():
    files = workspace.course_files()
    assert "course/00_getting_started.ipynb" in files and "release/03_clv_basics/03_clv_basics.ipynb" in files
    assert not any(f.startswith("source/") or ".ipynb_checkpoints" in f for f in files)


def test_the_workspace_is_not_tracked():
    ignored = subprocess.run(["git", "check-ignore", "-q", "workspace/course/x.ipynb"], cwd=ROOT)
    assert ignored.returncode == 0, "workspace/ must be git-ignored"


def test_the_port_is_a_free_one_and_the_command_uses_exactly_it():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        port = workspace.free_port(busy, 20)
    assert port != busy
    command = workspace.lab_command(port, "t0ken", ["--no-browser"])
    assert f"--port={port}" in command and "--ServerApp.port_retries=0" in command
    assert f"--ServerApp.root_dir={workspace.WORKSPACE}" in command and command[-1] == "--no-browser"
    assert any(arg.startswith("--LabApp.workspaces_dir=") for arg in command)


def test_the_lab_uses_the_self_study_view_before_the_student_view():
    paths = workspace.lab_environment()["JUPYTER_CONFIG_PATH"].split(":")
    assert paths == [str(workspace.SELF_STUDY_CONFIG), str(workspace.STUDENT_CONFIG)]


def test_each_start_forgets_the_last_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(workspace, "LAYOUTS", tmp_path / ".lab-layouts")
    (tmp_path / ".lab-layouts").mkdir()
    (tmp_path / ".lab-layouts" / "default-37a8.jupyterlab-workspace").write_text('{"data": {"notebook:a": {}}}')
    workspace.forget_layouts()
    assert list((tmp_path / ".lab-layouts").iterdir()) == []
