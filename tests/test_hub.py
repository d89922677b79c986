"""A class on a real JupyterHub, end to end: deploy/jupyterhub/ as one machine runs it.

The test creates OS users (an instructor and three students; the load test 30 more), runs
deploy/jupyterhub/install.sh (grading account and its clone of the course, exchange, global nbgrader
configuration), starts JupyterHub with deploy/jupyterhub/jupyterhub_config.py (PAM log-in with the
users' real passwords, local-process spawner, Formgrader service) through tests/hub_config.py, and
configurable-http-proxy from npm, all on 127.0.0.1. The course is served by `git daemon` from a bare
clone of this repository's HEAD, for the nbgitpuller link.

In Debian's Chromium (playwright): each student logs in, pulls the course with the nbgitpuller link,
finds no instructor panel, opens the Assignments list, fetches 03_clv_basics, answers (right, wrong,
blank: the notebook is written through the student's server's contents API), Validates and submits.
The instructor logs in, opens Formgrader (the hub service), sees the three submissions once
collected (`nbgrader collect` as the grading account), grades them with `python -m
customer_value.grading` (isolated), releases the feedback; each student fetches their feedback
in the browser and gets exactly one page, with their own score.

test_load: 30 students fetch and submit concurrently through the hub's API and nbgrader's server
extension (no browser), then the batch is graded; prints spawn times, lost submissions, memory and
grading time (tests/hub_load.py).

Needs root, the OS user tools, Node.js/npm, git, Debian's python3 (venv), chromium and playwright;
without them the tests are skipped with the reason, except in CI (CI=true), where that is a failure.
Users, homes, the exchange and every process are removed afterwards, even when a step fails.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

import hub_env
from assignments import a03_clv_basics as spec
from hub_env import COURSE_ID, GRADER, INSTRUCTOR

pytestmark = [pytest.mark.hub, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = spec.ASSIGNMENT
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
STUDENTS = {f"{hub_env.PREFIX}student1": "right", f"{hub_env.PREFIX}student2": "wrong", f"{hub_env.PREFIX}student3": "blank"}
WRONG_NAME = "twice_a_month_taken_as_twice_a_year"
WRITTEN = "Word of mouth wins one more customer, worth a whole lifetime value."
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS") or ROOT / "tests" / "artifacts")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
STEP_MS = 120_000


def _skip_or_fail(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"hub tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def hub():
    """The running hub with the instructor and three students; everything removed afterwards."""
    missing = hub_env.missing_tools()
    if missing:
        _skip_or_fail(missing)
    python, chp = hub_env.python_env(), hub_env.proxy()
    folder, users = hub_env.world_folder(), hub_env.Users()
    try:
        users.add_groups()
        users.add(INSTRUCTOR, f"{COURSE_ID}-instructors")
        for student in STUDENTS:
            users.add(student, f"{COURSE_ID}-students")
        with hub_env.git_server(folder / "git") as (url, branch):
            with hub_env.running_hub(folder, users, python, chp, url, branch) as running:
                yield running
    finally:
        users.remove()
        if (folder / "jupyterhub.log").exists():  # the hub's and every server's log, for a failure's reader
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / "jupyterhub.log", ARTIFACTS / "hub-jupyterhub.log")
        shutil.rmtree(folder, ignore_errors=True)


# --- answers --------------------------------------------------------------------------------------

def _right_answers() -> dict[str, str]:
    """grade_id -> the source's solution (markers removed), a sentence for written answers."""
    source = nbformat.read(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    answers = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [line for line in cell.source.splitlines() if line.strip() not in SOLUTION_MARKERS]
            answers[meta["grade_id"]] = WRITTEN if cell.cell_type == "markdown" else "\n".join(lines)
    return answers


def answers_for(kind: str) -> dict[str, str]:
    if kind == "blank":
        return {}
    answers = _right_answers()
    if kind == "wrong":
        answers.update(spec.WRONG[WRONG_NAME][0])
    return answers


def write_answers(hub: hub_env.Hub, user: str, answers: dict[str, str]) -> None:
    """The student's fetched notebook, answered, saved through their own server's contents API."""
    path = f"/api/contents/{NOTEBOOK}"
    model = hub.user_api(user, "GET", f"{path}?content=1&type=notebook")
    notebook = model["content"]
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    hub.user_api(user, "PUT", path, {"type": "notebook", "format": "json", "content": notebook})


# --- the browser ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(hub, playwright_session):
    browser = playwright_session.chromium.launch(executable_path=str(hub_env.CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


class Session:
    """One person's browser context on the hub."""

    def __init__(self, browser, hub: hub_env.Hub, user: str):
        self.hub, self.user = hub, user
        self.context = browser.new_context(viewport={"width": 1440, "height": 900})
        self.context.set_default_timeout(STEP_MS)
        self.page = self.context.new_page()

    def screenshot(self, step: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            self.page.screenshot(path=str(ARTIFACTS / f"hub-{self.user}-{step}.png"))
        except Exception:  # noqa: BLE001 (a screenshot must never hide the failure)
            pass

    def log_in(self) -> None:
        page = self.page
        page.goto(f"{self.hub.url}/hub/login")
        page.fill("#username_input", self.user)
        page.fill("#password_input", self.hub.users.passwords[self.user])
        page.click("#login_submit")
        # the hub spawns the server, then redirects to it
        page.wait_for_url(re.compile(rf"/user/{re.escape(self.user)}/lab"), timeout=180_000)
        page.locator("#jp-main-dock-panel").wait_for()

    def nbgrader_menu(self):
        page = self.page
        page.locator('#jp-menu-panel div.lm-MenuBar-itemLabel:text("Nbgrader")').click()
        menu = page.locator("#jp-mainmenu-nbgrader")
        menu.wait_for()
        return menu

    def open_assignment_list(self) -> None:
        menu = self.nbgrader_menu()
        menu.locator('li[data-command="nbgrader:open-assignment-list"]').click()
        self.page.locator("#released_assignments_list").wait_for()

    def rows(self, name: str, count: int):
        from playwright.sync_api import expect

        page = self.page
        expect(page.locator(f"#{name}_assignments_list_loading")).not_to_be_visible()
        rows = page.locator(f"#{name}_assignments_list > .list_item")
        expect(rows).to_have_count(count)
        return rows


def student_turn_in(browser, hub: hub_env.Hub, user: str, kind: str) -> dict:
    """Log in, pull the course, check the student view, fetch, answer, Validate, submit."""
    from playwright.sync_api import expect

    me = Session(browser, hub, user)
    step = "login"
    try:
        me.log_in()
        page = me.page

        step = "nbgitpuller"
        page.goto(hub.pull_link())
        page.wait_for_url(re.compile(rf"/user/{re.escape(user)}/lab/tree/{COURSE_ID}/course/00_getting_started\.ipynb"),
                          timeout=180_000)
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for()
        lesson = Path(f"/home/{user}/{COURSE_ID}/course/00_getting_started.ipynb")
        assert lesson.exists() and lesson.stat().st_uid == hub_env.pwd.getpwnam(user).pw_uid, \
            "nbgitpuller did not clone the course into the student's home, as the student"

        step = "student-view"
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
        expect(page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-cell-toolbar")).to_have_count(0)
        menu = me.nbgrader_menu()
        # nbgrader's menu lists every command; those of disabled plugins are hidden (lm-mod-hidden)
        expect(menu.locator('li[data-command="nbgrader:open-assignment-list"]:visible')).to_have_count(1)
        instructor_panels = menu.locator('li[data-command="nbgrader:open-formgrader"]:visible, '
                                         'li[data-command="nbgrader:open-formgrader-local"]:visible, '
                                         'li[data-command="nbgrader:open-course-list"]:visible')
        expect(instructor_panels).to_have_count(0)
        page.keyboard.press("Escape")
        formgrader = me.context.request.get(f"{hub.url}/user/{user}/formgrader", max_redirects=0)
        assert formgrader.status == 404, f"Formgrader answers on a student's server: HTTP {formgrader.status}"
        service = me.context.request.get(f"{hub.url}/services/{COURSE_ID}/formgrader")
        assert service.status == 403, f"a student reached the grading service: HTTP {service.status}"

        step = "fetch"
        me.open_assignment_list()
        released = me.rows("released", 1)
        expect(released.first).to_contain_text(ASSIGNMENT)
        released.first.locator(".item_status button").click()
        fetched = me.rows("fetched", 1)

        step = "answer"
        write_answers(hub, user, answers_for(kind))

        step = "validate"
        fetched.first.locator("a.assignment-notebooks-link").click()  # unfolds the assignment's notebooks
        validate = page.locator('#fetched_assignments_list .item_status button:text("Validate")')
        validate.first.click()
        dialog = page.locator(".nbgrader-SuccessDialog, .nbgrader-ErrorDialog")
        dialog.wait_for(timeout=300_000)
        passed = page.locator(".nbgrader-SuccessDialog").count() == 1
        dialog.locator("button.jp-Dialog-button").first.click()

        step = "submit"
        me.rows("fetched", 1).first.locator('.item_status button:text("Submit")').click()
        me.rows("submitted", 1)
        return {"passed_validation": passed}
    except Exception:
        me.screenshot(step)
        raise
    finally:
        me.context.close()


def student_fetches_feedback(browser, hub: hub_env.Hub, user: str) -> list[Path]:
    me = Session(browser, hub, user)
    try:
        me.log_in()
        me.open_assignment_list()
        submitted = me.rows("submitted", 1)
        submitted.first.locator('button:text("Fetch Feedback")').click()
        feedback = Path(f"/home/{user}/{ASSIGNMENT}/feedback")
        deadline = time.monotonic() + 120
        while not list(feedback.glob("*/*.html")) and time.monotonic() < deadline:
            time.sleep(0.5)
        return sorted(feedback.glob("*/*.html"))
    except Exception:
        me.screenshot("feedback")
        raise
    finally:
        me.context.close()


def grade(hub: hub_env.Hub, students: list[str] | None = None) -> subprocess.CompletedProcess:
    """Our grading CLI as root (isolation needs root) in the grading account's course directory."""
    args = [sys.executable, "-m", "customer_value.grading", ASSIGNMENT, "--course-dir", str(hub.course_dir)]
    for student in students or []:
        args += ["--student", student]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CV_HUB_"))}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    result = subprocess.run(args, cwd=hub.course_dir, env=env, capture_output=True, text=True, timeout=1200)
    # what root wrote (gradebook, autograded/, feedback/, grades.csv) goes back to the grading account
    subprocess.run(["chown", "-R", f"{GRADER}:{GRADER}", str(hub.course_dir)], check=True)
    assert result.returncode in (0, 3), f"grading failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def gradebook_scores(hub: hub_env.Hub) -> tuple[dict[str, float], float]:
    """Each student's total score and the autograded maximum, from the course's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.course_dir / 'gradebook.db'}") as gradebook:
        scores = {s.student.id: s.score for s in gradebook.assignment_submissions(ASSIGNMENT)}
        assignment = gradebook.find_assignment(ASSIGNMENT)
        autograded_max = sum(cell.max_score for nb in assignment.notebooks for cell in nb.grade_cells if cell.cell_type == "code")
    return scores, autograded_max


def score_in(page: Path) -> float:
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))
    match = re.search(r"Score:\s*([0-9.]+)\s*/\s*([0-9.]+)", text)
    assert match, f"no total score in {page}"
    return float(match.group(1))


# --- the tests --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def released(hub):
    """The instructor's first steps, as the grading account in the course directory (docs/jupyterhub.md)."""
    hub.nbgrader("generate_assignment", ASSIGNMENT, "--force")
    hub.nbgrader("release_assignment", ASSIGNMENT)
    return hub


def test_a_term_on_the_hub(released, browser):
    hub = released
    started = time.monotonic()
    outbound = hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT
    assert outbound.is_dir() and (hub.exchange.stat().st_mode & 0o7777) == 0o1777

    validation = {user: student_turn_in(browser, hub, user, kind)["passed_validation"] for user, kind in STUDENTS.items()}
    assert validation == {user: kind == "right" for user, kind in STUDENTS.items()}, \
        f"Validate passes the right answers only: {validation}"
    inbound = sorted(p.name.split("+")[0] for p in (hub.exchange / COURSE_ID / "inbound").iterdir())
    assert inbound == sorted(STUDENTS), f"one submission per student in the exchange: {inbound}"

    # The instructor: Formgrader through the hub, the submissions collected, graded, feedback released.
    me = Session(browser, hub, INSTRUCTOR)
    try:
        me.log_in()
        menu = me.nbgrader_menu()  # the instructor's own server keeps nbgrader's instructor panels
        from playwright.sync_api import expect

        expect(menu.locator('li[data-command="nbgrader:open-formgrader"]:visible')).to_have_count(1)
        me.page.keyboard.press("Escape")
        me.page.goto(f"{hub.url}/services/{COURSE_ID}/formgrader")
        expect(me.page.locator(f'#main-table a:text("{ASSIGNMENT}")').first).to_be_visible()

        hub.nbgrader("collect", ASSIGNMENT)
        me.page.goto(f"{hub.url}/services/{COURSE_ID}/formgrader/manage_submissions/{ASSIGNMENT}")
        for user in STUDENTS:
            expect(me.page.locator("#main-table").get_by_text(user, exact=True)).to_be_visible()

        grading_started = time.monotonic()
        graded = grade(hub)
        grading_seconds = time.monotonic() - grading_started
        hub.nbgrader("release_feedback", ASSIGNMENT)
        feedback_mode = (hub.exchange / COURSE_ID / "feedback").stat().st_mode & 0o7777
        assert feedback_mode == 0o711, f"the exchange's feedback folder has mode {oct(feedback_mode)}"

        me.page.reload()
        expect(me.page.locator("#main-table")).not_to_contain_text("needs autograding")
    except Exception:
        me.screenshot("formgrader")
        raise
    finally:
        me.context.close()

    scores, autograded_max = gradebook_scores(hub)
    assert set(scores) == set(STUDENTS)
    right, wrong, blank = (scores[user] for user in STUDENTS)
    assert right == pytest.approx(autograded_max) and 0 < wrong < right and blank == 0, \
        f"{scores}\n{graded.stdout[-4000:]}\n{graded.stderr[-4000:]}"

    # Each student fetches their own feedback, and only theirs.
    for user in STUDENTS:
        pages = student_fetches_feedback(browser, hub, user)
        assert len(pages) == 1, f"{user}: one feedback page, found {pages}"
        assert score_in(pages[0]) == pytest.approx(scores[user]), f"{user}: the feedback shows another score"
        others = [other for other in STUDENTS if other != user]
        assert not any(other in pages[0].read_text() for other in others)
    print(f"\nhub end to end: {time.monotonic() - started:.0f} s (grading 3 submissions: {grading_seconds:.0f} s); "
          f"scores {scores} of {autograded_max} autograded points")


def test_students_cannot_read_each_others_work(released):
    """The exchange's modes keep submissions and homes apart (inbound 2733, homes 0700; feedback 0711 is
    checked by test_a_term_on_the_hub once released)."""
    hub = released
    course = hub.exchange / COURSE_ID
    modes = {name: (course / name).stat().st_mode & 0o7777 for name in ("outbound", "inbound")}
    assert modes == {"outbound": 0o755, "inbound": 0o2733}, {k: oct(v) for k, v in modes.items()}
    student, other = list(STUDENTS)[:2]
    listing = hub_env.run(["ls", str(course / "inbound")], user=student, check=False)
    assert listing.returncode != 0, "a student can list the submissions"
    home = hub_env.run(["ls", f"/home/{other}"], user=student, check=False)
    assert home.returncode != 0, "a student can read another student's home"


def test_load(released):
    """30 students at once through the hub's API and nbgrader's server extension, then the batch graded."""
    import hub_load

    hub = released
    kinds = ("right", "wrong", "blank")
    report = hub_load.run(
        hub, count=int(os.environ.get("HUB_LOAD_STUDENTS", "30")), assignment=ASSIGNMENT,
        answers=lambda i: answers_for(kinds[i % 3]), write_answers=write_answers,
        grade=lambda students: grade(hub, students), graded=lambda: set(gradebook_scores(hub)[0]),
    )
    assert report.failed_spawns == 0 and not report.errors, report.errors
    assert report.lost == 0, f"submissions lost: {report.lost} ({report.errors})"
