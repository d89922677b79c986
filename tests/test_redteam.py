"""Red team: hostile submissions against `python -m customer_value.grading` (isolation on, the default).

One module-scoped batch of 03_clv_basics holds an honest correct submission, an honest blank one,
one attacker per attack class and, graded after every attacker (ids sort last), a correct and a
blank victim. Every attack asserts: the attacker scores no more than its honest answers, the
victims' scores are unchanged, no hidden test line appears in any output or feedback, the batch
completes. A small second batch with --isolation off checks that the integrity check stops the
batch when a submission writes into another student's files.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from customer_value.grading import sandbox
from customer_value.grading.feedback import hidden_lines
from test_batch_grading import ASSIGNMENT, FULL, _answered, _cells, _grade, _new_course, _rows, _tree_digest, _write

pytestmark = [
    pytest.mark.grading,
    pytest.mark.skipif(bool(sandbox.available("nobody")), reason=sandbox.available("nobody") or ""),
]
MARKER = "cv-redteam-background-7f3a"
XSS = "alert('cv-xss')"

HOOK = r'''
ip = get_ipython()
from IPython.display import display
def _always_pass(result=None):
    ip.displayhook("passed")            # an execute_result that nbgrader would read as full marks
    display({"text/plain": "passed"}, raw=True)
ip.events.register("pre_run_cell", _always_pass)  # before the cell's own error: its first output
ip.events.register("post_run_cell", _always_pass)
kfc_clv = 1
'''
TRANSFORMER = r'''
def _rewrite(lines):
    if lines and lines[0].startswith("# Tests for question"):
        return ["pass\n"]
    if lines and "customer_value.grading" in "".join(lines):  # the grader's probes: claim a verdict instead
        return ['from IPython.display import display\n', 'display({"application/x-customer-value-answers+json": \'{"passed": true}\'}, raw=True)\n', '"passed"\n']
    return lines
get_ipython().input_transformers_post.append(_rewrite)
'''
PATCHED = r'''
import builtins, math
import numpy as np
import customer_value as cv
class _Yes:  # what the patched helpers return: equal to, different from and close to anything
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: True
    __hash__ = object.__hash__
builtins.abs = lambda x: 0
builtins.round = lambda *a: _Yes()
math.isclose = np.isclose = np.allclose = lambda *a, **k: True
cv.selfcheck.check = lambda *a, **k: print("Self-check: correct")
cv.selfcheck.is_correct = lambda *a, **k: True
import pandas.testing
pandas.testing.assert_frame_equal = pandas.testing.assert_series_equal = lambda *a, **k: None
kfc_clv = 1
'''
ALWAYS_EQUAL = r'''
class Anything(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return True  # "is it not the common mistake?" yes too
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __sub__(self, other): return Anything(0)
    __rsub__ = __sub__
    def __abs__(self): return 0.0
    def __round__(self, n=None): return self
    def __float__(self): return self  # float(x) keeps the object (a float subclass may)
    __hash__ = float.__hash__
import customer_value as cv
cv.selfcheck.check = lambda *a, **k: None  # the visible self-check would notice; the hidden == would not
kfc_clv = Anything(1)
'''
ALWAYS_EQUAL_FUNCTION = "def break_even_cost(margin, retention, discount_rate, years):\n    return Anything(0)"
HIDDEN_READER = r'''
import os, time
from IPython.display import display
seen, start = [], time.monotonic()
for top in ["/", os.path.expanduser("~"), "../..", "/proc/1/cwd"]:
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in {"proc", "sys", "usr", "dev", "site-packages", ".pyenv", ".venv", "lib"}]
        for name in files:
            if name.endswith(".ipynb"):
                try:
                    text = open(os.path.join(folder, name)).read()
                except Exception:
                    continue
                if "BEGIN " + "HIDDEN TESTS" in text:
                    seen.append(text)
        if time.monotonic() - start > 3:
            break
print("FOUND", len(seen))
for text in seen:
    print(text)
ip = get_ipython()
def _leak(result):
    print("CELL:", result.info.raw_cell)
    print("HISTORY:", ip.user_ns.get("_ih"))
ip.events.register("post_run_cell", _leak)
kfc_clv = 1
'''
BACKGROUND = r'''
import subprocess, sys
code = """
import glob, os, sqlite3, time
time.sleep(1)
for _ in range(40):
    for db in glob.glob("/**/gradebook.db", recursive=True) + glob.glob("/proc/*/cwd/../../../gradebook.db"):
        try:
            sqlite3.connect(db).execute("update grade set auto_score = 99").connection.commit()
        except Exception:
            pass
    time.sleep(0.5)
# MARKER
"""
subprocess.Popen([sys.executable, "-c", code.replace("MARKER", "__MARKER__")], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
kfc_clv = 1
'''.replace("__MARKER__", MARKER)
CROSS_STUDENT = r'''
import glob, os
for start in [os.getcwd(), "/proc/1/cwd", "/"]:
    for up in range(6):
        base = os.path.normpath(os.path.join(start, *[".."] * up))
        for path in glob.glob(os.path.join(base, "submitted", "*", "*", "*.ipynb")) + glob.glob(os.path.join(base, "autograded", "*", "*", "*.ipynb")):
            try:
                open(path, "w").write("{}")
            except OSError:
                pass
kfc_clv = 1
'''
KILLER = r'''
import os, signal
for pid in [os.getppid(), 1, *[int(p) for p in os.listdir("/proc") if p.isdigit()]]:
    if pid and pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
try:
    os.kill(-1, signal.SIGKILL)
except OSError:
    pass
'''
POISON = r'''
import os, customer_value as cv
folder = os.path.dirname(cv.__file__)
written = 0
for name in os.listdir(folder):
    if name.endswith(".py"):
        try:
            with open(os.path.join(folder, name), "a") as f:
                f.write("\nraise SystemExit('poisoned')\n")
            written += 1
        except OSError:
            pass
print("poisoned files:", written)
kfc_clv = 1
'''
FLOOD = "import sys\nchunk = 'x' * (1 << 20)\nfor _ in range(60):\n    sys.stdout.write(chunk)\nkfc_clv = 1"
INJECT = r'''
from IPython.display import HTML, SVG, Javascript, Markdown, display
display(HTML("""<b>bold</b><script>XSS</script><img src=x onerror="XSS"><a href="javascript:XSS">x</a><table><tr><td>cell</td></tr></table>"""))
display({"image/svg+xml": """<svg xmlns="http://www.w3.org/2000/svg" onload="XSS"><circle r="5"/></svg>""", "text/plain": "svg"}, raw=True)
display(Javascript("""XSS"""))
display(Markdown("""[click](javascript:XSS)"""))
kfc_clv = 1
'''.replace("XSS", XSS)
INJECT_MARKDOWN = f'My answer <script>{XSS}</script> <img src=x onerror="{XSS}"> [link](javascript:{XSS}) $x^2$ **kept**'
CONTROL = "raise RuntimeError('\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil')"

#: attacker → (answer cells replaced, honest score of the same answers)
ATTACKS = {
    "a_hook": ({"q1_kfc_clv": HOOK}, 0),
    "a_transformer": ({"q1_kfc_clv": TRANSFORMER}, 0),
    "a_patched_helpers": ({"q1_kfc_clv": PATCHED}, 0),
    "a_always_equal": ({"q1_kfc_clv": ALWAYS_EQUAL, "q6_break_even_cost": ALWAYS_EQUAL_FUNCTION}, 0),
    "a_hidden_reader": ({"q1_kfc_clv": HIDDEN_READER}, 0),
    "a_background": ({"q1_kfc_clv": BACKGROUND}, 0),
    "a_cross_student": ({"q1_kfc_clv": CROSS_STUDENT}, 0),
    "a_killer": ({"q1_kfc_clv": KILLER}, 0),
    "a_poison": ({"q1_kfc_clv": POISON}, 0),
    "a_flood": ({"q1_kfc_clv": FLOOD}, 0),
    "a_inject": ({"q1_kfc_clv": INJECT, "q7_written_answer": INJECT_MARKDOWN}, 0),
}
STUB = "raise NotImplementedError()"


class RedTeam:
    def __init__(self, root: Path, course: Path, env: dict):
        self.course = _new_course(root, course)
        release = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        self.source = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        blank = {g: STUB for g, c in _cells(release).items() if c.metadata["nbgrader"].get("solution") and c.cell_type == "code"}

        def put(student: str, nb) -> None:
            _write(course / "submitted" / student / ASSIGNMENT, f"{ASSIGNMENT}.ipynb", nb)

        put("correct", _answered(release, self.source))
        put("blank", release)
        for student, (changes, _) in ATTACKS.items():
            put(student, _answered(release, self.source, **(blank | changes)))
        control = _answered(release, self.source)
        control.cells.insert(2, nbformat.v4.new_code_cell(CONTROL))
        put("a_control_chars", control)
        put("z_correct_last", _answered(release, self.source))
        put("z_blank_last", release)
        self.submitted_before = _tree_digest(course / "submitted")
        self.result = _grade(course, env)
        self.rows = _rows(course / "grades.csv")
        self.hidden = [line for cell in self.source.cells for line in hidden_lines(cell.source)]
        self.background = subprocess.run(["pgrep", "-f", MARKER], capture_output=True, text=True).stdout

    def score(self, student: str) -> float:
        return float(self.rows[student]["score"])

    def feedback(self, student: str) -> str:
        return (self.course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")

    def feedback_text(self, student: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "", self.feedback(student)))

    def outputs(self, student: str) -> str:
        """Every output of the autograded notebook (what Formgrader shows besides the sources)."""
        nb = nbformat.read(self.course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        return json.dumps([c.get("outputs", []) for c in nb.cells])


@pytest.fixture(scope="module")
def red(root, tool_env, tmp_path_factory) -> RedTeam:
    return RedTeam(root, tmp_path_factory.mktemp("redteam") / "course", tool_env)


def test_the_batch_completes_with_every_attacker_graded(red):
    assert red.result.returncode in (0, 3), red.result.stdout[-3000:] + red.result.stderr[-3000:]
    assert set(red.rows) == {"correct", "blank", "a_control_chars", "z_correct_last", "z_blank_last", *ATTACKS}
    assert "Student kernels: isolated" in red.result.stdout and "BATCH NOT TRUSTED" not in red.result.stdout


def test_honest_and_victim_scores_are_unchanged(red):
    assert red.score("correct") == red.score("z_correct_last") == FULL
    assert red.score("blank") == red.score("z_blank_last") == 0
    assert red.score("a_control_chars") == FULL


@pytest.mark.parametrize("attacker", sorted(ATTACKS))
def test_attacker_scores_no_more_than_its_honest_answers(red, attacker):
    assert red.score(attacker) <= ATTACKS[attacker][1], red.rows[attacker]


@pytest.mark.parametrize("student", ["a_hidden_reader", "a_hook", "a_transformer", "correct", "blank"])
def test_no_hidden_test_line_reaches_outputs_or_feedback(red, student):
    assert len(red.hidden) > 15
    outputs, feedback = red.outputs(student), red.feedback_text(student)
    leaked = [line for line in red.hidden if line in outputs or json.dumps(line)[1:-1] in outputs or line in feedback]
    assert leaked == []
    assert "BEGIN HIDDEN TESTS" not in outputs and "BEGIN HIDDEN TESTS" not in feedback


def test_hidden_reader_finds_no_notebook_with_hidden_tests(red):
    assert "FOUND 0" in red.outputs("a_hidden_reader")


def test_background_process_dies_with_its_kernel_and_touches_no_grade(red):
    assert red.background == ""
    assert red.score("z_blank_last") == 0 and red.score("blank") == 0


def test_cross_student_writes_and_library_poisoning_change_nothing(red):
    assert _tree_digest(red.course / "submitted") == red.submitted_before
    library = Path(sandbox.__file__).resolve().parents[1]
    assert [p for p in library.rglob("*.py") if "SystemExit('poisoned')" in p.read_text(encoding="utf-8")] == []
    assert "poisoned files: 0" in red.outputs("a_poison")


def test_killing_everything_in_reach_kills_only_the_own_kernel(red):
    assert red.score("a_killer") == 0
    assert red.score("z_correct_last") == FULL and red.score("z_blank_last") == 0


def test_output_flood_is_cut_while_it_streams(red):
    assert "output cut" in red.outputs("a_flood")
    autograded = red.course / "autograded" / "a_flood" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert autograded.stat().st_size < 1_000_000


class ActiveContent(HTMLParser):
    """The student's active content in a page: script text, event handlers, javascript: targets, SVG."""

    def __init__(self):
        super().__init__()
        self.found, self._script = [], False

    def handle_starttag(self, tag, attrs):
        self._script = tag == "script"
        if tag == "svg":
            self.found.append("svg")
        for name, value in attrs:
            if name.startswith("on") and "cv-xss" in (value or ""):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction") and re.sub(r"\s", "", value or "").lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")

    def handle_data(self, data):
        if self._script and "cv-xss" in data:
            self.found.append("script")

    def handle_endtag(self, tag):
        self._script = False


def _active(page: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(page)
    return parser.found


def test_instructor_views_run_no_student_script(red):
    feedback = red.feedback("a_inject")
    assert _active(feedback) == []
    nb = nbformat.read(red.course / "autograded" / "a_inject" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert _active(cell.source) == [] and "javascript:" not in cell.source, cell.source
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert not {"application/javascript", "image/svg+xml"} & set(data)
            for mime in ("text/html", "text/markdown"):
                assert _active(data.get(mime, "")) == [] and "javascript:" not in data.get(mime, "")
    assert "<b>bold</b>" in feedback and "<td>cell</td>" in feedback  # plain HTML and tables still display
    assert "<strong>kept</strong>" in feedback and "x^2" in feedback


def test_control_characters_never_reach_the_console_or_csv(red):
    assert "error outside the answer and test cells" in red.rows["a_control_chars"]["problems"]
    text = red.result.stdout + (red.course / "grades.csv").read_text(encoding="utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    assert "pwned" in text


def test_without_isolation_a_cross_student_write_stops_the_batch(root, tool_env, tmp_path):
    course = _new_course(root, tmp_path / "course")
    release = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    _write(course / "submitted" / "a_first" / ASSIGNMENT, f"{ASSIGNMENT}.ipynb", _answered(release, source))
    _write(course / "submitted" / "b_writer" / ASSIGNMENT, f"{ASSIGNMENT}.ipynb", _answered(release, source, q1_kfc_clv=CROSS_STUDENT))
    _write(course / "submitted" / "c_later" / ASSIGNMENT, f"{ASSIGNMENT}.ipynb", _answered(release, source))
    result = _grade(course, tool_env, "--isolation", "off", "--no-feedback")
    assert result.returncode == 1
    assert "WARNING: --isolation off" in result.stderr
    assert "BATCH NOT TRUSTED: grading b_writer changed submitted/" in result.stdout
    rows = _rows(course / "grades.csv")
    assert "c_later" not in rows and "integrity" in rows["b_writer"]["problems"]


def test_attack_code_is_what_the_table_in_docs_lists():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "grading.md").read_text(encoding="utf-8")
    for attacker in [*ATTACKS, "a_control_chars"]:
        assert f"`{attacker}`" in doc, attacker
