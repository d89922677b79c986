"""Run a notebook in a fresh kernel, once more when the kernel could not bind its ports.

jupyter_client picks free TCP ports, writes them to the connection file and starts the kernel, which then
binds them: when another process (the other pytest worker, a Jupyter server, nbgrader) takes one in
between, the kernel exits with ZMQError "Address already in use" and the client reports "Kernel died
before replying to kernel_info". That race is outside the code under test; a new kernel gets new ports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
PORT_RACE = "Kernel died before replying to kernel_info"


def with_fresh_kernel(run: Callable[[], T], attempts: int = 3) -> T:
    """``run()`` (which starts its own kernel), again up to ``attempts`` times when the kernel died at start-up."""
    for attempt in range(1, attempts + 1):
        try:
            return run()
        except RuntimeError as error:
            if PORT_RACE not in str(error) or attempt == attempts:
                raise
    raise AssertionError("unreachable")
