"""What a student sees in a notebook: an unanswered question and a wrong self-check in one short line."""

from __future__ import annotations

import nbformat
import pytest

from customer_value.messages import unanswered_message
from kernels import notebook_client, with_fresh_kernel

pytestmark = pytest.mark.notebooks


def _run(cells: list[str]) -> list[list[dict]]:
    """The outputs of each cell of a notebook made of ``cells``, run top to bottom in a kernel."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with_fresh_kernel(notebook_client(nb, timeout=120, allow_errors=True, kernel_name="python3").execute)
    return [cell.outputs for cell in nb.cells]


@pytest.fixture(scope="module")
def outputs() -> list[list[dict]]:
    return _run([
        "import customer_value as cv",
        "# Tests for question 2\nassert customers_won > 0, 't2_word_of_mouth: customers_won must be positive'",
        "# Tests for question 3\nglobals()['value_won']",
        "# Tests for question 1\ncv.selfcheck.check(25000, 'q1_kfc_clv', 'f714b6491d7b95543d34')",
        "print(not_a_test_cell)",
        "# Tests for question 1\ncv.selfcheck.check(26000, 'q1_kfc_clv', 'f714b6491d7b95543d34')",
    ])


def _error(cell_outputs: list[dict]) -> dict:
    [error] = [out for out in cell_outputs if out["output_type"] == "error"]
    return error


def test_an_unanswered_question_names_the_question_in_one_line(outputs):
    error = _error(outputs[1])
    assert error["ename"] == "NameError", "still a NameError: Validate and the grader count the test as failed"
    assert error["traceback"] == [
        "NameError: q2: answer not found — did you run the cell above? (name 'customers_won' is not defined)"]
    assert _error(outputs[2])["traceback"] == [
        "KeyError: q3: answer not found — did you run the cell above? (name 'value_won' is not defined)"]


def test_a_wrong_self_check_shows_one_line_without_library_source(outputs):
    error = _error(outputs[3])
    assert len(error["traceback"]) == 1 and "selfcheck.py" not in error["traceback"][0]
    assert error["traceback"][0].startswith("SelfCheckFailed: Self-check q1_kfc_clv: not yet right")


def test_other_cells_keep_the_full_traceback(outputs):
    error = _error(outputs[4])
    assert error["ename"] == "NameError" and len(error["traceback"]) > 1
    assert "answer not found" not in "".join(error["traceback"])
    assert outputs[5][0]["text"] == "Self-check q1_kfc_clv: correct ✔\n"


@pytest.mark.parametrize("source, error, expected", [
    ("# Tests for question 4\nx", NameError("name 'gym_clv' is not defined"),
     "q4: answer not found — did you run the cell above? (name 'gym_clv' is not defined)"),
    ("x = 1\n# Tests for question 4", NameError("x"), None),
    ("# Tests for question 4\nx", ValueError("bad"), None),
])
def test_the_message_is_for_test_cells_only(source, error, expected):
    assert unanswered_message(source, error) == expected


@pytest.fixture(scope="module")
def outputs_zh() -> list[list[dict]]:
    """The same cells in a notebook of the zh-CN edition (its setup cell says cv.set_language("zh-CN"))."""
    return _run([
        "import customer_value as cv\ncv.set_language(\"zh-CN\")",
        "# Tests for question 2\nassert customers_won > 0",
        "# Tests for question 3\nglobals()['value_won']",
        "# Tests for question 1\ncv.selfcheck.check(25000, 'q1_kfc_clv', 'f714b6491d7b95543d34')",
        "# Tests for question 1\ncv.selfcheck.check(26000, 'q1_kfc_clv', 'f714b6491d7b95543d34')",
        "cv.set_language(\"en\")",
        "# Tests for question 2\nassert customers_won > 0",
    ])


def test_in_a_zh_notebook_the_messages_are_chinese(outputs_zh):
    error = _error(outputs_zh[1])
    assert error["ename"] == "NameError", "still a NameError: Validate and the grader count the test as failed"
    assert error["traceback"] == ["NameError: 第 2 题：找不到答案——是否运行了上面的单元格？（名称 'customers_won' 未定义）"]
    assert _error(outputs_zh[2])["traceback"] == ["KeyError: 第 3 题：找不到答案——是否运行了上面的单元格？（名称 'value_won' 未定义）"]
    wrong = _error(outputs_zh[3])
    assert wrong["ename"] == "SelfCheckFailed" and len(wrong["traceback"]) == 1
    assert wrong["traceback"][0].startswith("SelfCheckFailed: 自我检查 q1_kfc_clv：还不对。")
    assert outputs_zh[4][0]["text"] == "自我检查 q1_kfc_clv：正确 ✔\n"
    assert _error(outputs_zh[6])["traceback"] == [
        "NameError: q2: answer not found — did you run the cell above? (name 'customers_won' is not defined)"]
