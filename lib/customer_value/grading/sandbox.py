"""Isolation of student kernels (the default of ``python -m customer_value.grading``).

The grader (root) starts each kernel through this module, which, in the kernel's own process:

1. copies the assignment's non-notebook files (data) into a new folder owned by the sandbox user
   (default ``nobody``), the kernel's working directory, home and temp folder;
2. enters private mount, PID and IPC namespaces. Every top-level folder except the system ones
   (``/usr``, ``/etc``, ``/lib*``, ``/bin``, ``/sbin``, ``/dev``, ``/proc``, ``/sys``) becomes an empty
   tmpfs, and so do ``/dev/shm`` and the course directory: no other checkout, home folder, course,
   gradebook or student is visible. The Python installation and the course library are mounted back
   read-only, the kernel's own folder read-write. ``/proc`` shows only the kernel's processes;
3. forks: the kernel is process 1 of its PID namespace, so everything it starts (also a detached
   background process) is killed when it exits, and it cannot see or signal the grader or another
   kernel; it is killed too when its parent, the process the grader started, dies;
4. limits the size of files the kernel writes (``RLIMIT_FSIZE``), its memory (``RLIMIT_AS``) and
   processes (``RLIMIT_NPROC``);
5. drops to the user's uid/gid with no supplementary groups and a minimal environment, and execs
   the kernel.

It does not isolate the network (the kernel talks to the grader over local TCP). Linux only; needs
root (``CAP_SYS_ADMIN`` for the namespaces).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, List, Unicode

MB = 1024 * 1024
CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWIPC = 0x00020000, 0x20000000, 0x08000000
PR_SET_PDEATHSIG = 1
#: top-level folders the kernel keeps (read as the sandbox user); every other one is hidden
SYSTEM = {"usr", "etc", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "dev", "proc", "sys"}
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18


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
    """Why isolation cannot run here, or "" when it can."""
    if not sys.platform.startswith("linux"):
        return "isolation needs Linux (mount and PID namespaces)"
    if os.geteuid() != 0:
        return "isolation needs root (it hides the machine's files and runs each kernel as another user in its own namespaces)"
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
    paths |= {Path(p).resolve() for p in sys.path[1:] if p and Path(p).is_dir()}  # [0]: the working folder
    return sorted(p for p in paths if not any(q != p and q in p.parents for q in paths))


def _hide(folders: list[Path], home: Path) -> None:
    """Private mount namespace: every non-system top-level folder, ``/dev/shm`` and ``folders``
    become empty tmpfs; what the kernel needs is bound back read-only, ``home`` read-write."""
    needed = _needed_paths()
    top = {p for p in Path("/").iterdir() if p.name not in SYSTEM and p.is_dir() and not p.is_symlink()}
    covers = {f.resolve() for f in folders} | top | {Path("/dev/shm")} | {c for p in needed if (c := _outside_world_reach(p))}
    covers = {c for c in covers if c.exists() and not any(o != c and o in c.parents for o in covers)}
    rebind = [p for p in [*needed, home] if any(c == p or c in p.parents for c in covers)]
    _call("unshare", CLONE_NEWNS)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    handles = [os.open(path, os.O_PATH | os.O_DIRECTORY) for path in rebind]  # reachable once covered
    for cover in sorted(covers):
        _mount("tmpfs", str(cover), "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=1m")
    for path, handle in zip(rebind, handles):
        path.mkdir(parents=True, exist_ok=True)
        _mount(f"/proc/self/fd/{handle}", str(path), None, MS_BIND | MS_REC)
        if path != home:
            _mount(None, str(path), None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        os.close(handle)


def _wait_for(child: int) -> None:
    """The grader's end of the kernel: interrupts reach the kernel through its process group;
    SIGTERM/SIGHUP kill it (process 1 of a namespace ignores signals it has no handler for)."""
    def stop(signum, frame):
        os.kill(child, signal.SIGKILL)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, stop)
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except ChildProcessError:
            status = 0
            break
        except InterruptedError:
            continue
    os._exit(os.waitstatus_to_exitcode(status) % 256 if status else 0)


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
    _hide(args.hide, home)
    _call("unshare", CLONE_NEWPID | CLONE_NEWIPC)
    child = os.fork()
    if child:
        _wait_for(child)
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | 8)  # 8: MS_NOEXEC; only this namespace's processes
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
    _call("prctl", PR_SET_PDEATHSIG, signal.SIGKILL)  # after setuid, which clears it
    os.execve(command[0], command, env)


if __name__ == "__main__":
    main()
