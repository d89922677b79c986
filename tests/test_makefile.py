"""`make` alone lists the targets (the Makefile says so in its first line), and every target a user runs is listed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: phony targets that are not for users: the listing itself and the venv every target bootstraps
INTERNAL = {"help", "venv"}


def _user_targets() -> set[str]:
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert phony, "the Makefile declares its targets .PHONY"
    return set(phony.group(1).split()) - INTERNAL


def test_make_alone_prints_every_user_target_and_installs_nothing():
    result = subprocess.run(["make", "--no-print-directory"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Nothing to be done" not in result.stdout + result.stderr
    listed = set(re.findall(r"^\s+make (\S+)", result.stdout, re.MULTILINE))
    assert listed == _user_targets()
    assert "pip" not in result.stdout, "the listing must not bootstrap the venv"
