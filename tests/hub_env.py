"""What tests/test_hub.py needs around a real JupyterHub: tools, OS users, the course's Python
environment, a git server for nbgitpuller, the hub process itself, and removing all of it.

Everything listens on 127.0.0.1 only. Everything the users' servers read lives outside /root and
/tmp/pytest-of-root (both are private to root): the single-user Python environment is cached in
/var/cache/customer-value-tests/ (built once from binder/requirements.txt with Debian's python3, ~1.5
min, ~850 MB; rebuilt when the pins change), the hub's folders in a fresh /tmp/cv-hub-* folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import servers

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"
HUB_BIN = Path(sys.executable).parent  # the hub (root) runs from the test's own environment
CHP_VERSION = "5.3.0"  # configurable-http-proxy, from npm
CHP_DIR = Path.home() / ".cache" / "customer-value-tests" / "chp"
ENV_CACHE = Path("/var/cache/customer-value-tests")
SYSTEM_PYTHON = "/usr/bin/python3"
COURSE_ID = "customer-value"
GROUPS = (f"{COURSE_ID}-students", f"{COURSE_ID}-instructors")
PREFIX = "cvt-"  # every OS user the tests create starts with this
GRADER = f"{PREFIX}grader"
INSTRUCTOR = f"{PREFIX}instructor"
CHROMIUM = Path("/usr/bin/chromium")


def missing_tools() -> str | None:
    """Why the hub tests cannot run here, or None."""
    if sys.platform != "linux":
        return "needs Linux (OS users, PAM)"
    if os.geteuid() != 0:
        return "needs root (creates OS users; the hub starts each user's server as that user)"
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "chpasswd", "runuser", "git", "node", "npm"):
        if shutil.which(tool) is None:
            return f"`{tool}` not found (OS user tools, git, Node.js and npm are needed)"
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run([SYSTEM_PYTHON, "-c", "import venv, ensurepip"],
                                                         capture_output=True).returncode:
        return f"{SYSTEM_PYTHON} with venv/ensurepip not found (Debian: apt-get install python3-venv)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python package playwright not installed (pip install -e '.[test]')"
    return None


def run(args: list[str], *, user: str | None = None, check: bool = True, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run a command (as ``user`` if given); on failure, fail with its output."""
    if user is not None:
        record = pwd.getpwnam(user)
        kwargs.setdefault("cwd", record.pw_dir)
        kwargs.update(user=record.pw_uid, group=record.pw_gid, extra_groups=os.getgrouplist(user, record.pw_gid))
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} (as {user or 'root'}) exited {result.returncode}:\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


# --- configurable-http-proxy and the users' Python environment ------------------------------------

def proxy() -> Path:
    """configurable-http-proxy from the npm registry, installed once into CHP_DIR."""
    binary = CHP_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    with _locked(CHP_DIR.parent / "chp.lock"):
        installed = CHP_DIR / "node_modules" / "configurable-http-proxy" / "package.json"
        if not installed.exists() or json.loads(installed.read_text())["version"] != CHP_VERSION:
            CHP_DIR.mkdir(parents=True, exist_ok=True)
            run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(CHP_DIR),
                 f"configurable-http-proxy@{CHP_VERSION}"], timeout=300)
    return binary


def _digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def python_env() -> Path:
    """The single-user servers' environment: binder/requirements.txt (what Binder installs, jupyterhub
    and nbgitpuller included) and this course package, in a venv every user can read."""
    env = ENV_CACHE / f"hub-env-{_digest(ROOT / 'binder' / 'requirements.txt', ROOT / 'pyproject.toml')}"
    with _locked(ENV_CACHE / "hub-env.lock"):
        ENV_CACHE.chmod(0o755)
        if not (env / ".complete").exists():
            shutil.rmtree(env, ignore_errors=True)
            run([SYSTEM_PYTHON, "-m", "venv", str(env)])
            run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "-r", str(ROOT / "binder" / "requirements.txt")], timeout=1200)
            (env / ".complete").touch()
        package = _digest(ROOT / "lib" / "customer_value")
        stamp = env / ".package"
        if not stamp.exists() or stamp.read_text() != package:
            with tempfile.TemporaryDirectory() as build:  # never build inside the repository
                for name in ("pyproject.toml", "README.md"):
                    shutil.copy(ROOT / name, build)
                shutil.copytree(ROOT / "lib", Path(build) / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
                run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     "--no-deps", "--force-reinstall", build], timeout=600)
            stamp.write_text(package)
    return env


# --- OS users -----------------------------------------------------------------------------------

def _processes_of(uids: set[int]) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except FileNotFoundError:
                pass
    return found


@dataclass
class Users:
    """OS users and groups the test creates; ``remove()`` deletes them, their homes and their processes."""

    passwords: dict[str, str] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)

    def add_groups(self) -> None:
        for group in GROUPS:
            if subprocess.run(["getent", "group", group], capture_output=True).returncode != 0:
                run(["groupadd", group])
                self.groups.append(group)

    def add(self, name: str, group: str | None = None) -> str:
        assert name.startswith(PREFIX)
        if subprocess.run(["id", "-u", name], capture_output=True).returncode == 0:
            self._remove_user(name)  # left over by a run that was killed
        run(["useradd", "-m", "-s", "/bin/bash", *(["-G", group] if group else []), name])
        Path(pwd.getpwnam(name).pw_dir).chmod(0o700)
        password = secrets.token_urlsafe(12)
        run(["chpasswd"], input=f"{name}:{password}\n")
        self.passwords[name] = password
        return password

    def kill_processes(self) -> None:
        uids = set()
        for name in self.passwords:
            try:
                uids.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = _processes_of(uids)
            for pid in pids:
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 10
            while _processes_of(uids) and time.monotonic() < deadline:
                time.sleep(0.2)

    @staticmethod
    def _remove_user(name: str) -> None:
        subprocess.run(["userdel", "-r", "-f", name], capture_output=True)

    def remove(self) -> None:
        self.kill_processes()
        for name in list(self.passwords):
            self._remove_user(name)
            self.passwords.pop(name)
        for group in self.groups:
            subprocess.run(["groupdel", group], capture_output=True)
        self.groups.clear()


# --- the course over git, for nbgitpuller -------------------------------------------------------

@contextmanager
def git_server(folder: Path) -> Iterator[tuple[str, str]]:
    """A bare clone of the repository's HEAD served read-only by `git daemon` on 127.0.0.1.
    Yields (url, branch)."""
    branch = run(["git", "-C", str(ROOT), "symbolic-ref", "--short", "HEAD"]).stdout.strip()
    folder.mkdir()
    bare = folder / f"{COURSE_ID}.git"
    run(["git", "clone", "--quiet", "--bare", "--single-branch", "--branch", branch, str(ROOT), str(bare)])
    port = servers.free_port()
    daemon = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={folder}", "--listen=127.0.0.1",
         f"--port={port}", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        url = f"git://127.0.0.1:{port}/{bare.name}"
        deadline = time.monotonic() + 30
        while run(["git", "ls-remote", url], check=False, timeout=30).returncode != 0:
            assert daemon.poll() is None and time.monotonic() < deadline, "git daemon did not start"
            time.sleep(0.3)
        yield url, branch
    finally:
        servers.stop(daemon)


# --- the hub ------------------------------------------------------------------------------------

@dataclass
class Hub:
    url: str  # http://127.0.0.1:<port>
    token: str  # the test driver's API token (a service in tests/hub_config.py)
    env: dict[str, str]  # the CV_HUB_* settings
    process: subprocess.Popen
    log: Path
    users: Users
    course_dir: Path
    exchange: Path
    python_env: Path
    git_url: str
    branch: str

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 60):
        """The hub's REST API (path after /hub/api) with the test driver's token; returns parsed JSON or None."""
        return request(method, f"{self.url}/hub/api{path}", self.token, body, timeout)

    def user_api(self, user: str, method: str, path: str, body: dict | None = None, timeout: float = 120):
        """A user's own server (path after /user/<name>) with the test driver's token."""
        return request(method, f"{self.url}/user/{user}{path}", self.token, body, timeout)

    def nbgrader(self, *args: str, user: str = GRADER, cwd: Path | None = None) -> str:
        """An nbgrader command as an OS user, in the environment and configuration their server has."""
        env = {"PATH": f"{self.python_env}/bin:/usr/bin:/bin", "HOME": pwd.getpwnam(user).pw_dir, "USER": user,
               "LANG": "C.UTF-8", "JUPYTER_CONFIG_PATH": self.env["CV_HUB_JUPYTER_ETC"],
               "CV_HUB_EXCHANGE": self.env["CV_HUB_EXCHANGE"]}
        result = run([f"{self.python_env}/bin/nbgrader", *args], user=user, env=env,
                     cwd=cwd or (self.course_dir if user == GRADER else None))
        return result.stdout + result.stderr

    def pull_link(self, user: str | None = None) -> str:
        """The course's nbgitpuller link (docs/jupyterhub.md): clone, or merge into, ~/customer-value."""
        from urllib.parse import urlencode

        query = urlencode({"repo": self.git_url, "branch": self.branch, "targetPath": COURSE_ID,
                           "urlpath": f"lab/tree/{COURSE_ID}/course/00_getting_started.ipynb"})
        return f"{self.url}/hub/user-redirect/git-pull?{query}"

    def log_tail(self, chars: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def request(method: str, url: str, token: str, body: dict | None = None, timeout: float = 60):
    data = json.dumps(body).encode() if body is not None else (b"" if method in ("POST", "PUT", "PATCH") else None)
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as error:
        raise AssertionError(f"{method} {url}: HTTP {error.code}: {error.read().decode(errors='replace')[:2000]}") from None
    return json.loads(text) if text.strip() else None


def world_folder() -> Path:
    """A fresh folder every user may traverse (tmp_path is under /tmp/pytest-of-root, private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="cv-hub-", dir="/tmp"))
    folder.chmod(0o755)
    return folder


@contextmanager
def running_hub(folder: Path, users: Users, python: Path, chp: Path, git_url: str, branch: str,
                production_config: Path = DEPLOY / "jupyterhub_config.py") -> Iterator[Hub]:
    """deploy/jupyterhub/install.sh, then JupyterHub with tests/hub_config.py (the production file plus
    the test driver's token) on a free loopback port; stopped, with every server, when the block ends."""
    port, service_port = servers.free_port(), servers.free_port()
    token = secrets.token_hex(32)
    settings = {
        "CV_HUB_PYTHON_ENV": str(python),
        "CV_HUB_COURSE_REPO": str(ROOT),
        "CV_HUB_JUPYTER_ETC": str(folder / "etc"),
        "CV_HUB_EXCHANGE": str(folder / "srv" / "exchange"),
        "CV_HUB_GRADER": GRADER,
        "CV_HUB_COURSE_DIR": f"/home/{GRADER}/{COURSE_ID}",
        "CV_HUB_STATE_DIR": str(folder / "state"),
        "CV_HUB_SERVICE_PORT": str(service_port),
        "CV_HUB_PROXY": str(chp),
        "CV_HUB_BIND_URL": f"http://127.0.0.1:{port}",
    }
    base = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CV_HUB_"))}
    base["PATH"] = f"{HUB_BIN}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
    env = dict(base, **settings)
    users.passwords.setdefault(GRADER, "")  # install.sh creates the grading account: remove it afterwards too
    run([str(DEPLOY / "install.sh"), git_url], env=env, cwd="/")
    log = folder / "jupyterhub.log"
    hub_env = dict(env, CV_HUB_PRODUCTION_CONFIG=str(production_config), CV_HUB_TEST_TOKEN=token,
                   CV_HUB_TEST_HUB_PORT=str(servers.free_port()), CV_HUB_TEST_PROXY_API_PORT=str(servers.free_port()))
    with open(log, "w") as out:
        process = subprocess.Popen([str(HUB_BIN / "jupyterhub"), "-f", str(ROOT / "tests" / "hub_config.py")],
                                   cwd=settings["CV_HUB_STATE_DIR"], env=hub_env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", token, settings, process, log, users,
              Path(settings["CV_HUB_COURSE_DIR"]), Path(settings["CV_HUB_EXCHANGE"]), python, git_url, branch)
    try:
        servers.wait_until_answers(f"{hub.url}/hub/api", process, hub.log_tail, seconds=120)
        _wait_for_service(hub)
        yield hub
    finally:
        servers.stop(process)


def _wait_for_service(hub: Hub, seconds: float = 120) -> None:
    """The Formgrader service answers through the proxy (it redirects to the hub's login: not 5xx)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(f"{hub.url}/services/{COURSE_ID}/api/status", timeout=10)
            return
        except urllib.error.HTTPError as error:
            if error.code in (401, 403, 302):
                return
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = str(error)
        if hub.process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"the Formgrader service did not answer ({last}):\n{hub.log_tail()}")
        time.sleep(0.5)


def peak_memory_of(uids: set[int]) -> int:
    """Resident memory (bytes) of all processes of these users, now."""
    total = 0
    for pid in _processes_of(uids):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total
