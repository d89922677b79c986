"""Shared fixtures: the repository root and an environment in which nbgrader finds its tools."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

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
