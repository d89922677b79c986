"""nbgrader preprocessors the course adds to autograding (configured in ``nbgrader_config.py``).

- :class:`RestoreMissingCells` puts back every instructor cell a student deleted (test, setup,
  prompt or answer cells), in its place, from the gradebook. nbgrader 0.9's own
  ``OverwriteCells.add_missing_cells`` only restores grade cells and raises ``KeyError`` when the
  cell before the missing one is not a grade or solution cell (a deleted written answer after its
  locked prompt) or when copied cells left empty ``nbgrader`` metadata behind (``DeduplicateIds``).
- :class:`GuardedExecute` scores a notebook whose kernel dies (``os._exit``, a segfault, running
  out of memory) or ignores the timeout's interrupt: that cell and every later one get an error
  output, so each test cell is scored (0 when it did not pass) instead of the whole submission
  failing with nbgrader's "There was an error processing assignment". A kernel that dies at start
  (another process took one of its ports) is replaced by a new one, up to ``startup_attempts``.
- :class:`CheckedExecute` (the course's executor) runs the student's cells in the kernel but never
  its test cells: at each test cell it exports the answers the cell uses as plain data and the
  trusted checker (:mod:`.checker`) runs the cell's code, hidden tests included, in another
  process; the test cell's outputs are the checker's verdict, so nothing the kernel prints, hooks
  or patches decides a grade. It also caps each cell's output while it streams.
- :class:`LimitOutputSize` caps the characters of each output (nbgrader's ``LimitOutput`` counts
  lines only: one 100 MB line passes it and bloats the gradebook's notebook and the feedback).
"""

from __future__ import annotations

import json

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_output
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor
from traitlets import Integer, Unicode

from ..i18n import assignment_language, speaking
from ..i18n import gettext as _
from . import checker, wire

#: ``ename`` of the error outputs :class:`GuardedExecute` writes (the batch report looks for them).
KERNEL_DIED = "KernelDied"
KERNEL_UNRESPONSIVE = "KernelUnresponsive"
NOT_RUN = "CellNotRun"
#: ``ename`` of a test cell whose answers the kernel did not export (it died or stopped answering)
NOT_EXPORTED = "AnswersNotExported"
#: ``ename`` nbgrader's Execute writes when a cell runs past ``c.Execute.timeout``.
TIMEOUT = "CellTimeoutError"


def _error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class RestoreMissingCells(NbGraderPreprocessor):
    """Put back the instructor's cells (from the gradebook) that a submission no longer has.

    Runs in autograde's sanitizing step, before ``OverwriteCells``. A restored cell goes after the
    nearest earlier instructor cell the submission still has. Answer cells come back as their stub,
    so a deleted answer scores 0 (as it would have), while a deleted test cell is scored again
    instead of leaving the submission at "needs manual grading".
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        for cell in nb.cells:  # DeduplicateIds leaves `nbgrader: {}` on the copies it disowns
            if "nbgrader" in cell.metadata and not cell.metadata.nbgrader.get("grade_id"):
                del cell.metadata["nbgrader"]
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
            points = {cell.name: cell.max_score for cell in notebook.grade_cells}
            solutions = {cell.name for cell in notebook.solution_cells}
            tasks = {cell.name for cell in notebook.task_cells}
            source_cells = list(notebook.source_cells)
            restored = []
            for position, source in enumerate(source_cells):
                present = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(nb.cells)}
                if source.name in present:
                    continue
                earlier = [present[s.name] for s in source_cells[:position] if s.name in present]
                index = max(earlier) + 1 if earlier else 0
                nb.cells.insert(index, self._cell(source, points.get(source.name), source.name in solutions, source.name in tasks))
                restored.append(source.name)
        for name in restored:
            self.log.warning("Cell %s was missing from the submission: restored from the source", name)
        resources.setdefault("customer_value", {})["restored_cells"] = restored
        return nb, resources

    @staticmethod
    def _cell(source, max_score: float | None, is_solution: bool, is_task: bool) -> NotebookNode:
        meta = {
            "grade": max_score is not None,
            "grade_id": source.name,
            "locked": source.locked,
            "schema_version": 3,
            "solution": is_solution,
            "task": is_task,
            "checksum": source.checksum,
        }
        if max_score is not None:
            meta["points"] = max_score
        make = new_code_cell if source.cell_type == "code" else new_markdown_cell
        cell = make(source.source, id=f"restored-{source.name}"[:64], metadata={"nbgrader": meta})
        if source.locked:
            cell.metadata.update(deletable=False, editable=False)
        return cell


class GuardedExecute(Execute):
    """nbgrader's Execute, which also scores notebooks whose kernel dies or stops responding.

    With ``kernel_user`` set (the default of ``python -m customer_value.grading``), each kernel
    runs isolated, as that unprivileged user (:mod:`customer_value.grading.sandbox`).
    """

    kernel_user = Unicode("", help="Run kernels as this (unprivileged) user; empty: as the grader.").tag(config=True)
    startup_attempts = Integer(3, help="Kernels started for one notebook before its grading fails.").tag(config=True)

    def create_kernel_manager(self):
        if self.kernel_user:
            from .sandbox import SandboxKernelManager

            self.kernel_manager_class = SandboxKernelManager
        return super().create_kernel_manager()

    def start_new_kernel_client(self):
        """Connect to the notebook's kernel; one that died or stayed silent at start is replaced.

        A TCP kernel dies at start when another process binds one of its ports in the moment
        between jupyter_client choosing it and the kernel binding it (jupyter/jupyter_client#154):
        with many kernels started side by side that happens, and it is no fault of the submission.
        """
        for attempt in range(1, self.startup_attempts + 1):
            try:
                return super().start_new_kernel_client()
            except RuntimeError as error:  # "Kernel died before replying" / "didn't respond"
                if attempt == self.startup_attempts:
                    raise
                self.log.warning("The kernel did not start (%s): starting another (attempt %d of %d)",
                                 error, attempt + 1, self.startup_attempts)
                if self.km is None:  # nbclient dropped the failed kernel's manager
                    self.km = self.create_kernel_manager()
                if not self.km.has_kernel:
                    self.start_new_kernel()

    def preprocess(self, nb: NotebookNode, resources=None, km=None):
        self._stopped_because = ""
        # what the feedback says about cells that could not run: in the notebook's language
        name = ((resources or {}).get("nbgrader") or {}).get("assignment", "")
        with speaking(assignment_language(name, nb.metadata.get("language"))):
            return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if cell.cell_type != "code":
            return cell, resources
        if self._stopped_because:
            cell.outputs = [_error_output(NOT_RUN, _("not run: {reason}").format(reason=self._stopped_because))]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stopped_because = _("the kernel died in cell {index}").format(index=index)
            cell.outputs.append(_error_output(KERNEL_DIED, _("the kernel died while running this cell (os._exit, a crash or out of memory)")))
        except CellTimeoutError:
            self._stopped_because = _("the kernel stopped responding in cell {index}").format(index=index)
            cell.outputs.append(_error_output(KERNEL_UNRESPONSIVE, _("no reply after the {timeout} s timeout and an interrupt").format(
                timeout=self.timeout)))
        self.log.error("Cell %s: %s; later cells are not run", index, self._stopped_because)
        return cell, resources


class CheckedExecute(GuardedExecute):
    """Student cells run in the kernel; test cells are run by the trusted checker on exported answers.

    The test cell's source comes from the gradebook (what the instructor wrote), never from the
    submission, and is never sent to the kernel: the kernel only receives the names of the answers
    to export and, for function answers, the arguments of each call.
    """

    max_output_chars = Integer(200_000, help="Characters of output kept per cell while it runs; the rest is dropped as it arrives.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources=None, km=None):
        self._sources, self._output_used = {}, {}
        info = (resources or {}).get("nbgrader", {})
        if info.get("db_url"):
            with Gradebook(info["db_url"]) as gradebook:
                notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
                self._sources = {cell.name: cell.source for cell in notebook.source_cells}
        return super().preprocess(nb, resources, km)

    # -- output cap while streaming
    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
        used = self._output_used.get(cell_index, 0)
        self._output_used[cell_index] = used + size
        if used + size > self.max_output_chars and wire.MIME not in content.get("data", {}):
            if used <= self.max_output_chars:
                outs.append(new_output("stream", name="stdout", text="\n" + _("... output cut: more than {limit:,} characters ...").format(
                    limit=self.max_output_chars) + "\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)

    # -- test cells
    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if not is_code_test(cell):
            return super().preprocess_cell(cell, resources, index)
        grade_id = cell.metadata.nbgrader["grade_id"]
        self._test_cell = cell
        source = self._sources.get(grade_id, cell.source)
        cell.source = source
        cell.execution_count = None
        if self._stopped_because:
            cell.outputs = [_error_output(NOT_RUN, _("not run: {reason}").format(reason=self._stopped_because))]
            return cell, resources
        visible = NotebookNode(source=source)
        ClearHiddenTests()._remove_hidden_test_region(visible)
        names = checker.free_names(source, visible.source)
        reply = self._in_kernel(f"__import__('customer_value.grading.wire').grading.wire.publish(globals(), {names!r})", index)
        if reply is None:
            cell.outputs = [_error_output(NOT_EXPORTED, _("{grade_id}: the answers could not be read: {reason}").format(
                grade_id=grade_id, reason=self._stopped_because or _("the kernel sent none")))]
            return cell, resources
        self._index = index
        result = checker.worker().check(grade_id, source, reply, self._call, self.timeout or 60)
        cell.outputs = [new_output("stream", name="stdout", text=result.stdout)] if result.stdout else []
        if not result.passed:
            cell.outputs.append(_error_output(result.ename, result.evalue))
        return cell, resources

    def _call(self, name: str, arguments: str) -> dict:
        """Run the student's function ``name`` in the kernel (the checker's proxy asked)."""
        if self._stopped_because:
            return {"error": self._stopped_because}
        reply = self._in_kernel(f"__import__('customer_value.grading.wire').grading.wire.call({name!r}, {arguments!r})", self._index)
        if reply is None:
            return {"error": self._stopped_because or "the kernel sent no result"}
        try:
            answer = json.loads(reply)  # the kernel's data: only ever decoded by wire, in the checker
        except ValueError:
            answer = None
        return answer if isinstance(answer, dict) else {"error": "the kernel's reply is not an answer"}

    def _in_kernel(self, code: str, index: int) -> str | None:
        """Run grader code in the kernel; the :data:`wire.MIME` text it displayed, or None."""
        probe = new_code_cell(code)
        try:
            self.execute_cell(probe, index, store_history=False)
        except DeadKernelError:
            self._stopped_because = _("the kernel died in cell {index}").format(index=index)
        except CellTimeoutError:
            self._stopped_because = _("the kernel stopped responding in cell {index}").format(index=index)
        self.nb.cells[index] = self._test_cell  # nbclient put the probe in the notebook in its place
        found = [o.data[wire.MIME] for o in probe.outputs if o.get("output_type") == "display_data" and isinstance(o.get("data", {}).get(wire.MIME), str)]
        return found[0] if found else None


class LimitOutputSize(NbGraderPreprocessor):
    """Cut every text output to ``max_chars`` characters (stream text, text/* data, tracebacks)."""

    max_chars = Integer(20_000, help="Characters kept of each output (-1: no limit).").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict):
        name = ((resources or {}).get("nbgrader") or {}).get("assignment", "")
        with speaking(assignment_language(name, nb.metadata.get("language"))):
            return super().preprocess(nb, resources)

    def _cut(self, text: str) -> str:
        if self.max_chars < 0 or len(text) <= self.max_chars:
            return text
        return text[: self.max_chars] + "\n" + _("... output truncated: {count:,} characters ...").format(count=len(text))

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.outputs:
            if "text" in output:
                output.text = self._cut(output.text)
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") and isinstance(value, str):
                    output.data[mime] = self._cut(value)
            if "traceback" in output:
                output.traceback = [self._cut(line) for line in output.traceback]
        return cell, resources


def is_code_test(cell: NotebookNode) -> bool:
    """Whether a cell is an autograded test cell (a code grade cell that is not an answer)."""
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)
