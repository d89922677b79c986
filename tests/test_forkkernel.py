"""tests/forkkernel.py: a forked test kernel sees what a freshly started kernel sees, obeys an interrupt,
and does not outlive its launcher."""

from __future__ import annotations

import json
import os
import signal
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError

import kernels

pytestmark = pytest.mark.notebooks

#: what a notebook could depend on about the process it runs in
PROBE = """\
import json, os, sys
import matplotlib.pyplot as plt
import numpy as np
import customer_value as cv
print(json.dumps({
    "pid": os.getpid(), "cwd": os.getcwd(), "path": sys.path, "argv0": os.path.basename(sys.argv[0]),
    "env": {k: v for k, v in os.environ.items() if k not in ("JPY_PARENT_PID", "JPY_SESSION_NAME")},
    "backend": plt.get_backend(), "random": np.random.random(), "library": cv.__file__,
    "main": sys.modules["__main__"].__name__, "hash": hash("customer value"), "ipython": type(get_ipython()).__name__,
}))
"""


def _probe(manager_class, cwd, env) -> dict:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE),
                                         nbformat.v4.new_code_cell("plt.plot([1, 2]); plt.show()")])
    client = NotebookClient(nb, kernel_manager_class=manager_class, kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(cwd)}})
    kernels.with_fresh_kernel(lambda: client.execute(env={**os.environ, **env}))
    probe = json.loads(nb.cells[0].outputs[0]["text"])
    probe["figure"] = [sorted(output.get("data", {})) for output in nb.cells[1].outputs]
    return probe


def test_a_forked_kernel_sees_what_a_started_kernel_sees(tmp_path):
    env = {"CV_PROBE": "中文 value", "LANG": "C.UTF-8"}
    fresh = _probe(kernels.SlicedPollKernelManager, tmp_path, env)
    forked, forked_again = (_probe(kernels.ForkKernelManager, tmp_path, env) for _ in range(2))
    for key in ("cwd", "path", "argv0", "env", "backend", "library", "main", "ipython", "figure"):
        assert forked[key] == fresh[key], key
    assert forked["env"]["CV_PROBE"] == "中文 value" and forked["cwd"] == str(tmp_path)
    assert forked["figure"] == [["image/png", "text/plain"]], "inline figures are shown after the cell"
    assert len({fresh["pid"], forked["pid"], forked_again["pid"]}) == 3
    assert forked["random"] != forked_again["random"], "each fork has numpy random state of its own"


def test_a_kernel_whose_python_would_start_differently_is_started_as_usual(tmp_path):
    env = {"PYTHONHASHSEED": "7"}  # read by Python only at start: a fork would keep the server's
    fresh = _probe(kernels.SlicedPollKernelManager, tmp_path, env)
    forked = _probe(kernels.ForkKernelManager, tmp_path, env)
    assert forked["hash"] == fresh["hash"] and forked["env"]["PYTHONHASHSEED"] == "7"


def test_an_interrupt_reaches_the_forked_kernel():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(60)"),
                                         nbformat.v4.new_code_cell("print('after')")])
    client = kernels.notebook_client(nb, kernel_name="python3", timeout=3, interrupt_on_timeout=True, allow_errors=True)
    started = time.monotonic()
    kernels.with_fresh_kernel(client.execute)
    assert time.monotonic() - started < 50, "the interrupt ended the sleep"
    assert nb.cells[0].outputs[-1]["ename"] == "KeyboardInterrupt"
    assert nb.cells[1].outputs[0]["text"] == "after\n", "the kernel lives on after an interrupt"


def test_a_killed_launcher_takes_its_kernel_with_it():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os; print(os.getpid())")])
    client = kernels.notebook_client(nb, kernel_name="python3", timeout=60)
    with client.setup_kernel():
        client.execute_cell(nb.cells[0], 0)
        kernel_pid = int(nb.cells[0].outputs[0]["text"])
        launcher = client.km.provisioner.process
        assert launcher.pid != kernel_pid
        os.killpg(launcher.pid, signal.SIGKILL)  # what jupyter_client does last when a kernel will not stop
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _alive(kernel_pid):
            time.sleep(0.05)
        assert not _alive(kernel_pid)


def test_other_kernel_commands_start_as_usual():
    manager = kernels.ForkKernelManager(kernel_name="python3")
    manager.kernel_spec.argv = ["/bin/true", "{connection_file}"]
    manager.connection_file = "/tmp/x.json"
    assert manager.format_kernel_cmd() == ["/bin/true", "/tmp/x.json"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
