"""The Chinese student view in a real browser (`make lab-zh`, headless Debian chromium + playwright):
the menus are Chinese, the zh getting-started lesson runs clean with a Chinese chart, the zh CLV
calculator reacts to a slider, and Validate passes a completed zh assignment.

Screenshots go to $BROWSER_ARTIFACTS or tests/artifacts/ (zh-*.png). Skipped with the reason where
chromium or playwright is missing (a failure in CI), like tests/test_browser.py, whose browser
environment (a CJK font for the page) this reuses.
"""

from __future__ import annotations

import os
import re

import pytest

import nbformat

from test_browser import (  # noqa: F401
    ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, GLYPH_MISSING, STDERR, _completed_assignment, _missing_tools, _validate, browser_env,
)
from test_lab_zh import lab  # noqa: F401  (the make lab-zh fixture)

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    expect = sync_playwright = None

pytestmark = pytest.mark.browser
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
LESSON = "course/zh-CN/00_getting_started.ipynb"
CALCULATOR_LESSON = "course/zh-CN/03_clv_basics.ipynb"
ASSIGNMENT, NOTEBOOK = "03_clv_basics_zh-CN", "03_clv_basics.ipynb"


@pytest.fixture(scope="module")
def page(lab, browser_env, request):  # noqa: F811
    reason = _missing_tools()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    playwright = request.getfixturevalue("playwright_session")
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
                                          env=browser_env)
    try:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(60_000)
        yield context.new_page()
    finally:
        chromium.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _open(page, lab, path: str):
    page.goto(f"{lab.base}/lab/tree/{path}?token={lab.token}&reset")
    panel = page.locator(PANEL)
    panel.locator(".jp-Notebook .jp-Cell").first.wait_for()
    return panel


def _run_all(page, panel) -> None:
    """Run all cells through the Chinese menu (运行 → 运行所有单元格) and wait until every cell has run."""
    toolbar = panel.locator(".jp-Toolbar")  # cells run before the session has its kernel are dropped
    expect(toolbar.locator(".jp-Toolbar-kernelName")).to_contain_text("Python 3", timeout=120_000)
    expect(toolbar.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute("data-status", "idle", timeout=120_000)
    page.locator("#jp-menu-panel .lm-MenuBar-itemLabel", has_text=re.compile(r"^运行$")).click()
    page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile(r"^运行所有单元格$")).click()
    page.wait_for_function(
        """selector => {
            const prompts = [...document.querySelector(selector).querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(prompt => /\\[\\d+\\]/.test(prompt.textContent));
        }""",
        arg=PANEL, timeout=180_000,
    )


def test_zh_view_has_chinese_menus_and_the_zh_lesson_runs_clean_with_a_chinese_chart(page, lab):  # noqa: F811
    panel = _open(page, lab, LESSON)
    menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
    assert {"文件", "编辑", "查看", "运行", "内核", "设置", "帮助"} <= set(menus), menus
    expect(panel.locator(".jp-Cell").first).to_contain_text("入门")
    _shot(page, "zh-lab-lesson00")

    _run_all(page, panel)
    errors = [t for t in panel.locator(STDERR).all_inner_texts() if "Error" in t or GLYPH_MISSING in t]
    assert not errors, errors
    chart = panel.locator(".jp-OutputArea-output img").last
    chart.scroll_into_view_if_needed()
    assert chart.evaluate("async img => { await img.decode(); return img.naturalWidth > 0; }")
    _shot(page, "zh-lab-lesson00-chart")


def test_zh_calculator_speaks_chinese_and_reacts_to_its_slider(page, lab):  # noqa: F811
    panel = _open(page, lab, CALCULATOR_LESSON)
    _run_all(page, panel)
    errors = [t for t in panel.locator(STDERR).all_inner_texts() if "Error" in t or GLYPH_MISSING in t]
    assert not errors, errors
    calculator = panel.locator(".jp-OutputArea-output").filter(has=page.locator(".widget-slider"))
    assert calculator.count() == 1, "one output holds the CLV calculator"
    # a checkbox's text is its .widget-label-basic; its .widget-label holds only a zero-width space
    labels = [label for label in calculator.locator(".widget-label, .widget-label-basic").all_inner_texts()
              if label.strip("\u200b \n")]
    assert len(labels) == 8 and all(re.search(r"[\u4e00-\u9fff]", label) for label in labels), labels
    table = calculator.locator("table").first
    calculator.scroll_into_view_if_needed()
    assert "26,000.00" in table.inner_text(), "narrow CLV at the KFC values: 50 × 52 × 10"
    _shot(page, "zh-lesson03-calculator")
    spend = calculator.locator(".widget-slider").first  # spend per visit: 50, step 5
    readout = spend.locator(".widget-readout")
    before = readout.inner_text()
    spend.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, before]) => el.textContent.trim() !== before.trim()", arg=[readout.element_handle(), before])
    # on the calculator's output, which stays (the redraw may replace the table element): see test_browser.py
    page.wait_for_function("el => el.innerText.includes('28,600.00')", arg=calculator.element_handle(), timeout=60_000)
    _shot(page, "zh-lesson03-slider-moved")


def test_validate_passes_a_completed_zh_assignment(page, lab):  # noqa: F811
    completed = lab.workspace / "completed" / ASSIGNMENT / NOTEBOOK
    completed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(_completed_assignment(ASSIGNMENT, NOTEBOOK), completed)
    page.goto(f"{lab.base}/lab/tree/completed/{ASSIGNMENT}/{NOTEBOOK}?token={lab.token}&reset")
    panel = page.locator(PANEL)
    panel.locator(".jp-Notebook .jp-Cell").first.wait_for()
    verdict = _validate(page, panel)
    _shot(page, "zh-release03-validate-completed")
    assert "Success! Your notebook passes all the tests." in verdict, verdict[:2000]
