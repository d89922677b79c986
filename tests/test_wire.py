"""customer_value.grading.wire and checker.free_names: answers travel as plain data, rebuilt as genuine objects."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest

from customer_value.grading import wire
from customer_value.grading.checker import free_names


def _trip(value):
    return wire.decode(wire.loads(wire.dumps(wire.encode(value))))


@pytest.mark.parametrize("value", [
    0, -3, 2**70, 1.5, float("inf"), "text", None, True, [1, "a", [2.5]], (1, 2), {"a": 1, 2: [3]}, {1, 2}, 3 + 4j, range(1, 9, 2),
])
def test_plain_values_come_back_equal_and_of_the_same_type(value):
    back = _trip(value)
    assert back == value and type(back) is type(value)


def test_nan_comes_back_as_a_float_nan():
    back = _trip(float("nan"))
    assert type(back) is float and back != back


def test_numpy_and_pandas_come_back_equal():
    array = np.arange(12, dtype=np.int32).reshape(3, 4)
    assert (back := _trip(array)).dtype == np.int32 and (back == array).all()
    assert _trip(np.float64(2.5)) == 2.5 and isinstance(_trip(np.float64(2.5)), np.float64)
    assert (_trip(np.array(["a", "b"])) == np.array(["a", "b"])).all()
    frame = pd.DataFrame({"x": [1.0, 2.0], "when": pd.to_datetime(["2024-01-01", "2024-02-01"]), "tier": pd.Categorical(["A", "B"]),
                          "name": ["p", None]}, index=pd.Index([10, 20], name="customer_id"))
    pd.testing.assert_frame_equal(_trip(frame), frame)
    series = pd.Series([1, 2], index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", "n"]), name="s")
    pd.testing.assert_series_equal(_trip(series), series)


def test_subclasses_lose_their_behaviour():
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

    back = _trip(AlwaysEqual(1.0))
    assert type(back) is float and back != 26000

    class Sneaky(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    assert type(_trip(Sneaky("x"))) is str and _trip(Sneaky("x")) != "y"


def test_objects_cannot_travel():
    with pytest.raises(wire.WireError, match="cannot be checked"):
        wire.encode(object())


@pytest.mark.parametrize("dtype", ["O", "i8,O", "V8", "[('a', 'O')]"])
def test_object_or_structured_dtypes_are_refused(dtype):
    data = {"ndarray": {"dtype": dtype, "shape": [1], "b64": base64.b64encode(b"\0" * 16).decode()}}
    with pytest.raises((wire.WireError, TypeError, ValueError)):
        wire.decode(data)


def test_bytes_that_do_not_match_the_shape_are_refused():
    data = {"ndarray": {"dtype": "<f8", "shape": [4], "b64": base64.b64encode(b"\0" * 8).decode()}}
    with pytest.raises(wire.WireError, match="shape"):
        wire.decode(data)


def test_unknown_tags_and_functions_without_a_proxy_are_refused():
    with pytest.raises(wire.WireError):
        wire.decode({"pickle": "gASVAAAA"})
    with pytest.raises(wire.WireError):
        wire.decode({"function": "f"})
    assert wire.decode({"function": "f"}, function=lambda name: f"proxy {name}") == "proxy f"
    assert wire.decode({"unsupported": "a socket"}) != 0


def test_too_large_data_is_refused(monkeypatch):
    monkeypatch.setattr(wire, "MAX_BYTES", 100)
    with pytest.raises(wire.WireError, match="limit"):
        wire.dumps(wire.encode(list(range(100))))
    with pytest.raises(wire.WireError):
        wire.loads(json.dumps(list(range(100))))


def test_free_names_are_the_answers_a_test_cell_reads():
    source = (
        "# Tests for question 1\n"
        "for name in ['total_a', 'total_b']:\n"
        "    assert isinstance(globals()[name], float)\n"
        "value = break_even_cost(80, 0.7)\n"
        "assert abs(value - np.pi) < math.e, cv.selfcheck.check(summary['x'].sum(), 'q1', 'abc')\n"
        "### BEGIN HIDDEN TESTS\n"
        "def reference(m):\n    return m\n"
        "assert reference(hidden_only) == 'frequency'\n"
        "### END HIDDEN TESTS\n"
    )
    visible = source.split("### BEGIN")[0]
    assert free_names(source, visible) == ["abc", "break_even_cost", "hidden_only", "q1", "summary", "total_a", "total_b", "x"]
    assert "frequency" not in free_names(source, visible)  # strings of the hidden part stay out


def test_checker_process_decides_on_rebuilt_answers_and_stops_a_runaway_check():
    from customer_value.grading.checker import Worker

    worker = Worker()
    calls = []

    def kernel(name, arguments):  # stands for the student's kernel
        calls.append((name, arguments))
        return {"result": 2 * wire.decode(wire.loads(arguments))[0][0]}

    try:
        passed = worker.check("t1", "assert double(21) == 42\nassert abs(x - 2) < 1e-9 and type(x) is float\nprint('fine')",
                              wire.dumps({"x": wire.encode(2.0), "double": {"function": "double"}}), kernel, 30)
        assert passed.passed and passed.stdout == "fine\n" and calls and calls[0][0] == "double"
        missing = worker.check("t2", "# Tests for question 2\nassert y > 0", "{}", kernel, 30)
        assert not missing.passed and missing.evalue.startswith("q2: answer not found")
        runaway = worker.check("t3", "while True:\n    pass", "{}", kernel, 1)
        assert not runaway.passed and runaway.ename == "CheckTimeout"
        assert worker.check("t4", "assert math.pi > 3 and cv and np and pd", "{}", kernel, 30).passed  # restarted
    finally:
        worker.stop()
