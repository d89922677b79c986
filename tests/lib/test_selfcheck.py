"""The self-check digests: a right value passes whatever its type, a wrong one fails."""

import numpy as np
import pandas as pd
import pytest

import customer_value as cv
from customer_value.selfcheck import answer_digest, check, is_correct, main


def test_right_values_pass_in_any_numeric_form(capsys):
    digest = answer_digest(26000, "q1_kfc_clv")
    for value in (26000, 26000.0, np.float64(26000.000001), np.int64(26000), 26000.004):
        check(value, "q1_kfc_clv", digest)
    assert "correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong", [24000, 26000.01, 25999.99, -26000, float("nan"), "26000 yuan", None])
def test_wrong_values_fail(wrong):
    digest = answer_digest(26000, "q1_kfc_clv")
    with pytest.raises(AssertionError, match="q1_kfc_clv: not yet right"):
        check(wrong, "q1_kfc_clv", digest)


def test_digest_depends_on_the_question():
    assert answer_digest(1, "q1") != answer_digest(1, "q2")
    assert not is_correct(1, "q2", answer_digest(1, "q1"))


def test_the_digest_does_not_contain_the_value():
    digest = answer_digest(26000, "q1_kfc_clv")
    assert "26000" not in digest and len(digest) == 20


def test_sequences_and_frames():
    grid = cv.margin_multiple([0.6, 0.7], [0.1, 0.12])
    digest = answer_digest(grid, "q5")
    assert is_correct(pd.DataFrame(grid, index=[0.6, 0.7], columns=[0.1, 0.12]).to_numpy(), "q5", digest)
    assert is_correct(grid.tolist(), "q5", digest)
    assert not is_correct(grid.T, "q5", digest)
    assert is_correct([1, 2.0, np.float32(3)], "q2", answer_digest([1, 2, 3], "q2"))
    assert not is_correct([1, 2], "q2", answer_digest([1, 2, 3], "q2"))


def test_negative_zero_rounds_like_zero():
    assert is_correct(-0.001, "q", answer_digest(0, "q"))


def test_command_line_prints_the_digest(capsys):
    main(["q1_kfc_clv", "26000"])
    assert capsys.readouterr().out.strip() == answer_digest(26000, "q1_kfc_clv")
    main(["q2", "1", "2"])
    assert capsys.readouterr().out.strip() == answer_digest([1.0, 2.0], "q2")
