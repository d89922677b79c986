"""`make lab`: JupyterLab in the self-study student view, on the student's own workspace, at the URL it prints."""

from __future__ import annotations

import re
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import servers

ROOT = Path(__file__).resolve().parents[1]
BANNER = re.compile(r"Open: (http://127\.0\.0\.1:(\d+)/lab/tree/course/00_getting_started\.ipynb\?token=(\w+))")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Lab:
    def __init__(self, url: str, port: int, token: str, workspace: Path, taken: int):
        self.base, self.port, self.token, self.workspace, self.taken = f"http://127.0.0.1:{port}", port, token, workspace, taken

    def get(self, path: str) -> int:
        return _status(f"{self.base}{path}?token={self.token}")

    def read(self, path: str) -> str:
        with urllib.request.urlopen(f"{self.base}{path}?token={self.token}", timeout=10) as response:
            return response.read().decode()


@pytest.fixture(scope="module")
def lab(tool_env, tmp_path_factory):
    """`make lab` with the first port it would try already taken, on a workspace of its own."""
    workspace = tmp_path_factory.mktemp("lab") / "workspace"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port_taken = taken.getsockname()[1]
        env = dict(tool_env, COURSE_WORKSPACE=str(workspace), COURSE_LAB_PORT=str(port_taken))
        status = lambda match: f"http://127.0.0.1:{match.group(2)}/api/status?token={match.group(3)}"  # noqa: E731
        with servers.make_lab("lab", env, BANNER, status) as match:
            yield Lab(match.group(1), int(match.group(2)), match.group(3), workspace, port_taken)


def test_the_printed_url_is_the_one_jupyter_uses_when_the_first_port_is_taken(lab):
    assert lab.port != lab.taken
    assert lab.get("/lab/tree/course/00_getting_started.ipynb") == 200
    assert "Getting started" in lab.read("/api/contents/course/00_getting_started.ipynb")


def test_it_serves_the_students_workspace_not_the_clone(lab):
    assert (lab.workspace / "course" / "00_getting_started.ipynb").exists()
    assert lab.get("/api/contents/release/03_clv_basics/03_clv_basics.ipynb") == 200
    assert lab.get("/api/contents/source") == 404, "solutions and hidden tests are not in the student's file browser"
    assert lab.get("/api/contents/lib") == 404


def test_student_view_has_no_formgrader_no_cell_toolbar_no_assignment_list(lab):
    assert lab.get("/formgrader") == 404
    assert lab.get("/assignments") == 404, "no exchange outside a class: the Assignment List's server side is off"
    disabled = lab.read("/lab").split("disabledExtensions")[1].split("]")[0]
    for plugin in ("@jupyter/nbgrader:formgrader", "@jupyterlab/cell-toolbar-extension", "@jupyter/nbgrader:assignment-list"):
        assert plugin in disabled


def test_students_keep_validate(lab):
    disabled = lab.read("/lab").split("disabledExtensions")[1].split("]")[0]
    assert "@jupyter/nbgrader:validate-assignment\"" not in disabled
