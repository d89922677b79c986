"""`make lab` starts JupyterLab in the student view and it opens the getting-started notebook."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "course-test-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def lab(tool_env):
    port = _free_port()
    args = f"--no-browser --port={port} --ip=127.0.0.1 --IdentityProvider.token={TOKEN} --ServerApp.port_retries=0"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT, env=tool_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if process.poll() is not None:
                pytest.fail(f"make lab exited:\n{process.stdout.read()}")
            try:
                if _status(f"{base}/api/status?token={TOKEN}") == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        yield base
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Stop make and the JupyterLab it started (their own process group)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:  # already gone
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def test_lab_answers_and_opens_the_getting_started_notebook(lab):
    assert _status(f"{lab}/lab/tree/course/00_getting_started.ipynb?token={TOKEN}") == 200
    with urllib.request.urlopen(f"{lab}/api/contents/course/00_getting_started.ipynb?token={TOKEN}") as response:
        assert b"Getting started" in response.read()


def test_student_view_has_no_formgrader_and_no_cell_toolbar(lab):
    assert _status(f"{lab}/formgrader?token={TOKEN}") == 404
    with urllib.request.urlopen(f"{lab}/lab?token={TOKEN}") as response:
        page = response.read().decode()
    assert "@jupyter/nbgrader:formgrader" in page and "@jupyterlab/cell-toolbar-extension" in page  # in disabledExtensions


def test_students_keep_validate(lab):
    with urllib.request.urlopen(f"{lab}/lab?token={TOKEN}") as response:
        page = response.read().decode()
    assert "@jupyter/nbgrader:validate-assignment\"" not in page.split("disabledExtensions")[1].split("]")[0]
