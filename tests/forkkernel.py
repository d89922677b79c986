"""Test kernels forked from a process that has already imported ipykernel, numpy, pandas and scipy.

The suite starts about a thousand kernels, and each one used to spend most of its life importing:
Python, ipykernel and jupyter_client (about 0.6 s), then the notebook's pandas and scipy (about 1 s).
Here one *fork server* per test process imports them once; a kernel is a fork of it.

- The kernel command jupyter_client launches is this file's ``launch`` mode, a small Python process
  that imports nothing heavy. It hands its stdin, stdout and stderr, its environment, working
  directory, ``sys.path`` and the ipykernel arguments to the server over a Unix socket, and the server
  forks the kernel with them. The launcher then stands in for the kernel: signals it gets (an
  interrupt, a terminate) go to the kernel, and it exits with the kernel's exit status.
- When the launcher is killed (jupyter_client's last resort), the server sees its socket close and
  kills the kernel.
- What a fork shares with its siblings is only what the server imported before forking: modules that
  read nothing from the environment at import. matplotlib (its backend comes from ``MPLBACKEND`` at
  import) and the course's own library are imported by each kernel itself, as in a fresh kernel.
  numpy's global random state is reseeded in each fork, as a fresh kernel would have it.

Only the tests' own notebook runs use it (:class:`ForkKernelManager`, chosen by :mod:`kernels` and
test_grading's in-process nbgrader). The real kernel start is still tested: the grading command, the
batch grader, the sandboxed kernels, the Jupyter servers of the browser, Binder and hub tests and
tests/test_kernel_start.py start ordinary kernels.
"""

from __future__ import annotations

import array
import json
import os
import signal
import socket
import sys

#: the modules a fork finds already imported (none reads the environment at import)
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "numpy", "pandas", "scipy.optimize", "scipy.special",
           "scipy.stats", "nbformat")
#: what Python, numpy or the C library read from the environment only at start: a kernel whose environment
#: differs from the server's in one of them is started as usual instead (the launcher runs ipykernel itself)
READ_AT_START = ("PYTHONHASHSEED", "PYTHONWARNINGS", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONOPTIMIZE",
                 "PYTHONSAFEPATH", "PYTHONNOUSERSITE", "PYTHONDEVMODE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                 "MKL_NUM_THREADS", "LC_ALL", "LC_CTYPE", "LANG")
#: the signals the launcher passes on to the kernel
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2)
MAX_MESSAGE = 1 << 20


def _send(conn: socket.socket, obj, fds: list[int] = ()) -> None:
    data = json.dumps(obj).encode() + b"\n"
    if fds:
        conn.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
    else:
        conn.sendall(data)


def _receive(conn: socket.socket, buffer: bytearray, with_fds: bool = False) -> tuple[dict | None, list[int]]:
    """One newline-ended JSON message (and the file descriptors sent with it); None at end of stream."""
    fds: list[int] = []
    while b"\n" not in buffer:
        if with_fds:
            data, more, _flags, _addr = socket.recv_fds(conn, 65536, 8)
            fds.extend(more)
        else:
            data = conn.recv(65536)
        if not data:
            return None, fds
        buffer.extend(data)
        if len(buffer) > MAX_MESSAGE:
            raise ValueError("message too long")
    line, _, rest = bytes(buffer).partition(b"\n")
    buffer[:] = rest
    return json.loads(line), fds


# -- the launcher: the process jupyter_client starts and watches

def launch(server: str, kernel_args: list[str]) -> None:
    """Have the server at ``server`` fork a kernel with ``kernel_args`` (ipykernel's), stand in for it,
    and end as it ends (its exit code, or the signal that killed it)."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(server)
    _send(conn, {"args": kernel_args, "env": dict(os.environ), "cwd": os.getcwd(), "path": sys.path[1:]}, [0, 1, 2])
    buffer = bytearray()
    reply, _ = _receive(conn, buffer)
    if reply is None:
        sys.exit("fork server closed the connection")
    if reply.get("start") == "as usual":
        conn.close()
        os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *kernel_args])
    pid = reply["pid"]

    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for signum in FORWARDED:
        signal.signal(signum, forward)
    while True:
        try:
            status, _ = _receive(conn, buffer)
            break
        except InterruptedError:
            continue
    code = 1 if status is None else status["exit"]
    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    sys.exit(code)


# -- the server: imports once, forks kernels

def _run_kernel(request: dict, fds: list[int]) -> None:
    """In the fork: become the kernel the launcher asked for; never returns."""
    code = 1
    try:
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
        for fd in fds:
            os.close(fd)
        os.setsid()
        for signum in FORWARDED + (signal.SIGCHLD,):
            signal.signal(signum, signal.SIG_DFL)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[:] = request["path"]
        import importlib.util

        sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *request["args"]]
        import numpy

        numpy.random.seed()  # a fresh kernel's global random state is its own
        from ipykernel import kernelapp

        args = list(request["args"])
        if request["env"].get("JPY_PARENT_PID"):  # read by ipykernel at import: its parent is now this server
            args.append(f"--IPKernelApp.parent_handle={os.getppid()}")
        kernelapp.launch_new_instance(argv=args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        import atexit

        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


def serve(path: str) -> None:
    """Import PRELOAD, then fork a kernel for each launcher that connects to ``path``, until stdin closes."""
    import importlib
    import selectors

    for name in PRELOAD:
        importlib.import_module(name)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(wake_read, selectors.EVENT_READ, "child")
    selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
    kernels: dict[int, socket.socket] = {}  # pid -> its launcher's connection
    at_start = {name: os.environ.get(name) for name in READ_AT_START}
    print("ready", flush=True)
    while True:
        for key, _ in selector.select():
            if key.data == "stdin":
                if not sys.stdin.buffer.read1(4096):
                    for pid in kernels:
                        _kill(pid)
                    return
            elif key.data == "accept":
                conn, _ = listener.accept()
                request, fds = _receive(conn, bytearray(), with_fds=True)
                if request is None:
                    conn.close()
                    continue
                if any(request["env"].get(name) != value for name, value in at_start.items()):
                    for fd in fds:
                        os.close(fd)
                    _send(conn, {"start": "as usual"})
                    conn.close()
                    continue
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    signal.set_wakeup_fd(-1)
                    selector.close()
                    listener.close()
                    for other in kernels.values():
                        other.close()
                    os.close(wake_read)
                    os.close(wake_write)
                    conn.close()
                    _run_kernel(request, fds)
                for fd in fds:
                    os.close(fd)
                kernels[pid] = conn
                _send(conn, {"pid": pid})
                selector.register(conn, selectors.EVENT_READ, pid)
            elif key.data == "child":
                os.read(wake_read, 4096)
                _reap(kernels, selector)
            else:  # a launcher's connection: it sends nothing more, so this is its end
                pid = key.data
                if pid in kernels:
                    _kill(pid)
        _reap(kernels, selector)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(kernels: dict[int, socket.socket], selector) -> None:
    while kernels:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        conn = kernels.pop(pid, None)
        if conn is not None:
            selector.unregister(conn)
            try:
                _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
            except OSError:
                pass
            conn.close()


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif sys.argv[1] == "launch":
        launch(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(f"usage: {sys.argv[0]} serve SOCKET | launch SOCKET KERNEL_ARGS...")
