"""Grading survives a kernel that dies at start, which is no fault of the submission.

A TCP kernel dies before it answers when another process binds one of its ports in the moment
between jupyter_client choosing the port and the kernel binding it (jupyter/jupyter_client#154).
With a class's kernels started side by side this happens; `GuardedExecute` then starts another.
"""

from __future__ import annotations

import socket

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager

from customer_value.grading.preprocessors import GuardedExecute

pytestmark = pytest.mark.grading


class PortTakenOnce(AsyncKernelManager):
    """The first kernel started finds its shell port taken, as if another process had bound it."""

    launches = 0
    blockers: list[socket.socket] = []

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        cls = type(self)
        cls.launches += 1
        if cls.launches == 1:
            blocker = socket.socket()
            blocker.bind((self.ip, self.shell_port))
            blocker.listen()
            cls.blockers.append(blocker)
        await super()._async_launch_kernel(kernel_cmd, **kw)


@pytest.fixture
def port_taken_once():
    PortTakenOnce.launches = 0
    yield PortTakenOnce
    for blocker in PortTakenOnce.blockers:
        blocker.close()
    PortTakenOnce.blockers.clear()


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("answer = 6 * 7\nprint(answer)")]
    return nb


def test_a_kernel_that_dies_at_start_is_replaced_and_the_notebook_runs(port_taken_once, tmp_path):
    execute = GuardedExecute(kernel_manager_class=port_taken_once, timeout=30, startup_timeout=30)
    nb, _ = execute.preprocess(_notebook(), {"metadata": {"path": str(tmp_path)}})
    assert port_taken_once.launches == 2
    assert [output.get("text") for output in nb.cells[0].outputs] == ["42\n"]


def test_with_one_attempt_the_dead_kernel_is_an_error_not_a_score(port_taken_once, tmp_path):
    execute = GuardedExecute(kernel_manager_class=port_taken_once, timeout=30, startup_timeout=30, startup_attempts=1)
    with pytest.raises(RuntimeError, match="died"):
        execute.preprocess(_notebook(), {"metadata": {"path": str(tmp_path)}})
    assert port_taken_once.launches == 1
