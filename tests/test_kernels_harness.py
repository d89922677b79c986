"""tests/kernels.py: a reply whose wake-up was missed is read at the next poll slice, and a cell's timeout stays."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.session import Session

import kernels


class MissedWakeUpSocket:
    """A socket holding one reply whose wake-up never comes: a poll sees it only when the poll times out."""

    def __init__(self, session: Session, reply: bool = True):
        self.frames = session.serialize(session.msg("execute_reply", {"status": "ok"})) if reply else None
        self.polls: list[float | None] = []

    async def poll(self, timeout_ms=None, flags=zmq.POLLIN):
        self.polls.append(timeout_ms)
        if timeout_ms is None:
            await asyncio.Event().wait()  # no wake-up ever: waits forever
        await asyncio.sleep(timeout_ms / 1000)
        return zmq.POLLIN if self.frames else 0  # the look at the socket on timeout finds it

    async def recv_multipart(self, **_):
        return self.frames


def _run(coroutine):
    """asyncio.run in a thread of its own: a browser test's Playwright may hold this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _channel(socket: MissedWakeUpSocket, session: Session) -> kernels.SlicedPollChannel:
    """The channel on a real zmq.asyncio socket (its constructor checks), then reading from ``socket``."""
    channel = kernels.SlicedPollChannel(zmq.asyncio.Context.instance().socket(zmq.DEALER), session)
    channel.socket.close()
    channel.socket = socket
    return channel


@pytest.fixture
def fast_slices(monkeypatch):
    monkeypatch.setattr(kernels, "POLL_SLICE", 0.05)


def test_a_reply_with_a_missed_wake_up_is_read_at_the_next_slice_not_at_the_cell_timeout(fast_slices):
    session = Session()
    socket = MissedWakeUpSocket(session)
    channel = _channel(socket, session)
    message = _run(asyncio.wait_for(channel.get_msg(timeout=600), timeout=5))
    assert message["msg_type"] == "execute_reply"
    assert socket.polls == [50], "one slice of POLL_SLICE, not the 600 s timeout"
    forever = MissedWakeUpSocket(session)
    assert _run(asyncio.wait_for(_channel(forever, session).get_msg(), timeout=5))["msg_type"] == "execute_reply"


def test_no_reply_still_times_out_after_the_cells_timeout(fast_slices):
    session = Session()
    socket = MissedWakeUpSocket(session, reply=False)
    with pytest.raises(Empty):
        _run(_channel(socket, session).get_msg(timeout=0.2))
    assert len(socket.polls) >= 4 and sum(socket.polls) == pytest.approx(200, abs=60)


def test_notebook_clients_use_the_sliced_poll_channels():
    import nbformat

    client = kernels.notebook_client(nbformat.v4.new_notebook(), kernel_name="python3")
    manager = client.kernel_manager_class()
    assert issubclass(manager.client_factory, kernels.SlicedPollKernelClient)
    assert kernels.SlicedPollKernelClient.shell_channel_class.default_value is kernels.SlicedPollChannel
