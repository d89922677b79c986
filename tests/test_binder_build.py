"""Binder, rebuilt on this machine: what repo2docker would do with binder/, without Docker.

1. A fresh venv gets binder/requirements.txt alone, then binder/postBuild runs in a copy of the
   repository (repo2docker copies the repository to $REPO_DIR and runs postBuild there); every
   lesson and every release notebook then runs in that venv's kernel, and binder/start serves the
   student view, which opens on the first lesson.
2. `jupyter-repo2docker --no-build --debug` prints the Dockerfile Binder would build; it must
   install the pinned requirements, run postBuild and start.

Slow (about a minute of installs from PyPI, then every notebook): marked `binder`. The two venvs are
kept between runs in $COURSE_TEST_CACHE (default ~/.cache/customer-value-tests), one per content hash
of what they install, so only a change to binder/ (or a new interpreter) rebuilds them; postBuild and
everything after it run afresh every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
import servers
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from kernels import with_fresh_kernel

pytestmark = pytest.mark.binder

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
LESSONS = sorted((ROOT / "course").glob("*.ipynb"))
RELEASES = sorted((ROOT / "release").glob("*/*.ipynb"))
FIRST_LESSON = "course/00_getting_started.ipynb"
LANDING = f"/lab/tree/{FIRST_LESSON}"
# repo2docker's Dockerfile template changes between releases: pin the one these checks were written for.
REPO2DOCKER = "jupyter-repo2docker==2026.4.0"
# mybinder.org builds as this user (BinderHub passes --user-id/--user-name to repo2docker).
BINDER_USER = ("1000", "jovyan")
# What repo2docker does not copy into the image either (.dockerignore-like) plus local build debris.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints",
    "submitted", "autograded", "feedback", "gradebook.db", "build", "dist", "workspace",
)


CACHE = Path(os.environ.get("COURSE_TEST_CACHE") or Path.home() / ".cache" / "customer-value-tests")


def _cached_venv(name: str, installs: list[list], env: dict[str, str] | None = None) -> Path:
    """A venv with ``installs`` (pip argument lists) done, reused while they and the interpreter are unchanged."""
    key = json.dumps([sys.version, [[Path(a).read_text() if Path(str(a)).is_file() else str(a) for a in args]
                                    for args in installs]])
    venv = CACHE / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    if (venv / ".complete").exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)  # an interrupted build
    venv.parent.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "venv", venv])
    for args in installs:
        _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args], env=env)
    (venv / ".complete").write_text(key)
    return venv


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _run(args: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=1800, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def _clean_env(venv: Path, home: Path) -> dict[str, str]:
    """The environment of a Binder session: the venv first on PATH, nothing of ours leaking in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER", "VIRTUAL_ENV", "MPL"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", HOME=str(home), MPLCONFIGDIR=str(home / ".mpl"),
               JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
               JUPYTER_RUNTIME_DIR=str(home / ".runtime"), PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


class BinderEnv:
    """A fresh venv built from binder/ alone, and the copy of the repository it was built in."""

    def __init__(self, tmp: Path):
        runtime = (BINDER / "runtime.txt").read_text().strip()
        here = f"python-{sys.version_info.major}.{sys.version_info.minor}"
        if runtime != here:
            pytest.skip(f"binder/runtime.txt asks for {runtime}; this interpreter is {here}")
        self.repo, self.home = tmp / "repo", tmp / "home"
        shutil.copytree(ROOT, self.repo, ignore=NOT_COPIED)
        self.home.mkdir()
        self.venv = _cached_venv("binder", [["-r", self.repo / "binder" / "requirements.txt"]])
        self.python = self.venv / "bin" / "python"
        self.env = _clean_env(self.venv, self.home)
        _run([self.repo / "binder" / "postBuild"], env=self.env, cwd=self.repo)
        # A kernelspec for the fresh venv's python, seen by nbclient only (not installed anywhere).
        kernels = tmp / "kernels"
        (kernels / "binder").mkdir(parents=True)
        kernel_env = {"PATH": self.env["PATH"], "HOME": self.env["HOME"], "MPLCONFIGDIR": self.env["MPLCONFIGDIR"]}
        spec = {"argv": [str(self.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Binder venv", "language": "python", "env": kernel_env}
        (kernels / "binder" / "kernel.json").write_text(json.dumps(spec))
        self.kernels = kernels

    def execute(self, nb, cwd: Path, allow_errors: bool = False):
        return with_fresh_kernel(lambda: self._execute_once(nb, cwd, allow_errors))

    def _execute_once(self, nb, cwd: Path, allow_errors: bool):
        manager = KernelManager(kernel_name="binder", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(self.kernels)]))
        client = NotebookClient(nb, km=manager, kernel_name="binder", timeout=600, allow_errors=allow_errors,
                                resources={"metadata": {"path": str(cwd)}})
        try:
            client.execute(cwd=str(cwd))
        finally:  # nbclient leaves a kernel it was handed running
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
        return nb


@pytest.fixture(scope="session")
def binder_env(tmp_path_factory) -> BinderEnv:
    return BinderEnv(tmp_path_factory.mktemp("binder"))


def _errors(nb) -> list[tuple[int, str]]:
    return [(i, out.get("ename", "")) for i, cell in enumerate(nb.cells) for out in cell.get("outputs", [])
            if out.get("output_type") == "error"]


def _glyph_warnings(nb) -> list[tuple[int, str]]:
    return [(i, out.get("text", "")[:200]) for i, cell in enumerate(nb.cells) for out in cell.get("outputs", [])
            if out.get("output_type") == "stream" and ("Glyph" in out.get("text", "") or "missing from font" in out.get("text", ""))]


def test_pinned_requirements_are_consistent(binder_env):
    result = _run([binder_env.python, "-m", "pip", "check"], env=binder_env.env)
    assert "No broken requirements" in result.stdout


def test_kernel_runs_in_the_fresh_venv_with_the_package_from_the_copy(binder_env):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys, customer_value, ipywidgets, nbgrader\nprint(sys.prefix)\nprint(customer_value.__file__)")])
    binder_env.execute(nb, binder_env.repo)
    prefix, package = nb.cells[0].outputs[0]["text"].split()
    assert Path(prefix) == binder_env.venv
    assert Path(package).is_relative_to(binder_env.repo / "lib"), "postBuild installs the repository's package (editable)"


@pytest.mark.parametrize("path", LESSONS, ids=_id)
def test_lesson_runs_in_the_binder_env(binder_env, path):
    copy = binder_env.repo / path.relative_to(ROOT)
    nb = binder_env.execute(nbformat.read(copy, as_version=4), copy.parent)
    assert _errors(nb) == [] and _glyph_warnings(nb) == []


def _solved(release_nb, source_nb):
    """The release with every code answer taken from the source's solution (markers dropped)."""
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source_nb.cells if "nbgrader" in c.metadata}
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            lines = solutions[meta["grade_id"]].splitlines()
            cell.source = "\n".join(line for line in lines if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    return nb


@pytest.mark.parametrize("path", RELEASES, ids=_id)
def test_release_notebook_runs_in_the_binder_env(binder_env, path):
    """Untouched: the cells before the first answer run and answer stubs raise NotImplementedError (later
    cells may fail for lack of an answer); answered with the source's solutions: nothing fails."""
    copy = binder_env.repo / path.relative_to(ROOT)
    release_nb = nbformat.read(copy, as_version=4)
    nb = binder_env.execute(nbformat.from_dict(json.loads(json.dumps(release_nb))), copy.parent, allow_errors=True)
    first_answer = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))
    errors = _errors(nb)
    assert [(i, e) for i, e in errors if i < first_answer or e in ("ModuleNotFoundError", "ImportError")] == [], \
        "setup cells must run in the Binder environment"
    stubs = [i for i, e in errors if e == "NotImplementedError" and nb.cells[i].metadata.get("nbgrader", {}).get("solution")]
    assert stubs, "answer stubs raise NotImplementedError until answered"

    source = nbformat.read(ROOT / "source" / path.parent.name / path.name, as_version=4)
    solved = binder_env.execute(_solved(release_nb, source), copy.parent)
    assert _errors(solved) == [] and _glyph_warnings(solved) == []


def test_nbgrader_validate_works_in_the_binder_env(binder_env):
    """The Validate button runs `nbgrader validate`: it must find the failing tests of an untouched release."""
    release = binder_env.repo / RELEASES[0].relative_to(ROOT)
    result = _run([binder_env.venv / "bin" / "nbgrader", "validate", "--invert", release], env=binder_env.env,
                  cwd=binder_env.repo)
    assert "Success! The notebook does not pass any tests." in result.stdout + result.stderr


def _get(url: str) -> tuple[int, str]:
    """Status and redirect target of one request (redirects are not followed)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def test_start_serves_the_student_view_opening_on_the_first_lesson(binder_env):
    """binder/start + repo2docker's default command (`jupyter notebook`), as on mybinder.org without ?urlpath."""
    port, token = servers.free_port(), "binder-test"
    env = dict(binder_env.env, REPO_DIR=str(binder_env.repo))
    command = [binder_env.repo / "binder" / "start", "jupyter", "notebook", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    if os.getuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen([str(a) for a in command], cwd=binder_env.repo, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            assert server.poll() is None, f"the server exited:\n{server.stdout.read()}"
            try:
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        else:
            pytest.fail("the Binder server did not answer within 60 s")
        status, location = _get(f"{base}/?token={token}")
        assert status == 302 and location.split("?")[0].endswith(LANDING), f"/ redirects to {location!r}"
        assert _get(f"{base}{LANDING}?token={token}")[0] == 200
        assert _get(f"{base}/formgrader?token={token}")[0] == 404, "the student view hides Formgrader"
        assert _get(f"{base}/assignments?token={token}")[0] == 404, "no exchange on Binder: no Assignment List"
        assert _get(f"{base}/api/contents/release?token={token}")[0] == 200
        assert _get(f"{base}/api/contents/source?token={token}")[0] == 404, "the workspace has no solutions"
        assert (binder_env.repo / "workspace" / FIRST_LESSON).exists()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


# --- repo2docker -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def dockerfile(tmp_path_factory) -> str:
    """What `jupyter-repo2docker --no-build --debug` prints for this repository (the Dockerfile and its log).

    repo2docker is a build tool, not a course dependency: it gets a throwaway venv of its own rather
    than a place in pyproject's test extra (its pins, e.g. the docker SDK, stay out of .venv).
    """
    tmp = tmp_path_factory.mktemp("repo2docker")
    venv = _cached_venv("repo2docker", [[REPO2DOCKER]])
    user_id, user_name = BINDER_USER
    result = _run([venv / "bin" / "jupyter-repo2docker", "--no-build", "--debug",
                   f"--user-id={user_id}", f"--user-name={user_name}", ROOT])
    printed = result.stdout + result.stderr
    (tmp / "Dockerfile.txt").write_text(printed)
    return printed


def _dockerfile_lines(printed: str) -> list[str]:
    return [line.strip() for line in printed.splitlines()]


def test_dockerfile_uses_the_pinned_python(dockerfile):
    version = (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")
    assert f"python={version}" in dockerfile or f"environment.py-{version}" in dockerfile


def test_dockerfile_installs_no_font_package(dockerfile):
    installs = [line for line in _dockerfile_lines(dockerfile) if "apt-get install" in line]
    assert not any("fonts-" in line for line in installs), "the course's font ships in the package, not through apt"


def test_dockerfile_installs_the_pinned_requirements_then_runs_postbuild_and_start(dockerfile):
    lines = _dockerfile_lines(dockerfile)

    def where(pattern: str) -> int:
        found = [i for i, line in enumerate(lines) if re.search(pattern, line)]
        assert found, f"no line matches {pattern!r}"
        return found[0]

    pip = where(r'pip install .*-r "?binder/requirements\.txt')
    copy_repo = where(r"^COPY --chown=\d+:\d+ src/ \$\{REPO_DIR\}/$")
    post_build = where(r"^RUN \./binder/postBuild$")
    assert pip < copy_repo < post_build, "requirements first, then the repository, then postBuild"
    user_id = BINDER_USER[0]
    assert lines[copy_repo].startswith(f"COPY --chown={user_id}:{user_id}"), "postBuild's editable install writes in the copy"
    assert where(r'^ENV R2D_ENTRYPOINT="\$\{REPO_DIR\}/binder/start"$') > post_build


def test_dockerfile_command_opens_on_the_first_lesson(dockerfile):
    """The default command's app reads its default_url from the student view that binder/start selects."""
    command = json.loads(next(line for line in _dockerfile_lines(dockerfile) if line.startswith("CMD "))[4:])
    app = {"notebook": "JupyterNotebookApp", "lab": "LabApp", "server": "ServerApp"}[command[1]]
    config = json.loads((BINDER / "jupyter-student" / "jupyter_server_config.json").read_text())
    assert config[app]["default_url"] == LANDING and config["ServerApp"]["default_url"] == LANDING
    assert (ROOT / FIRST_LESSON).exists()
