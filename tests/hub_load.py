"""The load test of tests/test_hub.py: N students (30 by default) on the running hub at once.

Scripted through the hub's REST API and nbgrader's server extension, no browser: the OS users are
created (group customer-value-students, so they get the student view), then every student at the
same time starts their server (time from the request until the hub's progress stream says ready:
the spawn time), fetches the assignment (POST /user/<name>/assignments/fetch), answers it through
their server's contents API (right, wrong or blank in turn) and submits it
(POST /user/<name>/assignments/submit). The servers are stopped, the grading account collects, and
the batch is graded with our grading CLI. Memory is sampled every half second while the servers run.

Bounded and self-stopping: every request has a timeout, the whole concurrent phase a deadline
(LOAD_SECONDS); every server is stopped at the end whatever happened; the OS users are removed with
the others by the test's fixture. Loopback only (the hub listens on 127.0.0.1).
"""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import hub_env
from hub_env import COURSE_ID, PREFIX

LOAD_SECONDS = 900  # the whole concurrent phase (30 spawns, fetches and submissions on 2 shared cores)
ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "hub-load.json"


@dataclass
class Report:
    students: int
    spawn_seconds: list[float] = field(default_factory=list)
    submitted: int = 0  # the server extension answered success
    in_exchange: int = 0  # submissions in the exchange's inbound folder
    collected: int = 0  # collected by the grading account
    graded: int = 0  # in the gradebook after the batch
    lost: int = 0  # students whose submission did not make it to the gradebook
    failed_spawns: int = 0
    peak_servers_rss_mb: float = 0.0  # resident memory of all the students' processes, at its peak
    peak_machine_used_mb: float = 0.0  # the machine's used memory above what it was before the test
    concurrent_seconds: float = 0.0  # first spawn request to the last submission
    grading_seconds: float = 0.0  # collect + our grading CLI for the whole batch
    errors: list[str] = field(default_factory=list)

    def percentile(self, q: float) -> float:
        values = sorted(self.spawn_seconds)
        if not values:
            return float("nan")
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]

    def summary(self) -> str:
        return (f"hub load, {self.students} students at once: spawn p50 {self.percentile(50):.1f} s, "
                f"p95 {self.percentile(95):.1f} s (max {max(self.spawn_seconds, default=float('nan')):.1f} s); "
                f"submissions {self.submitted} submitted, {self.in_exchange} in the exchange, {self.collected} "
                f"collected, {self.graded} graded, {self.lost} lost; failed spawns {self.failed_spawns}; "
                f"peak memory {self.peak_servers_rss_mb:.0f} MB in the students' servers "
                f"({self.peak_machine_used_mb:.0f} MB more used on the machine); "
                f"concurrent phase {self.concurrent_seconds:.0f} s; grading the {self.students}: "
                f"{self.grading_seconds:.0f} s (collect + python -m customer_value.grading)")

    def write(self, path: Path = ARTIFACT) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data.update(spawn_p50_seconds=self.percentile(50), spawn_p95_seconds=self.percentile(95))
        path.write_text(json.dumps(data, indent=2) + "\n")


def _machine_used() -> int:
    info = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, value = line.split(":", 1)
        info[key] = int(value.split()[0]) * 1024
    return info["MemTotal"] - info["MemAvailable"]


class MemorySampler(threading.Thread):
    def __init__(self, uids: set[int]):
        super().__init__(daemon=True)
        self.uids, self.stop_event = uids, threading.Event()
        self.baseline, self.peak_rss, self.peak_used = _machine_used(), 0, 0

    def run(self) -> None:
        while not self.stop_event.wait(0.5):
            self.peak_rss = max(self.peak_rss, hub_env.peak_memory_of(self.uids))
            self.peak_used = max(self.peak_used, _machine_used() - self.baseline)


def _wait_ready(hub: hub_env.Hub, user: str, deadline: float) -> None:
    """Read the hub's progress stream of the user's server until it says ready (or failed)."""
    request = urllib.request.Request(f"{hub.url}/hub/api/users/{user}/server/progress",
                                     headers={"Authorization": f"token {hub.token}"})
    with urllib.request.urlopen(request, timeout=max(5.0, deadline - time.monotonic())) as stream:
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event.get("ready"):
                    return
                if event.get("failed"):
                    raise AssertionError(f"spawn failed: {event.get('message')}")
    raise AssertionError("the progress stream ended before the server was ready")


def run(hub: hub_env.Hub, count: int, assignment: str, answers: Callable[[int], dict[str, str]],
        write_answers: Callable[[hub_env.Hub, str, dict[str, str]], None],
        grade: Callable[[list[str]], object], graded: Callable[[], set[str]]) -> Report:
    """The load test on the running ``hub``; ``answers(i)`` is student i's answers, ``grade(students)``
    grades them, ``graded()`` is who has a submission in the gradebook."""
    report = Report(students=count)
    students = [f"{PREFIX}load{i:02d}" for i in range(1, count + 1)]
    for student in students:
        hub.users.add(student, f"{COURSE_ID}-students")
    hub.api("POST", "/users", {"usernames": students})
    uids = {hub_env.pwd.getpwnam(student).pw_uid for student in students}
    sampler = MemorySampler(uids)
    sampler.start()
    deadline = time.monotonic() + LOAD_SECONDS
    lock = threading.Lock()
    query = f"course_id={COURSE_ID}&assignment_id={assignment}"

    def one_student(i: int, student: str) -> None:
        step = "spawn"
        try:
            started = time.monotonic()
            hub.api("POST", f"/users/{student}/server", timeout=120)
            _wait_ready(hub, student, deadline)
            with lock:
                report.spawn_seconds.append(time.monotonic() - started)
            step = "fetch"
            hub.user_api(student, "POST", f"/assignments/fetch?{query}", timeout=120)
            step = "answer"
            write_answers(hub, student, answers(i))
            step = "submit"
            result = hub.user_api(student, "POST", f"/assignments/submit?{query}", timeout=180)
            if isinstance(result, dict) and result.get("success") is False:
                raise AssertionError(result.get("value") or result)
            with lock:
                report.submitted += 1
        except Exception as error:  # noqa: BLE001 (reported, counted, never hangs the batch)
            with lock:
                if step == "spawn":
                    report.failed_spawns += 1
                report.errors.append(f"{student} ({step}): {str(error)[:500]}")

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            futures = [pool.submit(one_student, i, student) for i, student in enumerate(students)]
            _, late = wait(futures, timeout=max(1.0, deadline - time.monotonic()))
            if late:
                report.errors.append(f"{len(late)} students not done after {LOAD_SECONDS} s")
        report.concurrent_seconds = time.monotonic() - started
    finally:
        sampler.stop_event.set()
        sampler.join()
        report.peak_servers_rss_mb = sampler.peak_rss / 2**20
        report.peak_machine_used_mb = sampler.peak_used / 2**20
        _stop_servers(hub, students)

    inbound = hub.exchange / COURSE_ID / "inbound"
    report.in_exchange = len({p.name.split("+")[0] for p in inbound.iterdir() if p.name.split("+")[0] in students})
    grading_started = time.monotonic()
    hub.nbgrader("collect", assignment)
    report.collected = sum((hub.course_dir / "submitted" / student / assignment).is_dir() for student in students)
    try:
        grade(students)
    finally:  # the figures are written and printed whatever the grading did
        report.grading_seconds = time.monotonic() - grading_started
        report.graded = len(graded() & set(students))
        report.lost = count - report.graded
        report.write()
        print("\n" + report.summary(), flush=True)
    return report


def _stop_servers(hub: hub_env.Hub, students: list[str]) -> None:
    """Stop every student's server (concurrently), then forget the users in the hub."""
    def stop(student: str) -> None:
        try:
            hub.api("DELETE", f"/users/{student}/server", timeout=120)
        except AssertionError:
            pass  # not running (a failed spawn): nothing to stop
        end = time.monotonic() + 120
        while time.monotonic() < end:
            model = hub.api("GET", f"/users/{student}")
            if not model.get("servers"):
                break
            time.sleep(1)
        try:
            hub.api("DELETE", f"/users/{student}")
        except AssertionError:
            pass

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(stop, students))
