"""Run a notebook in a fresh kernel, once more when the kernel could not bind its ports, and never wait long
on a reply that has already arrived.

jupyter_client picks free TCP ports, writes them to the connection file and starts the kernel, which then
binds them: when another process (the other pytest worker, a Jupyter server, nbgrader) takes one in
between, the kernel exits with ZMQError "Address already in use" and the client reports "Kernel died
before replying to kernel_info". That race is outside the code under test; a new kernel gets new ports.

zmq.asyncio sometimes misses the wake-up of a reply already in the client's socket: the kernel is idle,
the reply waits unread, and nbclient sits out the whole cell timeout (600 s) before its poll looks again
and finds it. We saw three such stalls in two full runs (pyzmq 27.3; ipykernel 7.4 and 6.31); in the one
we inspected, the client's shell socket had POLLIN set while nbclient waited. :func:`notebook_client` polls in slices of :data:`POLL_SLICE`, so
a missed wake-up costs at most that; the cell's own timeout is unchanged.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from queue import Empty
from time import monotonic
from typing import Any, TypeVar

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import Type, default

T = TypeVar("T")
PORT_RACE = "Kernel died before replying to kernel_info"
#: the longest one poll of a kernel channel waits before it looks at the socket again (seconds)
POLL_SLICE = 1.0


class SlicedPollChannel(AsyncZMQSocketChannel):
    """A channel whose ``get_msg(timeout)`` polls in slices of POLL_SLICE up to the same timeout."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            remaining = None if deadline is None else deadline - monotonic()
            try:
                return await super().get_msg(timeout=POLL_SLICE if remaining is None else max(0.0, min(POLL_SLICE, remaining)))
            except Empty:
                if remaining is not None and remaining <= POLL_SLICE:
                    raise


class SlicedPollKernelClient(AsyncKernelClient):
    shell_channel_class = Type(SlicedPollChannel)
    iopub_channel_class = Type(SlicedPollChannel)
    control_channel_class = Type(SlicedPollChannel)


class SlicedPollKernelManager(AsyncKernelManager):
    @default("client_factory")
    def _sliced_poll_client(self) -> type:
        return SlicedPollKernelClient


FORK_KERNEL = Path(__file__).with_name("forkkernel.py")
_fork_server: dict[str, object] = {}


def fork_server() -> str:
    """The socket of this process's kernel fork server (:mod:`forkkernel`), started on first use."""
    if _fork_server and _fork_server["process"].poll() is not None:  # it died: start another
        _fork_server.clear()
    if not _fork_server:
        folder = tempfile.mkdtemp(prefix="cv-forks-")
        path = os.path.join(folder, "server")
        server = subprocess.Popen([sys.executable, str(FORK_KERNEL), "serve", path], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        if server.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the kernel fork server did not start (exit code {server.wait()})")

        def stop() -> None:
            server.stdin.close()  # the server kills its remaining kernels and exits
            server.wait(30)
            shutil.rmtree(folder, ignore_errors=True)

        atexit.register(stop)
        _fork_server.update(path=path, process=server)
    return _fork_server["path"]


class ForkKernelManager(SlicedPollKernelManager):
    """An ipykernel of this Python forked from the fork server (imports already done) instead of started
    from scratch; any other kernel command starts as usual."""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if command[1:3] != ["-m", "ipykernel_launcher"] or not os.path.samefile(command[0], sys.executable):
            return command
        return [sys.executable, str(FORK_KERNEL), "launch", fork_server(), *command[3:]]


def notebook_client(nb, **options) -> NotebookClient:
    """nbclient's NotebookClient for ``nb`` (options as NotebookClient's) with a forked kernel
    (:class:`ForkKernelManager`) and the sliced-poll kernel client."""
    return NotebookClient(nb, kernel_manager_class=ForkKernelManager, **options)


def with_fresh_kernel(run: Callable[[], T], attempts: int = 3) -> T:
    """``run()`` (which starts its own kernel), again up to ``attempts`` times when the kernel died at start-up."""
    for attempt in range(1, attempts + 1):
        try:
            return run()
        except RuntimeError as error:
            if PORT_RACE not in str(error) or attempt == attempts:
                raise
    raise AssertionError("unreachable")
