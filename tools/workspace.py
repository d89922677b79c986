"""A student's own workspace: copies of the lessons and assignments outside the tracked files.

``make lab`` (and Binder's ``binder/start``) serve ``workspace/`` (git-ignored), never the clone
itself, so autosave and homework change no tracked file and ``source/`` (solutions, hidden tests)
is not in the file browser. The first start copies ``course/`` and ``release/`` there; later
starts merge updates the way nbgitpuller does: a file the student never changed is updated, a file
the student changed is kept as it is, a file the student deleted is restored, and new files are
added. ``workspace/.course-manifest.json`` remembers what was copied (a SHA-256 per file).

    python tools/workspace.py prepare            # copy or merge, print what changed
    python tools/workspace.py start [LAB ARGS]   # prepare, then JupyterLab on a free port
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKSPACE = Path(os.environ.get("COURSE_WORKSPACE") or ROOT / "workspace")  # tests use another one
MANIFEST = ".course-manifest.json"
COPIED = ("course", "release")  # folders copied into the workspace, under the same names
SKIPPED_PARTS = {".ipynb_checkpoints", "__pycache__"}
FIRST_PAGE = "lab/tree/course/00_getting_started.ipynb"
STUDENT_CONFIG = ROOT / "binder" / "jupyter-student"
SELF_STUDY_CONFIG = ROOT / "binder" / "jupyter-selfstudy"
FIRST_PORT, PORTS_TRIED = int(os.environ.get("COURSE_LAB_PORT", 8888)), 50
LAYOUTS = WORKSPACE / ".lab-layouts"


@dataclass
class MergeReport:
    """What one merge did, by path relative to the workspace."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by the student and upstream: the student's copy stays

    def lines(self) -> list[str]:
        said = []
        for label, paths in (("new", self.added), ("updated", self.updated), ("restored (you had deleted it)", self.restored)):
            said += [f"  {label}: {path}" for path in paths]
        said += [f"  kept your version of {path} (the course changed it too; the new one is {ROOT / path})"
                 for path in self.kept]
        return said


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def course_files(root: Path = ROOT) -> list[str]:
    """The files a student gets: everything under course/ and release/, as paths relative to ``root``."""
    found = []
    for folder in COPIED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not SKIPPED_PARTS & set(path.parts):
                found.append(path.relative_to(root).as_posix())
    return found


def merge(root: Path = ROOT, workspace: Path = WORKSPACE) -> MergeReport:
    """Copy new and updated course files into ``workspace`` without ever overwriting a student's change."""
    manifest_path = workspace / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    report = MergeReport()
    for relative in course_files(root):
        upstream, mine = root / relative, workspace / relative
        new_digest = _digest(upstream)
        copied_digest = manifest.get(relative)
        if not mine.exists():
            (report.restored if copied_digest else report.added).append(relative)
        elif new_digest == copied_digest or _digest(mine) == new_digest:
            manifest[relative] = new_digest
            continue
        elif _digest(mine) == copied_digest:
            report.updated.append(relative)
        else:
            report.kept.append(relative)
            continue
        mine.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(upstream, mine)
        manifest[relative] = new_digest
    workspace.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return report


def free_port(first: int = FIRST_PORT, tries: int = PORTS_TRIED) -> int:
    """The first port from ``first`` on that nothing listens on at 127.0.0.1."""
    for port in range(first, first + tries):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port between {first} and {first + tries - 1}; stop another Jupyter and retry")


def lab_command(port: int, token: str, extra: list[str]) -> list[str]:
    """`jupyter lab` serving the workspace in the self-study student view on exactly ``port``."""
    command = [
        str(Path(sys.executable).with_name("jupyter")), "lab",
        f"--ServerApp.root_dir={WORKSPACE}", f"--port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--LabApp.default_url=/{FIRST_PAGE}",
        # A fresh layout store at every start: no dozen restored notebooks starting their kernels at once.
        f"--LabApp.workspaces_dir={LAYOUTS}",
    ]
    if os.getuid() == 0:  # JupyterLab refuses to run as root (containers, CI) unless told it may
        command.append("--allow-root")
    return command + extra


def lab_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(SELF_STUDY_CONFIG), str(STUDENT_CONFIG)])
    return env


def prepare() -> MergeReport:
    fresh = not (WORKSPACE / MANIFEST).exists()
    report = merge()
    if fresh:
        print(f"Your workspace is {WORKSPACE}: your own copies of the lessons and assignments.")
    elif report.lines():
        print("Course updates merged into your workspace:", *report.lines(), sep="\n")
    return report


def forget_layouts() -> None:
    """Drop the layouts JupyterLab saved last time, so that it opens only the first lesson."""
    shutil.rmtree(LAYOUTS, ignore_errors=True)
    LAYOUTS.mkdir(parents=True)


def start(extra: list[str]) -> None:
    prepare()
    forget_layouts()
    port, token = free_port(), secrets.token_hex(16)
    print(f"\nStarting JupyterLab (student view). Open: http://127.0.0.1:{port}/{FIRST_PAGE}?token={token}"
          "\nStop it with Ctrl+C.\n", flush=True)
    command = lab_command(port, token, extra)
    os.execve(command[0], command, lab_environment())


def main(argv: list[str]) -> None:
    if argv[:1] == ["prepare"]:
        prepare()
    elif argv[:1] == ["start"]:
        start(argv[1:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
