"""The capstone assignment (module 11) runs for every industry a student may choose.

Moved out of tests/lib (which never executes notebooks): the instructor version of
source/11_capstone, with the student's choice set to each industry but the default.
"""

from __future__ import annotations

import pytest

from customer_value import industries
from kernels import notebook_client, with_fresh_kernel


@pytest.mark.notebooks
@pytest.mark.parametrize("code", [code for code in industries.INDUSTRIES if code != "snacks"])
def test_capstone_solution_passes_for_every_industry(code, root):
    # The grading pipeline (tests/test_grading.py) runs the default industry; here the instructor
    # version (solutions + hidden tests) runs with the student's choice set to each other industry.
    import nbformat

    path = root / "source" / "11_capstone" / "11_capstone.ipynb"
    nb = nbformat.read(path, as_version=4)
    choice = [cell for cell in nb.cells if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "q0_industry"]
    assert len(choice) == 1, "the assignment declares its industry in one answer cell, q0_industry"
    choice[0].source = f"chosen_industry = {industries.INDUSTRIES[code].zh!r}"
    with_fresh_kernel(notebook_client(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute)
    notes = [o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream"]
    assert any("only for the default industry" in text for text in notes)
