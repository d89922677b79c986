"""The trusted checker: runs the instructor's test cells outside the student's kernel.

``python -I -m customer_value.grading.checker`` is a worker process that never executes student
code. For each test cell it receives the cell's source (hidden tests included) and the answers the
student's kernel exported as plain data (:mod:`.wire`), rebuilds them as genuine objects, binds them
with ``cv`` (this installation's ``customer_value``), ``np``, ``pd`` and ``math``, and runs the
cell. Function answers become proxies: each call travels to the student's kernel with plain-data
arguments and only its result comes back. The cell passes if it raises nothing; its grade is
decided here, never by an output of the student's kernel.

:class:`Worker` is the grader's end: one worker per grading process, restarted when a check runs
past its time limit or the worker dies. :func:`free_names` says which names a test cell needs.
"""

from __future__ import annotations

import ast
import atexit
import builtins
import io
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from contextlib import redirect_stdout
from dataclasses import dataclass
from typing import Any, Callable

from ..i18n import gettext as _

#: names the checker binds itself (never taken from the student's kernel)
TRUSTED = ("cv", "np", "pd", "math")
MAX_TEXT = 20_000


def free_names(source: str, visible: str | None = None) -> list[str]:
    """Names a test cell reads but neither defines nor gets from :data:`TRUSTED` or builtins, plus
    identifier-like string constants of its ``visible`` part (``globals()[name]`` loops)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    loaded, stored = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, ast.alias):
            stored.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
    try:
        strings = {n.value for n in ast.walk(ast.parse(visible or "")) if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.isidentifier()}
    except SyntaxError:
        strings = set()
    names = (loaded - stored - set(TRUSTED) - set(dir(builtins))) | (strings - set(TRUSTED) - set(dir(builtins)))
    return sorted(names)


@dataclass
class Result:
    """The checker's verdict on one test cell."""

    passed: bool
    stdout: str = ""
    ename: str = ""
    evalue: str = ""


# ---------------------------------------------------------------- worker process

class _Channel:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    def send(self, message: dict) -> None:
        self.writer.write(json.dumps(message) + "\n")
        self.writer.flush()

    def receive(self) -> dict:
        line = self.reader.readline()
        if not line:
            raise SystemExit(0)
        return json.loads(line)


class StudentFunctionError(Exception):
    """The student's function raised an exception that is not one of Python's built-in ones."""


class FunctionAnswer:
    """A function the student defined: calling it runs it in the student's kernel."""

    def __init__(self, name: str, channel: _Channel):
        self.__name__ = self.__qualname__ = name
        self._channel = channel

    def __repr__(self) -> str:
        return f"<student function {self.__name__}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from . import wire

        self._channel.send({"call": self.__name__, "arguments": wire.dumps(wire.encode([list(args), kwargs]))})
        reply = self._channel.receive()
        if "result" in reply:
            return wire.decode(reply["result"])
        if "raised" in reply:
            ename, message = str(reply["raised"][0]), str(reply["raised"][1])
            kind = getattr(builtins, ename, None)
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                kind = StudentFunctionError
                message = f"{ename}: {message}"
            raise kind(message)
        raise RuntimeError(f"{self.__name__}() could not be called: {reply.get('error', 'the kernel did not answer')}")


def _run_cell(request: dict, channel: _Channel, modules: dict) -> dict:
    from . import wire
    from ..messages import unanswered_message

    source, grade_id = request["source"], request["cell"]
    namespace = {"__name__": "__check__", "__builtins__": builtins, **modules}
    out = io.StringIO()
    try:
        for name, data in wire.loads(request["answers"]).items():
            if name not in TRUSTED:
                namespace[name] = wire.decode(data, lambda n: FunctionAnswer(n, channel))
        with redirect_stdout(out):
            exec(compile(source, f"<test cell {grade_id}>", "exec"), namespace)  # the instructor's code
    except Exception as error:  # the test failed: the error says why
        message = unanswered_message(source, error) if isinstance(error, (NameError, KeyError)) else None
        detail = message or str(error)
        if isinstance(error, wire.WireError):
            detail = f"{grade_id}: the answer could not be read ({error})"
        return {"passed": False, "stdout": out.getvalue()[:MAX_TEXT], "ename": type(error).__name__, "evalue": detail[:MAX_TEXT]}
    return {"passed": True, "stdout": out.getvalue()[:MAX_TEXT]}


def serve() -> None:
    """The worker's loop: one JSON request per line on stdin, replies on stdout."""
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = io.StringIO()  # stray prints of test code never reach the protocol
    import math

    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    import pandas as pd

    import customer_value as cv

    modules = {"cv": cv, "np": np, "pd": pd, "math": math}
    channel = _Channel(sys.stdin, protocol)
    channel.send({"ready": True})
    while True:
        request = channel.receive()
        channel.send(_run_cell(request, channel, modules))


# ---------------------------------------------------------------- grader side

class Worker:
    """The grader's handle on one checker process."""

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self._buffer = b""
        self._folder = ""

    def _start(self) -> None:
        folder = self._folder = tempfile.mkdtemp(prefix="cv-checker-")
        env = {"PATH": os.path.dirname(sys.executable), "HOME": folder, "MPLBACKEND": "Agg", "LANG": "C.UTF-8",
               "MPLCONFIGDIR": folder, "PYTHONDONTWRITEBYTECODE": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-m", "customer_value.grading.checker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=folder, env=env)
        self._buffer = b""
        if self._read(120) != {"ready": True}:
            raise RuntimeError("the checker process did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
            shutil.rmtree(self._folder, ignore_errors=True)

    def _read(self, timeout: float) -> dict | None:
        """One message, or None when the worker says nothing for ``timeout`` seconds or exits."""
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            ready, _writable, _errors = select.select([fd], [], [], timeout)
            chunk = os.read(fd, 1 << 20) if ready else b""
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _send(self, message: dict) -> None:
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def check(self, grade_id: str, source: str, answers: str, call: Callable[[str, str], dict], timeout: float) -> Result:
        """Run one test cell against ``answers`` (the kernel's export, JSON); ``call(name,
        arguments)`` runs a function answer in the kernel and returns its reply."""
        if self.process is None or self.process.poll() is not None:
            self._start()
        self._send({"cell": grade_id, "source": source, "answers": answers})
        while True:
            message = self._read(timeout)
            if message is None:
                self.stop()
                return Result(False, ename="CheckTimeout", evalue=_("{grade_id}: the check did not finish within {timeout:g} s").format(
                    grade_id=grade_id, timeout=timeout))
            if "call" in message:
                self._send(call(str(message["call"]), str(message["arguments"])))
                continue
            return Result(bool(message.get("passed")), str(message.get("stdout", "")), str(message.get("ename", "")), str(message.get("evalue", "")))


_worker: Worker | None = None


def worker() -> Worker:
    """The grading process's checker worker (started on first use, stopped at exit)."""
    global _worker
    if _worker is None:
        _worker = Worker()
        atexit.register(_worker.stop)
    return _worker


if __name__ == "__main__":
    serve()
