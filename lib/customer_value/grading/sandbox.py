"""``--safe-mode user``: run each student's kernel as an unprivileged user that cannot see the course.

nbgrader runs student code as the grading user, in ``autograded/<student>/<assignment>/`` inside
the course directory: the code can read ``source/`` (solutions, hidden tests), ``gradebook.db``
and other students' work, and write anywhere the grader can. In safe mode the grader (root) starts
each kernel through this module, which, in the kernel's own process:

1. copies the assignment's non-notebook files (data) into a new folder owned by the sandbox user
   (default ``nobody``), the kernel's working directory, home and temp folder;
2. enters a private mount namespace and covers the course directory with an empty tmpfs, so no
   path leads to it; the Python installation and the course library are mounted back read-only
   (also when they live under a private folder such as ``/root``);
3. limits the size of files the kernel writes (``RLIMIT_FSIZE``), its memory (``RLIMIT_AS``) and
   processes (``RLIMIT_NPROC``, counted over all of that user's processes);
4. drops to the user's uid/gid with no supplementary groups and a minimal environment, and execs
   the kernel.

It does not isolate the network, nor files outside the course directory that the user may read
anyway (:func:`exposed_paths` checks the gradebook and the course folders from inside the sandbox
before grading), nor one student's kernel from the next beyond the fresh folder (they run one after
another as the same user). Linux only; needs root (``CAP_SYS_ADMIN`` for the mount namespace).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import pwd
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, List, Unicode

MB = 1024 * 1024
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
MNT_DETACH = 2


class SandboxKernelManager(AsyncKernelManager):
    """Starts the kernel through ``python -m customer_value.grading.sandbox``."""

    user = Unicode("nobody", help="Unprivileged user the kernel runs as.").tag(config=True)
    root = Unicode("", help="Folder for the kernels' working folders (the CLI makes one per run; default: the temp folder).").tag(config=True)
    hide = List(Unicode(), help="Folders covered by an empty tmpfs for the kernel (the course directory).").tag(config=True)
    max_file_mb = Integer(64, help="Largest file the kernel may write, MB.").tag(config=True)
    max_memory_mb = Integer(4096, help="Address-space limit of the kernel, MB.").tag(config=True)

    def format_kernel_cmd(self, extra_arguments=None):
        command = super().format_kernel_cmd(extra_arguments)
        files = (self._launch_args or {}).get("cwd") or ""  # autograded/<student>/<assignment>/
        return [*wrapper(self.user, self.hide, self.root or tempfile.gettempdir(), files, self.max_file_mb, self.max_memory_mb), *command]


def wrapper(user: str, hide: list[str], root: str, files: str = "", max_file_mb: int = 64, max_memory_mb: int = 4096) -> list[str]:
    """The command prefix that runs a command in the sandbox: a new folder in ``root``, with a copy
    of the non-notebook files of ``files``, as its working folder."""
    command = [sys.executable, "-m", "customer_value.grading.sandbox", "--user", user, "--root", root,
               "--max-file-mb", str(max_file_mb), "--max-memory-mb", str(max_memory_mb)]
    command += [f"--hide={path}" for path in hide]
    if files:
        command += ["--files", str(files)]
    return [*command, "--"]


def available(user: str) -> str:
    """Why safe mode cannot run here, or "" when it can."""
    if not sys.platform.startswith("linux"):
        return "--safe-mode user needs Linux (mount namespaces)"
    if os.geteuid() != 0:
        return "--safe-mode user needs root (it hides the course and switches each kernel to another user)"
    try:
        pwd.getpwnam(user)
    except KeyError:
        return f"no user {user!r} on this machine (create one: useradd --system --no-create-home {user})"
    return ""


def exposed_paths(user: str, hide: list[str], paths: list[Path]) -> list[Path]:
    """The paths among ``paths`` that code in the sandbox can read. Raises RuntimeError when the
    sandbox cannot be set up here."""
    probe = "import os, sys; print('\\n'.join(p for p in sys.argv[1:] if os.path.exists(p) and os.access(p, os.R_OK)))"
    with tempfile.TemporaryDirectory(prefix="cv-probe-") as root:
        os.chmod(root, 0o711)
        result = subprocess.run([*wrapper(user, hide, root), sys.executable, "-c", probe, *map(str, paths)],
                                cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the sandbox does not start here: {result.stderr.strip()[-500:]}")
    return [Path(line) for line in result.stdout.splitlines() if line]


_libc = ctypes.CDLL(None, use_errno=True)


def _call(name: str, *args) -> None:
    if getattr(_libc, name)(*args) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{name}{args}: {os.strerror(error)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda s: s.encode() if s is not None else None  # noqa: E731
    _call("mount", encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data))


def _outside_world_reach(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other users cannot enter, if any."""
    for folder in [*reversed(path.parents), path]:
        if folder.is_dir() and not folder.stat().st_mode & 0o001:
            return folder
    return None


def _needed_paths() -> list[Path]:
    """What the kernel must read: the interpreter, its libraries, the course library."""
    import customer_value

    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(customer_value.__file__).resolve().parents[1]}
    paths |= {Path(p).resolve() for p in sys.path if p and Path(p).is_dir()}
    return sorted(p for p in paths if not any(q != p and q in p.parents for q in paths))


def _hide(folders: list[Path]) -> None:
    """Private mount namespace: ``folders`` (and private folders on the way to the interpreter)
    become empty tmpfs; what the kernel needs is bound back read-only."""
    needed = _needed_paths()
    covers = {f.resolve() for f in folders} | {c for p in needed if (c := _outside_world_reach(p))}
    covers = {c for c in covers if not any(o != c and o in c.parents for o in covers)}
    rebind = [p for p in needed if any(c == p or c in p.parents for c in covers)]
    _call("unshare", CLONE_NEWNS)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    holds = []
    for path in rebind:
        hold = tempfile.mkdtemp(prefix="cv-hold-")
        _mount(str(path), hold, None, MS_BIND | MS_REC)
        holds.append(hold)
    for cover in sorted(covers):
        _mount("tmpfs", str(cover), "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=1m")
    for path, hold in zip(rebind, holds):
        path.mkdir(parents=True, exist_ok=True)
        _mount(hold, str(path), None, MS_BIND | MS_REC)
        _mount(None, str(path), None, MS_BIND | MS_REMOUNT | MS_RDONLY)
        _call("umount2", hold.encode(), MNT_DETACH)
        os.rmdir(hold)


def _limit(kind: int, value: int) -> None:
    resource.setrlimit(kind, (value, value))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="nobody")
    parser.add_argument("--hide", action="append", default=[], type=Path)
    parser.add_argument("--root", required=True, help="folder for the kernel's working folder")
    parser.add_argument("--files", type=Path, default=None, help="copy this folder's non-notebook files in")
    parser.add_argument("--max-file-mb", type=int, default=64)
    parser.add_argument("--max-memory-mb", type=int, default=4096)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    account = pwd.getpwnam(args.user)

    home = Path(tempfile.mkdtemp(prefix="cv-kernel-", dir=args.root))
    if args.files:
        shutil.copytree(args.files, home, dirs_exist_ok=True, symlinks=False,
                        ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    if "-f" in command:  # the kernel's connection file, written by the grader in its runtime folder
        connection = command.index("-f") + 1
        shutil.copy(command[connection], home / "kernel.json")
        command[connection] = str(home / "kernel.json")
    for folder, _, files in os.walk(home):
        for path in [folder, *(os.path.join(folder, f) for f in files)]:
            os.chown(path, account.pw_uid, account.pw_gid)
    home.chmod(0o700)
    _hide(args.hide)
    os.chdir(home)

    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home), "TMPDIR": str(home), "USER": args.user, "LOGNAME": args.user,
        "LANG": os.environ.get("LANG", "C.UTF-8"), "MPLCONFIGDIR": str(home / ".matplotlib"),
        "IPYTHONDIR": str(home / ".ipython"), "JUPYTER_RUNTIME_DIR": str(home / ".runtime"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # NBGRADER_EXECUTION tells notebooks they are being autograded; JPY_PARENT_PID lets the kernel
    # exit when the grader does (ipykernel's parent poller)
    env.update({k: v for k, v in os.environ.items() if k == "NBGRADER_EXECUTION" or k.startswith("JPY_")})
    _limit(resource.RLIMIT_FSIZE, args.max_file_mb * MB)
    _limit(resource.RLIMIT_AS, args.max_memory_mb * MB)
    _limit(resource.RLIMIT_NPROC, 256)
    _limit(resource.RLIMIT_CORE, 0)
    os.setgroups([])
    os.setgid(account.pw_gid)
    os.setuid(account.pw_uid)
    os.execve(command[0], command, env)


if __name__ == "__main__":
    main()
