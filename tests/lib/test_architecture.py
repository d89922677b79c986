"""The layering of docs/architecture.md, enforced: what may import what, and heavy imports stay lazy.

Layers: content and data (``_content``, ``content/*.json``, ``i18n`` and its catalogs, ``datasets``, ``simulate``,
``industries``) → computation (``_validation``, ``transactions``, ``clv``, ``cohort``, ``rfm``,
``tiers``, ``evaluation``, ``survey``, ``btyd``, ``personality``, ``communication``,
``glossary``) → notebook face (``plotting``, ``widgets``, ``cjk``, ``messages``, ``selfcheck``);
``grading`` apart. Imports are read from the source (every ``import``, also inside functions).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import customer_value

PACKAGE = Path(customer_value.__file__).resolve().parent
FACE = {"plotting", "widgets", "cjk", "messages", "selfcheck", "quiz"}
DATA = {"_content", "datasets", "simulate", "industries", "i18n"}
COMPUTATION = {
    "_validation", "transactions", "clv", "cohort", "rfm", "tiers", "evaluation", "survey", "btyd",
    "personality", "communication", "glossary",
}
HEAVY = ("matplotlib", "ipywidgets", "scipy.optimize", "IPython", "nbformat", "nbgrader")


def _module_of(path: Path) -> str:
    """The top-level module of the package a file belongs to ("btyd" for btyd/_mle.py)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> set[str]:
    """Absolute names of everything a file imports: 'customer_value.plotting', 'matplotlib.pyplot', …"""
    package_parts = ["customer_value", *path.relative_to(PACKAGE).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                found.add(node.module)
                continue
            base = package_parts[: len(package_parts) - node.level + 1]
            if node.module:  # from .x import y, from ..x import y
                found.add(".".join([*base, node.module]))
            else:  # from . import x
                found.update(".".join([*base, alias.name]) for alias in node.names)
    return found


def _library_imports(path: Path) -> set[str]:
    """Top-level modules of customer_value a file imports."""
    return {name.split(".")[1] for name in _imports(path) if name.startswith("customer_value.") and name.count(".") >= 1}


FILES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_is_in_one_layer():
    modules = {_module_of(p) for p in FILES} - {"__init__", "__main__"}
    assert modules == FACE | DATA | COMPUTATION | {"grading"}, "add a new module to a layer here and in docs/architecture.md"


@pytest.mark.parametrize("path", [p for p in FILES if _module_of(p) in COMPUTATION | DATA], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_computation_and_data_never_import_the_notebook_face_or_grading(path):
    wrong = _library_imports(path) & (FACE | {"grading"})
    assert not wrong, f"{path.name} imports {sorted(wrong)}: computation returns numbers and tables; plotting and widgets show them"
    heavy = {name for name in _imports(path) if name.split(".")[0] in ("matplotlib", "ipywidgets", "IPython", "nbformat", "nbgrader")}
    assert not heavy, f"{path.name} imports {sorted(heavy)}, a notebook-face or grading dependency"


@pytest.mark.parametrize("path", [p for p in FILES if _module_of(p) in COMPUTATION], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_computation_never_imports_the_generator(path):
    # data flows one way: simulated firms feed lessons through datasets and loaders, never back
    assert not _library_imports(path) & {"simulate", "industries"}


@pytest.mark.parametrize("path", [p for p in FILES if _module_of(p) != "grading"], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_outside_grading_imports_grading(path):
    assert "grading" not in _library_imports(path)


@pytest.mark.parametrize("path", [p for p in FILES if _module_of(p) in COMPUTATION | DATA - {"_content"}], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_content_is_read_only_through_the_content_layer(path):
    # course content lives in content/*.json and is read, checked against its schema, by _content.load
    assert "json" not in _imports(path) and "CONTENT_DIR" not in path.read_text(encoding="utf-8")


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return {name for name in out if any(name == heavy or name.startswith(heavy + ".") for heavy in HEAVY)}


def test_import_customer_value_loads_no_heavy_module():
    assert _loaded_after("import customer_value") == set()


def test_computation_modules_load_no_heavy_module():
    # every computation and data module imported: still no optimiser, no plotting, no widgets
    names = ", ".join(sorted(COMPUTATION | DATA))
    assert _loaded_after(f"from customer_value import {names}") == set()


def test_fitting_loads_the_optimiser_but_not_the_face():
    loaded = _loaded_after(
        "import customer_value as cv\n"
        "s = cv.load_cdnow_summary()\n"
        "cv.BetaGeoModel().fit(s['frequency'], s['recency'], s['T'])"
    )
    assert loaded == {"scipy.optimize"} | {n for n in loaded if n.startswith("scipy.optimize.")}
