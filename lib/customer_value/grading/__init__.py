"""Batch grading for instructors: ``python -m customer_value.grading ASSIGNMENT`` (``make grade``).

Modules: ``course`` (nbgrader config, directories, gradebook), ``submissions`` (pre-check and
staging), ``batch`` (autograde and feedback in one process), ``preprocessors`` and ``feedback``
(nbgrader preprocessors named in ``nbgrader_config.py``), ``sandbox`` (``--safe-mode user``),
``report`` (CSV and summary), ``progress``. Instructor guide: docs/grading.md.
"""
