"""Answers as plain data: what travels between a student's kernel and the trusted checker.

The kernel side (:func:`publish`, :func:`call`) runs inside the student's kernel: it turns the
answer names a test cell uses into JSON (numbers, strings, containers, numpy arrays as raw bytes of
a numeric dtype, pandas Series/Index/DataFrame) and displays it under :data:`MIME`. Functions stay
in the kernel; the checker calls them through :func:`call` with plain-data arguments.

The checker side (:func:`decode`) rebuilds genuine ``int``/``float``/``str``/``list``/``dict``,
``numpy.ndarray`` and pandas objects from that JSON: never ``pickle``, ``eval`` or a class chosen by
the student (an object dtype, a subclass or an always-equal ``__eq__`` does not survive the trip).
Whatever the kernel sends is only data the student could have computed honestly.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Any, Callable

MIME = "application/x-customer-value-answers+json"
MAX_BYTES = 64 * 1024 * 1024  # one export or one call result, JSON characters
MAX_DEPTH = 32
_NUMERIC_KINDS = "biufcmM"  # bool, int, uint, float, complex, timedelta, datetime


class WireError(ValueError):
    """The data cannot be encoded or rebuilt (too deep, too big, an unsupported object)."""


# ---------------------------------------------------------------- encoding (both sides)

def encode(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON-ready data; containers and non-JSON scalars become one-key tagged dicts."""
    if depth > MAX_DEPTH:
        raise WireError("nested too deeply")
    if value is None or type(value) is bool or type(value) is str:
        return value
    if type(value).__module__.split(".")[0] == "numpy":  # before float: numpy.float64 subclasses it
        return _encode_numpy(value, depth)
    if isinstance(value, int):
        number = int.__index__(value)
        return number if abs(number) < 2**53 else {"int": str(number)}
    if isinstance(value, float):
        number = float.__float__(value)
        return number if math.isfinite(number) else {"float": repr(number)}
    if isinstance(value, str):
        return {"str": str.__str__(value)}
    if isinstance(value, complex):
        return {"complex": [complex.__complex__(value).real, complex.__complex__(value).imag]}
    if isinstance(value, range):
        return {"range": [value.start, value.stop, value.step]}
    if isinstance(value, (list, tuple, set, frozenset)):
        tag = "list" if isinstance(value, list) else "tuple" if isinstance(value, tuple) else "set"
        if tag == "tuple" and hasattr(value, "_fields"):  # a named tuple: fields by name
            return {"namedtuple": [list(map(str, value._fields)), [encode(v, depth + 1) for v in tuple.__iter__(value)]]}
        items = list(value) if tag != "set" else sorted(value, key=repr)
        return {tag: [encode(v, depth + 1) for v in items]}
    if isinstance(value, dict):
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in dict.items(value)]}
    module = type(value).__module__.split(".")[0]
    if module == "pandas":
        return _encode_pandas(value, depth)
    if module == "datetime":
        return {"datetime": [type(value).__name__, value.isoformat()]}
    raise WireError(f"an object of type {type(value).__name__} cannot be checked (use numbers, strings, lists, dicts, numpy or pandas)")


def _encode_numpy(value: Any, depth: int) -> Any:
    import numpy as np

    if isinstance(value, np.generic):
        value = np.asarray(value)
        scalar = True
    elif isinstance(value, np.ndarray):
        scalar = False
    else:
        raise WireError(f"numpy object {type(value).__name__} cannot be checked")
    array = np.asarray(value)
    if array.dtype.kind in _NUMERIC_KINDS and array.dtype.fields is None:
        payload = {"dtype": array.dtype.str, "shape": list(array.shape), "b64": base64.b64encode(array.tobytes(order="C")).decode()}
    else:  # strings, objects: element by element
        payload = {"dtype": "object", "shape": list(array.shape), "items": [encode(v, depth + 1) for v in array.ravel().tolist()]}
    return {"npscalar" if scalar else "ndarray": payload}


def _encode_pandas(value: Any, depth: int) -> Any:
    import numpy as np
    import pandas as pd

    def column(values) -> dict:
        dtype = str(values.dtype)
        data = np.asarray(values) if values.dtype.kind in _NUMERIC_KINDS and isinstance(values.dtype, np.dtype) else np.asarray(values, dtype=object)
        return {"dtype": dtype, "values": _encode_numpy(data, depth + 1)}

    if isinstance(value, pd.MultiIndex):
        return {"multiindex": {"tuples": [encode(tuple(t), depth + 1) for t in value.tolist()], "names": [encode(n, depth + 1) for n in value.names]}}
    if isinstance(value, pd.Index):
        return {"index": {**column(value), "name": encode(value.name, depth + 1)}}
    if isinstance(value, pd.Series):
        return {"series": {**column(value), "index": encode(value.index, depth + 1), "name": encode(value.name, depth + 1)}}
    if isinstance(value, pd.DataFrame):
        return {"frame": {"columns": encode(value.columns, depth + 1), "index": encode(value.index, depth + 1),
                          "data": [column(value.iloc[:, i]) for i in range(value.shape[1])]}}
    if isinstance(value, pd.Timestamp):
        return {"timestamp": value.isoformat()}
    if isinstance(value, pd.Timedelta):
        return {"timedelta": int(value.value)}
    if value is pd.NA or value is pd.NaT:
        return {"na": "NaT" if value is pd.NaT else "NA"}
    raise WireError(f"pandas object {type(value).__name__} cannot be checked")


def dumps(data: Any) -> str:
    text = json.dumps(data, allow_nan=False, ensure_ascii=True)
    if len(text) > MAX_BYTES:
        raise WireError(f"answer data of {len(text):,} characters is over the {MAX_BYTES:,} limit")
    return text


# ---------------------------------------------------------------- decoding (checker side)

class Unsupported:
    """Stands for an answer that could not be exported: it equals nothing and is no number."""

    def __init__(self, why: str):
        self.why = why

    def __repr__(self) -> str:
        return f"<answer that cannot be checked: {self.why}>"

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__


def loads(text: str) -> Any:
    if len(text) > MAX_BYTES:
        raise WireError("answer data too large")
    return json.loads(text)


def decode(data: Any, function: Callable[[str], Any] | None = None, depth: int = 0) -> Any:
    """Rebuild genuine Python/numpy/pandas objects from :func:`encode`'s data (or the kernel's
    export: ``{"function": name}`` becomes ``function(name)``, ``{"unsupported": why}`` an
    :class:`Unsupported`)."""
    if depth > MAX_DEPTH + 4:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):  # never produced by encode
        raise WireError("untagged list")
    if not isinstance(data, dict) or len(data) != 1:
        raise WireError("malformed answer data")
    (tag, body), = data.items()
    sub = lambda d: decode(d, function, depth + 1)  # noqa: E731
    if tag == "int":
        return int(str(body)[:5000])
    if tag == "float":
        return float(str(body)) if str(body) in ("nan", "inf", "-inf") else _bad(tag)
    if tag == "str":
        return str(body)
    if tag == "complex":
        return complex(float(body[0]), float(body[1]))
    if tag == "range":
        return range(*(int(v) for v in body[:3]))
    if tag in ("list", "tuple", "set"):
        items = [sub(v) for v in _list(body)]
        return {"list": list, "tuple": tuple, "set": set}[tag](items)
    if tag == "namedtuple":
        import collections

        fields, values = _list(body)
        names = [str(f) for f in _list(fields)]
        return collections.namedtuple("Answer", names, rename=True)(*[sub(v) for v in _list(values)])
    if tag == "dict":
        return {sub(k): sub(v) for k, v in (_list(pair) for pair in _list(body))}
    if tag in ("npscalar", "ndarray"):
        array = _decode_array(body, sub)
        return array[()] if tag == "npscalar" else array
    if tag in ("index", "multiindex", "series", "frame", "timestamp", "timedelta", "na"):
        return _decode_pandas(tag, body, sub)
    if tag == "datetime":
        import datetime

        kind, text = _list(body)
        if kind not in ("date", "datetime", "time"):
            return _bad(tag)
        return getattr(datetime, kind).fromisoformat(str(text))
    if tag == "function":
        if function is None:
            raise WireError("a function cannot travel here")
        return function(str(body))
    if tag == "unsupported":
        return Unsupported(str(body)[:300])
    return _bad(tag)


def _bad(tag: str):
    raise WireError(f"malformed answer data ({tag!r})")


def _list(body: Any) -> list:
    if not isinstance(body, list):
        raise WireError("malformed answer data")
    return body


def _decode_array(body: dict, sub: Callable) -> Any:
    import numpy as np

    shape = tuple(int(n) for n in _list(body["shape"]))
    if any(n < 0 for n in shape):
        raise WireError("negative shape")
    count = math.prod(shape)
    if body.get("dtype") == "object":
        items = [sub(v) for v in _list(body["items"])]
        if len(items) != count:
            raise WireError("array size does not match its shape")
        array = np.empty(count, dtype=object)
        array[:] = items if items else []
        if items and all(isinstance(v, str) for v in items):
            array = array.astype(str)
        return array.reshape(shape)
    dtype = np.dtype(str(body["dtype"]))
    if dtype.kind not in _NUMERIC_KINDS or dtype.hasobject or dtype.fields is not None or dtype.subdtype is not None:
        raise WireError(f"dtype {dtype} is not allowed")
    raw = base64.b64decode(str(body["b64"]), validate=True)
    if len(raw) != count * dtype.itemsize:
        raise WireError("array bytes do not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def _decode_pandas(tag: str, body: Any, sub: Callable) -> Any:
    import pandas as pd

    def values(column: dict):
        data = _decode_array(column["values"]["ndarray"] if "ndarray" in column["values"] else _bad("values"), sub)
        dtype = str(column.get("dtype", ""))
        if dtype and dtype != str(data.dtype):
            try:
                return pd.array(data, dtype=pd.api.types.pandas_dtype(dtype))
            except (TypeError, ValueError):
                return data
        return data

    if tag == "timestamp":
        return pd.Timestamp(str(body))
    if tag == "timedelta":
        return pd.Timedelta(int(body))
    if tag == "na":
        return pd.NaT if body == "NaT" else pd.NA
    if tag == "index":
        return pd.Index(values(body), name=sub(body.get("name")), tupleize_cols=False)
    if tag == "multiindex":
        return pd.MultiIndex.from_tuples([sub(t) for t in _list(body["tuples"])], names=[sub(n) for n in _list(body["names"])])
    if tag == "series":
        index = sub(body["index"])
        return pd.Series(values(body), index=index if isinstance(index, pd.Index) else _bad(tag), name=sub(body.get("name")))
    if tag == "frame":
        index, columns = sub(body["index"]), sub(body["columns"])
        if not isinstance(index, pd.Index) or not isinstance(columns, pd.Index):
            return _bad(tag)
        data = [values(c) for c in _list(body["data"])]
        if len(data) != len(columns):
            return _bad(tag)
        frame = pd.DataFrame({i: pd.Series(v, index=index) if len(v) == len(index) else _bad(tag) for i, v in enumerate(data)}, index=index)
        frame.columns = columns
        return frame
    return _bad(tag)


# ---------------------------------------------------------------- kernel side

_FUNCTIONS: dict[str, Any] = {}


def _export(value: Any) -> Any:
    if callable(value) and not isinstance(value, type) and type(value).__module__ not in ("numpy", "pandas"):
        return None  # marked as a function by the caller
    try:
        return encode(value)
    except (WireError, RecursionError, TypeError, ValueError, AttributeError) as error:
        return {"unsupported": str(error)[:300]}


def publish(namespace: dict, names: list[str]) -> None:
    """Display the answers ``names`` of ``namespace`` (the kernel's globals) as :data:`MIME` data.

    Missing names are left out; functions are kept here for :func:`call` and sent as their name.
    """
    from IPython.display import display

    answers = {}
    for name in names:
        if name not in namespace:
            continue
        value = namespace[name]
        exported = _export(value)
        if exported is None:
            _FUNCTIONS[name] = value
            exported = {"function": name}
        answers[name] = exported
    try:
        text = dumps(answers)
    except WireError as error:
        text = dumps({name: {"unsupported": str(error)} for name in answers})
    display({MIME: text}, raw=True)


def call(name: str, arguments: str) -> None:
    """Call the function answer ``name`` (as published) with JSON ``[args, kwargs]``; display the
    result, or the exception's name and message, as :data:`MIME` data."""
    from IPython.display import display

    args, kwargs = decode(loads(arguments))
    try:
        result = {"result": encode(_FUNCTIONS[name](*args, **kwargs))}
    except Exception as error:  # the student's function failed: the checker re-raises it
        result = {"raised": [type(error).__name__, str(error)[:2000]]}
    try:
        text = dumps(result)
    except WireError as error:
        text = dumps({"raised": ["TypeError", str(error)]})
    display({MIME: text}, raw=True)
