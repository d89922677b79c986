"""`make test` runs on both cores with `--dist loadgroup`: tests that share a costly fixture (a Jupyter server,
a graded course) must run on one worker, or the fixture is built on each. tests/conftest.py puts them in
groups; this checks, in a pytest run of its own, that pytest-xdist really honours those groups (pytest 9.2
broke it silently: every course was graded twice).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RECORD = '''
import os, pytest

def record(name):
    group = os.environ["PYTEST_CURRENT_TEST"].split(" ")[0].partition("@")[2]  # xdist appends "@<group>"
    with open("ran.txt", "a") as out:
        out.write(f"{name} {os.environ['PYTEST_XDIST_WORKER']} {group or '-'}\\n")
'''
SHARED_FILE = RECORD + '''
@pytest.mark.parametrize("n", range(6))
def test_shared(n):
    record("shared")

@pytest.mark.xdist_group("test_lab.py:slow")
@pytest.mark.parametrize("n", range(4))
def test_shared_slow_part(n):
    record("slow")
'''
PER_PARAMETER_FILE = RECORD + '''
@pytest.fixture(scope="module", params=["01_a", "02_b_zh-CN"])
def course(request):
    return request.param

@pytest.mark.parametrize("n", range(4))
def test_graded(course, n):
    record(course)
'''
FREE_FILE = RECORD + '''
@pytest.mark.parametrize("n", range(8))
def test_free(n):
    record("free")
'''


def test_shared_fixture_groups_run_on_one_worker_each(tmp_path, tool_env):
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_lab.py").write_text(SHARED_FILE)  # a SHARED_FIXTURE_FILES name
    (tmp_path / "test_grading.py").write_text(PER_PARAMETER_FILE)  # PER_PARAMETER_FILES: a group per course
    (tmp_path / "test_free.py").write_text(FREE_FILE)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q", "-p", "no:cacheprovider",
         "-o", "addopts=", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=tool_env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    workers: dict[str, set[str]] = {}
    groups: dict[str, set[str]] = {}
    for line in (tmp_path / "ran.txt").read_text().splitlines():
        name, worker, group = line.split()
        workers.setdefault(name, set()).add(worker)
        groups.setdefault(name, set()).add(group)
    assert groups == {
        "shared": {"test_lab.py"}, "slow": {"test_lab.py:slow"}, "free": {"-"},
        "01_a": {"test_grading.py:01_a"}, "02_b_zh-CN": {"test_grading.py:02_b_zh"},
    }
    grouped = {name: sorted(ran_on) for name, ran_on in workers.items() if name != "free"}
    assert all(len(ran_on) == 1 for ran_on in grouped.values()), f"a group ran on several workers: {grouped}"
