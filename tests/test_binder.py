"""The Binder (repo2docker) configuration and the student view of JupyterLab."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"


def _pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["course"]
    return {Requirement(text).name.lower(): Requirement(text) for text in listed}


def _binder_pins() -> dict[str, str]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][^\s]*)", line)
            assert match, f"binder/requirements.txt: pin every line exactly (name==version), got {line!r}"
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_binder_pins_every_runtime_dependency_within_pyproject_ranges():
    wanted, pins = _pyproject_requirements(), _binder_pins()
    assert set(wanted) <= set(pins), f"not pinned for Binder: {sorted(set(wanted) - set(pins))}"
    for name, requirement in wanted.items():
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside pyproject's {requirement}"


def test_python_version_is_pinned_and_supported():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert match and int(match.group(1)) >= 10


def test_binder_needs_no_apt_package():
    # The Chinese font ships inside the package (customer_value/fonts), so Binder installs nothing with apt.
    assert not (BINDER / "apt.txt").exists()


def test_postbuild_installs_the_package_and_start_selects_the_student_view():
    post_build = (BINDER / "postBuild").read_text()
    assert "pip install" in post_build and "-e ." in post_build
    start = (BINDER / "start").read_text()
    assert "JUPYTER_CONFIG_PATH" in start and "binder/jupyter-student" in start and 'exec "$@"' in start
    assert "binder/jupyter-selfstudy" in start, "Binder has no exchange: the self-study layer hides the Assignment List"
    assert "tools/workspace.py\" prepare" in start and 'cd "$repo/workspace"' in start, "Binder serves the workspace"
    for script in ("postBuild", "start"):
        assert (BINDER / script).stat().st_mode & 0o111, f"binder/{script} must be executable"


def test_student_view_hides_instructor_panels_and_cell_toolbar():
    page = json.loads((BINDER / "jupyter-student" / "labconfig" / "page_config.json").read_text())
    disabled = {name for name, off in page["disabledExtensions"].items() if off}
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment", "@jupyterlab/cell-toolbar-extension"} <= disabled
    assert not any("validate" in name or "assignment-list" in name for name in disabled), "students keep Validate"
    server = json.loads((BINDER / "jupyter-student" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False


def test_self_study_view_hides_the_assignment_list_only():
    layer = BINDER / "jupyter-selfstudy"
    page = json.loads((layer / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"] == {"@jupyter/nbgrader:assignment-list": True}
    server = json.loads((layer / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"nbgrader.server_extensions.assignment_list": False}


def test_readme_documents_the_launch_url():
    readme = (ROOT / "README.md").read_text()
    assert "urlpath=lab/tree/course/00_getting_started.ipynb" in readme
    assert readme.index("make lab") < readme.index("## ") and readme.index("make test") < readme.index("## ")


def test_importing_nbformat_does_not_build_the_iri_grammar():
    # binder/requirements.txt pins jsonschema below 4.25, whose rfc3987-syntax costs ~2 s per process start
    code = "import sys, nbformat, jupyter_events.validators; print('rfc3987_syntax' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False", "jsonschema imports rfc3987_syntax: keep jsonschema==4.24.1 pinned"
