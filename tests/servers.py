"""Jupyter servers the tests start: a free port, waiting until one answers, stopping it with its kernels.

Used by every test file that starts a server (test_lab, test_lab_zh, test_browser, test_binder_build);
each starts its own because each serves another tree or configuration.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    """True when ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_until_answers(url: str, process: subprocess.Popen, log: Callable[[], str], seconds: float = 90) -> None:
    """Poll ``url`` until it answers; fail with the server's ``log()`` if it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while not answers(url):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the server did not answer at {url}:\n{log()[-3000:]}")
        time.sleep(0.3)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (it shuts its kernels down), SIGKILL if it hangs."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:  # already gone
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start_make_lab(target: str, env: dict[str, str], banner: re.Pattern) -> tuple[subprocess.Popen, re.Match, list[str]]:
    """`make <target>` in its own process group; returns it, the banner's match and what it printed so far."""
    process = subprocess.Popen(
        ["make", "--no-print-directory", target, "LAB_ARGS=--no-browser --ip=127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    printed = []
    for line in process.stdout:  # the banner comes before JupyterLab starts
        printed.append(line)
        if match := banner.search(line):
            return process, match, printed
    stop(process)
    pytest.fail(f"make {target} printed no URL:\n" + "".join(printed))


@contextmanager
def make_lab(target: str, env: dict[str, str], banner: re.Pattern, status_url: Callable[[re.Match], str]) -> Iterator[re.Match]:
    """`make <target>` running until the block ends; yields the banner's match once ``status_url(match)`` answers."""
    process, match, printed = start_make_lab(target, env, banner)
    try:
        wait_until_answers(status_url(match), process,
                           lambda: "".join(printed) + (process.stdout.read() if process.poll() is not None else ""))
        yield match
    finally:
        stop(process)
