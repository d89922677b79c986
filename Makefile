# Customer Value Analysis (客户价值分析): every target bootstraps .venv itself.
#   make lab       open JupyterLab on the getting-started notebook (student view)
#   make test      run the whole test suite
#   make release   regenerate release/ from source/ with nbgrader (instructors)
#   make grade     autograde submitted/<student>/<ASSIGNMENT>/ (instructors)

PYTHON ?= python3
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
ASSIGNMENT ?= 03_clv_basics
ASSIGNMENTS := $(notdir $(wildcard source/*))
LAB_ARGS ?=
PYTEST_ARGS ?=

# nbgrader runs `jupyter` and `alembic` by name: the venv's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)
# JupyterLab refuses to run as root (containers, CI) unless told it may.
ALLOW_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
# The student view: nbgrader's instructor panels and the cell toolbar are hidden.
STUDENT_CONFIG := $(CURDIR)/binder/jupyter-student

.PHONY: lab lab-instructor test release grade bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed; run: make PYTHON=python3.11 ...")'
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[course,test]'
	touch $(STAMP)

lab: $(STAMP)
	@echo "Starting JupyterLab (student view). Open the URL printed below, http://127.0.0.1:8888/lab/tree/course/00_getting_started.ipynb?token=... (Ctrl+C to stop)."
	JUPYTER_CONFIG_PATH=$(STUDENT_CONFIG) $(BIN)/jupyter lab --LabApp.default_url=/lab/tree/course/00_getting_started.ipynb $(ALLOW_ROOT) $(LAB_ARGS)

lab-instructor: $(STAMP)
	$(BIN)/jupyter lab $(ALLOW_ROOT) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

release: $(STAMP)
	@for a in $(ASSIGNMENTS); do \
	  echo "== generating release/$$a from source/$$a"; \
	  $(BIN)/nbgrader generate_assignment "$$a" --force --log-level=WARN || exit 1; \
	done

# Exit status 3: graded, but some submissions need a human (listed). Options: GRADE_ARGS='--timeout 30
# --safe-mode user' (python -m customer_value.grading --help; docs/grading.md).
grade: $(STAMP)
	$(BIN)/python -m customer_value.grading "$(ASSIGNMENT)" $(GRADE_ARGS)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet lifetimes rfm
	$(BIN)/python benchmarks/rfm_throughput.py
	$(BIN)/python benchmarks/btyd_vs_peers.py
	$(BIN)/python benchmarks/grading_throughput.py --n 8

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
