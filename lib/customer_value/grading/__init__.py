"""Batch grading for instructors: ``python -m customer_value.grading ASSIGNMENT`` (``make grade``).

Modules: ``course`` (nbgrader config, directories, gradebook), ``submissions`` (pre-check and
staging), ``batch`` (the run: autograde, integrity checks, feedback, in one process),
``preprocessors`` (nbgrader preprocessors named in ``nbgrader_config.py``; ``CheckedExecute`` runs
test cells outside the student's kernel), ``checker`` (the trusted process that runs them),
``wire`` (answers as plain data), ``sandbox`` (isolated kernels), ``integrity``, ``sanitize`` (safe
Formgrader and feedback views, clean console text), ``feedback``, ``report`` (CSV and summary),
``progress``. Instructor guide: docs/grading.md.
"""
