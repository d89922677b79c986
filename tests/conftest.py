"""Shared fixtures: the repository root and an environment in which nbgrader finds its tools."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No wall-clock limits in tests: hypothesis's 200 ms deadline fails on a busy 2-core machine.
settings.register_profile("course", deadline=None)
settings.load_profile("course")

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def tool_env() -> dict[str, str]:
    """os.environ with the interpreter's bin/ first on PATH (nbgrader runs `alembic`, `jupyter`)."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("JUPYTER_CONFIG_PATH", None)
    return env


#: test files whose tests share a costly module- or session-scoped fixture (a Jupyter server, a built
#: course, a fresh venv): under pytest-xdist (`make test` runs `--dist loadgroup`) each file's tests run
#: on one worker, so the fixture is built once; parametrized course fixtures are grouped per parameter.
#: A test marked `xdist_group(...)` itself keeps that group: a slow part of a file may run beside the rest.
SHARED_FIXTURE_FILES = {
    "test_binder_build.py", "test_browser.py", "test_lab.py", "test_exchange.py", "test_batch_grading.py",
    "test_messages.py", "test_redteam.py", "test_lab_zh.py", "test_browser_zh.py", "test_hub.py",
}
PER_PARAMETER_FILES = {"test_grading.py"}


# tryfirst: pytest-xdist turns the markers into groups in its own hook of the same name, which must see them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        name = item.path.name
        if item.get_closest_marker("xdist_group"):
            continue  # a test that names its own group (a slow part of a shared file) keeps it
        if name in SHARED_FIXTURE_FILES:
            item.add_marker(pytest.mark.xdist_group(name))
        elif name in PER_PARAMETER_FILES and hasattr(item, "callspec") and "course" in item.callspec.params:
            item.add_marker(pytest.mark.xdist_group(f"{name}:{item.callspec.id.split('-')[0]}"))


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright per test process, shared by the browser test files: its sync API cannot start twice
    in one thread (a second `sync_playwright()` fails with "Sync API inside the asyncio loop")."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright
