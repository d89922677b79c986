"""The course in a real browser: JupyterLab (student view) driven in headless Chromium.

Needs Debian's `chromium` (/usr/bin/chromium) and Python `playwright`, which drives it through
`executable_path`; no browser is ever downloaded. Without them the tests are skipped with the
reason, except in CI (CI=true), where that is a failure. Screenshots are saved to
$BROWSER_ARTIFACTS, or tests/artifacts/ (git-ignored).

Chinese text must be drawn in a real CJK font for the widths the layout tests measure: the browser
uses the system's (fontconfig) CJK font, else the one the course library finds for matplotlib.

The server's root is a temporary copy of the notebooks under test: nbgrader's Validate button saves
the notebook before validating it and JupyterLab writes checkpoints, so the repository is never
served directly and nothing in course/ or release/ is written.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
import servers

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the lab fixture skips (or, in CI, fails) with the reason
    expect = sync_playwright = None

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS") or ROOT / "tests" / "artifacts")
LESSON = "course/03_clv_basics.ipynb"
ASSIGNMENT = "03_clv_basics"
RELEASED = f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
COMPLETED = f"completed/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"  # the release with the source's answers filled in
CJK_CHART = "scratch/cjk_chart.ipynb"
# Scope every selector to the notebook on screen: JupyterLab keeps hidden panels in the page.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
RUN_ALL_TIMEOUT_MS = 120_000
VALIDATE_TIMEOUT_MS = 120_000
GLYPH_MISSING = "missing from font"
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
CELL_OUTPUT = ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output"  # not those inside widgets
WIDGET_VIEW = f"{CELL_OUTPUT}:has(.jupyter-widgets)"
VIEWPORTS = ((1440, 900), (1024, 768))  # a laptop and a small screen, as the lessons were tried at


def _has_widgets(path: Path) -> bool:
    """The notebook uses ipywidgets, or one of the course's calculators (a function of customer_value.widgets)."""
    library = (ROOT / "lib" / "customer_value" / "widgets.py").read_text()
    calculators = re.findall(r"^def ([a-z]\w*)\(", library, flags=re.MULTILINE)
    uses = re.compile(r"\bwidgets\.|\b(" + "|".join(calculators) + r")\(")
    notebook = nbformat.read(path, as_version=4)
    return any(cell.cell_type == "code" and uses.search(cell.source) for cell in notebook.cells)


WIDGET_LESSONS = sorted(path.name for path in (ROOT / "course").glob("*.ipynb") if _has_widgets(path))


def _missing_tools() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian: apt-get install chromium)"
    if sync_playwright is None:
        return "Python package playwright not installed (pip install -e '.[test]')"
    return None


# --- the server -------------------------------------------------------------------------------

def _completed_assignment(assignment: str = ASSIGNMENT, notebook: str = f"{ASSIGNMENT}.ipynb") -> nbformat.NotebookNode:
    """The released notebook with every answer cell replaced by the instructor's solution."""
    released = nbformat.read(ROOT / "release" / assignment / notebook, as_version=4)
    source = nbformat.read(ROOT / "source" / assignment / notebook, as_version=4)
    solutions = {cell.metadata.nbgrader["grade_id"]: cell.source for cell in source.cells
                 if cell.metadata.get("nbgrader", {}).get("solution")}
    completed = copy.deepcopy(released)
    for cell in completed.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = solutions[grade_id]
    return completed


def _cjk_chart_notebook() -> nbformat.NotebookNode:
    """A Chinese-labelled chart with cv.use_cjk_font(), then the same chart in a font without CJK glyphs.

    The second chart must warn about missing glyphs: it shows that such a warning would reach the
    page, so the absence of one under the first chart means something.
    """
    chart = (
        "fig, ax = plt.subplots(figsize=(5, 3))\n"
        "ax.bar(['满意客户', '不满意客户'], [52000, -78000])\n"
        "ax.set_title('口碑的价值 value of word of mouth')\n"
        "plt.show()"
    )
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\nimport customer_value as cv\n\n"
            f"print('CJK font:', cv.use_cjk_font())\n{chart}"
        ),
        nbformat.v4.new_code_cell("with plt.rc_context({'font.family': 'DejaVu Sans'}):\n    " + chart.replace("\n", "\n    ")),
    ]
    return notebook


def _course_tree(tree: Path) -> Path:
    """Copies of the notebooks under test (all lessons), laid out as in the repository, plus two made here."""
    shutil.copytree(ROOT / "course", tree / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "release" / ASSIGNMENT, tree / "release" / ASSIGNMENT)
    shutil.copy2(ROOT / "nbgrader_config.py", tree / "nbgrader_config.py")
    for path, notebook in ((COMPLETED, _completed_assignment()), (CJK_CHART, _cjk_chart_notebook())):
        (tree / path).parent.mkdir(parents=True)
        nbformat.write(notebook, tree / path)
    return tree


@pytest.fixture(scope="session")
def lab(tmp_path_factory, tool_env):
    """JupyterLab in the student view (as `make lab` and Binder start it) on a free port, no token."""
    missing = _missing_tools()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {missing}")
        pytest.skip(missing)
    tree = _course_tree(tmp_path_factory.mktemp("course-tree"))
    state = tmp_path_factory.mktemp("jupyter-state")
    env = dict(tool_env)
    env.update(
        JUPYTER_CONFIG_PATH=str(ROOT / "binder" / "jupyter-student"),
        JUPYTER_CONFIG_DIR=str(state / "config"),
        JUPYTER_DATA_DIR=str(state / "data"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(state / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        MPLCONFIGDIR=str(state / "matplotlib"),
    )
    port = servers.free_port()
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", "--IdentityProvider.token=", f"--ServerApp.root_dir={tree}",
        "--ServerApp.disable_check_xsrf=True",  # the tests shut kernels down over the REST API
        f"--FileCheckpoints.checkpoint_dir={state / 'checkpoints'}",  # absolute: out of the tree
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (state / "server.log").open("w")
    # cwd: nbgrader's Validate reads nbgrader_config.py from the server's working directory.
    process = subprocess.Popen(command, cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        servers.wait_until_answers(f"{base}/api/status", process, lambda: (state / "server.log").read_text())
        yield base
    finally:
        servers.stop(process)
        log.close()


@pytest.fixture(autouse=True)
def _kernels_shut_down_after_each_test(request):
    """Each test opens notebooks whose kernels outlive their tabs: shut them down, so they do not pile up."""
    yield
    if "lab" not in request.fixturenames:
        return
    base = request.getfixturevalue("lab")
    with urllib.request.urlopen(f"{base}/api/kernels", timeout=10) as response:
        kernels = json.loads(response.read())
    for kernel in kernels:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{kernel['id']}", method="DELETE"), timeout=30)


# --- the browser ------------------------------------------------------------------------------

def _system_has_cjk_font() -> bool:
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(listed.stdout.strip())


def _library_cjk_font(env: dict[str, str]) -> Path | None:
    """The font file the course library draws Chinese chart labels with, if it finds one."""
    code = (
        "import warnings\nwarnings.simplefilter('ignore')\nimport customer_value as cv\n"
        "from matplotlib import font_manager\nfamily = cv.use_cjk_font()\n"
        "print(font_manager.findfont(family, fallback_to_default=False) if family else '')"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    path = found.stdout.strip().splitlines()[-1] if found.stdout.strip() else ""
    return Path(path) if path and Path(path).is_file() else None


@pytest.fixture(scope="session")
def browser_env(tmp_path_factory, tool_env) -> dict[str, str]:
    """The browser's environment: with a fontconfig file adding the library's CJK font if the system has none."""
    env = dict(os.environ)
    if _system_has_cjk_font():
        return env
    font = _library_cjk_font(dict(tool_env, MPLCONFIGDIR=str(tmp_path_factory.mktemp("mpl"))))
    if font is None:
        reason = "no CJK font for the browser (Debian: apt-get install fonts-noto-cjk)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "fonts").mkdir()
    (folder / "fonts" / font.name).symlink_to(font)
    (folder / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f'  <dir>{folder / "fonts"}</dir>\n  <cachedir>{folder / "cache"}</cachedir>\n</fontconfig>\n'
    )
    env["FONTCONFIG_FILE"] = str(folder / "fonts.conf")
    return env


@pytest.fixture(scope="session")
def browser(lab, browser_env, playwright_session):
    chromium = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, env=browser_env
    )
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh page (own cookies and storage); its last state is saved as <test>-end.png."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        yield page
    finally:
        try:
            _screenshot(page, f"{request.node.name}-end")
        finally:
            context.close()


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def _open(page, lab: str, path: str):
    """Open a notebook alone (`?reset` drops tabs restored from earlier sessions); return its panel."""
    page.goto(f"{lab}/lab/tree/{path}?reset")
    panel = page.locator(PANEL)
    panel.locator(".jp-Notebook .jp-Cell").first.wait_for()
    return panel


def _run_all(page, panel) -> None:
    """Run → Run All Cells from the menu bar, then wait until every code cell has its count.

    Cells run before the session has its kernel are dropped, so first wait for a named, idle kernel.
    """
    toolbar = panel.locator(".jp-Toolbar")
    expect(toolbar.locator(".jp-Toolbar-kernelName")).to_contain_text("Python 3", timeout=60_000)
    expect(toolbar.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute("data-status", "idle", timeout=60_000)
    page.locator("#jp-menu-panel .lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    prompts = panel.locator(".jp-CodeCell .jp-InputPrompt")
    expect(prompts.first).to_have_text(re.compile(r"\[(\*|\d+)\]"), timeout=30_000)  # it started
    page.wait_for_function(
        """selector => {
            const prompts = [...document.querySelector(selector).querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(prompt => /\\[\\d+\\]/.test(prompt.textContent));
        }""",
        arg=PANEL, timeout=RUN_ALL_TIMEOUT_MS,
    )


def _loaded(image) -> bool:
    """The image has arrived and decodes (decode() rejects, failing the test, for a broken one)."""
    return image.evaluate("async img => { await img.decode(); return img.naturalWidth > 0; }")


def _no_errors(panel) -> None:
    errors = [text for text in panel.locator(STDERR).all_inner_texts() if "Error" in text or GLYPH_MISSING in text]
    assert not errors, f"errors or warnings in the outputs: {errors}"


# --- the tests --------------------------------------------------------------------------------

def test_lesson_runs_and_the_clv_calculator_reacts_to_its_slider(page, lab):
    panel = _open(page, lab, LESSON)
    _run_all(page, panel)
    panel.locator(".widget-slider").first.wait_for(state="attached")
    panel.locator(".jp-RenderedImage img").first.wait_for(state="attached")
    _no_errors(panel)
    charts = panel.locator(".jp-RenderedImage img")
    assert charts.count() >= 4, "the lesson draws at least four charts before the calculator"
    assert all(_loaded(charts.nth(i)) for i in range(charts.count())), "a chart image did not load"

    calculator = panel.locator(".jp-OutputArea-output").filter(has=page.locator(".widget-slider"))
    assert calculator.count() == 1, "one output holds the CLV calculator"
    assert calculator.locator(".widget-slider").count() == 7
    table, chart = calculator.locator("table").first, calculator.locator(".jp-RenderedImage img").first
    chart.wait_for(state="attached")
    assert _loaded(chart), "the calculator's value-stream chart did not load"
    calculator.scroll_into_view_if_needed()
    assert "26,000.00" in table.inner_text(), "narrow CLV at the KFC values: 50 × 52 × 10"
    _screenshot(page, "lesson03-calculator")

    spend = calculator.locator(".widget-slider").first  # 每次消费 spend / visit: 50, step 5
    readout = spend.locator(".widget-readout")
    before = readout.inner_text()
    spend.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, before]) => el.textContent.trim() !== before.trim()", arg=[readout.element_handle(), before])
    assert float(readout.inner_text()) == float(before) + 5
    # narrow CLV: 55 × 52 × 10. Watched on the calculator's output, which stays: the table element itself
    # may be replaced by the redraw, and a handle to the old one never changes.
    page.wait_for_function("el => el.innerText.includes('28,600.00')", arg=calculator.element_handle(), timeout=60_000)
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute("data-status", "idle")
    chart.wait_for(state="attached")  # then the chart below it
    assert _loaded(chart)
    _screenshot(page, "lesson03-slider-moved")

    assert page.get_by_text("Jupyter news").count() == 0, "the news notification is shown"


def test_course_css_is_served_to_the_student_view(lab):
    """binder/jupyter-student/custom/custom.css: whole Chinese words in tables, wrapped Validate messages."""
    with urllib.request.urlopen(f"{lab}/lab") as response:
        assert 'href="/custom/custom.css"' in response.read().decode(), "LabApp.custom_css is not on"
    with urllib.request.urlopen(f"{lab}/custom/custom.css") as response:
        css = response.read().decode()
    assert css == (ROOT / "binder" / "jupyter-student" / "custom" / "custom.css").read_text()


def test_news_notification_is_turned_off_by_the_course_settings(lab):
    with urllib.request.urlopen(f"{lab}/lab/api/settings/@jupyterlab/apputils-extension:notification") as response:
        settings = json.load(response)
    assert settings["schema"]["properties"]["fetchNews"]["default"] == "false", "the course's default: Never"
    assert "fetchNews" not in settings["settings"], "the test's own user settings are empty"


def _validate(page, panel) -> str:
    """Click nbgrader's Validate button in the notebook toolbar; return the verdict dialog's text."""
    panel.locator(".jp-Toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.get_by_text("Validation Results").wait_for(timeout=VALIDATE_TIMEOUT_MS)
    body = dialog.locator(".jp-Dialog-body")
    cut = body.evaluate(
        """body => [body, ...body.querySelectorAll('*')]
            .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
            .map(el => `${el.tagName.toLowerCase()} (${el.clientWidth}px shown of ${el.scrollWidth}px): `
                       + (el.innerText || '').trim().split('\\n').sort((a, b) => b.length - a.length)[0].slice(0, 200))"""
    )
    assert not cut, f"the Validate dialog cuts long lines off on the right instead of wrapping them: {cut}"
    return body.inner_text()


def test_validate_fails_an_untouched_release_notebook(page, lab):
    panel = _open(page, lab, RELEASED)
    verdict = _validate(page, panel)
    _screenshot(page, "release03-validate-untouched")
    assert "The following cell failed" in verdict, verdict[:2000]
    assert "NotImplementedError" in verdict, "the answer stubs raise NotImplementedError"
    assert "You did not provide a response" in verdict, "the written answer is still the stub"
    assert "Success!" not in verdict


def test_validate_passes_the_completed_assignment(page, lab):
    panel = _open(page, lab, COMPLETED)
    verdict = _validate(page, panel)
    _screenshot(page, "release03-validate-completed")
    assert "Success! Your notebook passes all the tests." in verdict, verdict[:2000]


def test_chinese_chart_labels_render_without_missing_glyphs(page, lab):
    panel = _open(page, lab, CJK_CHART)
    _run_all(page, panel)
    cjk, control = (panel.locator(".jp-CodeCell").nth(i).locator(".jp-OutputArea") for i in range(2))
    image = cjk.locator(".jp-RenderedImage img")
    image.wait_for(state="attached")
    assert _loaded(image)
    assert "CJK font: None" not in cjk.inner_text(), "no CJK font installed (Debian: fonts-noto-cjk)"
    assert GLYPH_MISSING not in cjk.inner_text()
    warnings = " ".join(control.locator(STDERR).all_inner_texts())  # the selector _no_errors reads
    assert GLYPH_MISSING in warnings, "the control chart (no CJK font) should warn about missing glyphs"
    cjk.scroll_into_view_if_needed()
    _screenshot(page, "cjk-chart")


# --- widgets and tables fit at the screen sizes students use --------------------------------------

# Every problem in one output: a control whose text is cut (its box narrower than its text: the
# label, readout, button or checkbox text is clipped or ends in "…"), a dropdown whose chosen option
# does not fit or shows blank, a table cell whose Chinese breaks inside a word (服装家/纺).
LAYOUT_PROBLEMS = r"""
output => {
    const problems = [];
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const text = el => (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ');
    const cut = el => el.scrollWidth > el.clientWidth + 1;
    const controls = output.querySelectorAll(
        '.widget-label, .widget-label-basic, .widget-label-basic span, .widget-readout, .widget-inline-hbox label, '
        + '.widget-toggle-buttons button, .widget-button, button.jupyter-button, .widget-html-content'
    );
    for (const el of controls) {
        if (!shown(el) || !text(el)) continue;
        if (cut(el)) problems.push(`truncated label '${text(el)}' (${el.clientWidth}px shown of ${el.scrollWidth}px)`);
    }
    const ruler = document.createElement('canvas').getContext('2d');
    for (const select of output.querySelectorAll('select')) {
        if (!shown(select)) continue;
        const label = select.closest('.widget-inline-hbox')?.querySelector('.widget-label');
        const name = label ? text(label) : (select.title || 'a dropdown');
        const chosen = select.selectedIndex >= 0 ? select.options[select.selectedIndex].text.trim() : '';
        if (!chosen) { problems.push(`blank select '${name}': no option shown`); continue; }
        const style = getComputedStyle(select);
        ruler.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const needed = ruler.measureText(chosen).width;
        if (needed > room + 1) problems.push(`truncated select '${name}' showing '${chosen}' (${Math.round(room)}px for ${Math.round(needed)}px)`);
    }
    const han = /\p{Script=Han}/u;
    const inWord = (a, b) => (han.test(a) && han.test(b)) || (/[A-Za-z0-9]/.test(a) && /[A-Za-z0-9]/.test(b));
    for (const cell of output.querySelectorAll('td, th')) {
        if (!shown(cell) || !han.test(cell.textContent)) continue;
        const whole = document.createRange();
        whole.selectNodeContents(cell);
        const tops = new Set([...whole.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size < 2) continue;  // on one line: nothing broken
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        let previous = null;  // [character, line top]
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect || !node.data[i].trim()) { previous = previous && [' ', previous[1]]; continue; }
                if (previous && rect.top > previous[1] + rect.height / 2 && inWord(previous[0], node.data[i])) {
                    problems.push(`table cell '${text(cell)}' breaks inside a word: '${previous[0]}|${node.data[i]}'`);
                    break;
                }
                previous = [node.data[i], rect.top];
            }
        }
    }
    return problems;
}
"""


NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _widgets_drawn(page, panel) -> None:
    """Wait until every widget output has its view and the kernel is idle (interactive outputs drawn)."""
    page.wait_for_function(
        """([panel, outputs]) => [...document.querySelector(panel).querySelectorAll(outputs)]
            .filter(output => output.classList.contains('lm-Panel'))  // a widget view's output
            .every(output => output.querySelector('.jupyter-widgets'))""",
        arg=[PANEL, CELL_OUTPUT], timeout=60_000,
    )
    expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute("data-status", "idle", timeout=60_000)
    page.wait_for_timeout(500)  # the last redraws of interactive outputs


# Its own xdist group (about 5 min of the file's 8): it runs beside the other browser tests, with a server of its own.
@pytest.mark.xdist_group("test_browser.py:widgets")
@pytest.mark.parametrize("lesson", WIDGET_LESSONS)
def test_lesson_widgets_and_tables_fit_on_laptop_and_small_screens(page, lab, lesson):
    """Run the lesson, then at each screen size check every widget output and table for cut-off text.

    One run serves both sizes: the page is resized and JupyterLab lays the outputs out again.
    Each widget output is screenshotted at each size: widgets-<lesson>-<width>x<height>-<n>.png.
    """
    panel = _open(page, lab, f"course/{lesson}")
    _run_all(page, panel)
    _widgets_drawn(page, panel)
    _no_errors(panel)
    views = panel.locator(WIDGET_VIEW)
    assert views.count() > 0, f"{lesson}: no widget was drawn"
    tables = panel.locator(f"{CELL_OUTPUT}:has(table):not(:has(.jupyter-widgets))")
    problems = []
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(1000)  # JupyterLab lays the panels out again
        for kind, outputs in (("widgets", views), ("table", tables)):
            for i in range(outputs.count()):
                output = outputs.nth(i)
                output.evaluate("output => output.scrollIntoView({block: 'start'})")
                page.evaluate(NEXT_FRAMES)  # drawn where it now is (JupyterLab skips cells out of view)
                problems += [f"{lesson} at {width}×{height}: {problem}" for problem in output.evaluate(LAYOUT_PROBLEMS)]
                if kind == "widgets":
                    _screenshot(page, f"widgets-{Path(lesson).stem}-{width}x{height}-{i + 1}")
    assert not problems, "\n".join(problems)


