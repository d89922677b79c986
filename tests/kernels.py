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

from collections.abc import Callable
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


def notebook_client(nb, **options) -> NotebookClient:
    """nbclient's NotebookClient for ``nb`` (options as NotebookClient's) with the sliced-poll kernel client."""
    return NotebookClient(nb, kernel_manager_class=SlicedPollKernelManager, **options)


def with_fresh_kernel(run: Callable[[], T], attempts: int = 3) -> T:
    """``run()`` (which starts its own kernel), again up to ``attempts`` times when the kernel died at start-up."""
    for attempt in range(1, attempts + 1):
        try:
            return run()
        except RuntimeError as error:
            if PORT_RACE not in str(error) or attempt == attempts:
                raise
    raise AssertionError("unreachable")
