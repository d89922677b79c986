"""A progress bar for the batch: students done / total, elapsed time, failures.

Uses tqdm when it is installed; otherwise one line, redrawn in place on a terminal and printed
once per student elsewhere (CI logs, `make grade > log`).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None):
        self.total, self.label, self.stream = total, label, stream or sys.stderr
        self.done = self.failed = 0
        self.start = time.monotonic()
        try:
            from tqdm import tqdm
        except ImportError:
            self.bar = None
        else:
            self.bar = tqdm(total=total, desc=label, unit="student", file=stream)

    def update(self, student: str, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, last=student)
            self.bar.update(1)
            return
        elapsed = int(time.monotonic() - self.start)
        filled = round(20 * self.done / self.total)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total} students, "
            f"{elapsed // 60}:{elapsed % 60:02d} elapsed, {self.failed} need a human (last: {student})"
        )
        if self.stream.isatty():
            self.stream.write("\r" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
