# Customer Value Analysis (客户价值分析): every target bootstraps .venv itself. `make` alone lists them.

PYTHON ?= python3
VENV ?= .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# The Binder pins (binder/requirements.txt) constrain every install: students, Binder and the tests
# run the same versions.
PIP_INSTALL := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -c binder/requirements.txt
ASSIGNMENT ?= 03_clv_basics
ASSIGNMENTS := $(notdir $(wildcard source/*))
LAB_ARGS ?=
# Both cores by default (pytest-xdist; tests that share a costly fixture stay on one worker, see
# tests/conftest.py); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

# nbgrader runs `jupyter` and `alembic` by name: the venv's bin/ must come first on PATH.
export PATH := $(BIN):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help lab lab-zh lab-instructor test test-quick release grade bench clean venv translations

help:
	@echo "Customer Value Analysis (客户价值分析)"
	@echo "  make lab             open JupyterLab on your own workspace (student view; first run installs, ~1-3 min)"
	@echo "  make lab-zh          the same in Chinese: 中文界面, landing on course/zh-CN/ (简体中文版)"
	@echo "  make test            install the test tools too and run the whole test suite (both cores)"
	@echo "  make test-quick      the fast part: no notebook run, grading, browser, Binder venv or hub (contributors)"
	@echo "  make release         regenerate release/ from source/ with nbgrader (instructors)"
	@echo "  make translations    update locale/ catalogs from the English notebooks, regenerate the zh notebooks"
	@echo "  make grade           autograde submitted/<student>/\$$ASSIGNMENT/ (instructors; docs/grading.md)"
	@echo "  make lab-instructor  JupyterLab with nbgrader's instructor panels, on the clone itself"
	@echo "  make bench           benchmarks against named peers (installs lifetimes, rfm)"
	@echo "  make clean           remove .venv and test caches (your workspace/ stays)"

venv: $(STAMP)

$(STAMP): pyproject.toml binder/requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python >= 3.10 is needed; run: make PYTHON=python3.11 ...")'
	@echo "== Installing the course into $(VENV) (first time: 1-3 minutes, about 740 MB)"
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on --upgrade pip
	$(PIP_INSTALL) -e '.[course]'
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	@echo "== Installing the test tools into $(VENV)"
	$(PIP_INSTALL) -e '.[course,test,i18n]'
	touch $(TEST_STAMP)

lab: $(STAMP)
	$(BIN)/python tools/workspace.py start $(LAB_ARGS)

# The Chinese student view: JupyterLab's interface in Chinese, opening course/zh-CN/00_getting_started.ipynb.
lab-zh: $(STAMP)
	$(BIN)/python tools/workspace.py start --lang zh-CN $(LAB_ARGS)

lab-instructor: $(STAMP)
	$(BIN)/jupyter lab $(shell [ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

# The whole suite: the JupyterHub tests (tests/test_hub.py: 30 users' servers at once) run after the rest,
# alone on the machine. With PYTEST_ARGS, one pytest run of what they select.
test: $(TEST_STAMP)
	@tools/ensure_chromium.sh
ifeq ($(strip $(PYTEST_ARGS)),)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --ignore=tests/test_hub.py
	$(BIN)/python -m pytest tests/test_hub.py
else
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)
endif

# Library, validation, translations, configuration and documents: no notebook is run, nothing is graded,
# no browser, Binder venv or hub is started. `make test` runs these too.
QUICK_MARKERS := not notebooks and not grading and not binder and not browser and not hub
test-quick: $(TEST_STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "$(QUICK_MARKERS)" $(PYTEST_ARGS)

release: $(STAMP)
	@for a in $(ASSIGNMENTS); do \
	  echo "== generating release/$$a from source/$$a"; \
	  $(BIN)/nbgrader generate_assignment "$$a" --force --log-level=WARN || exit 1; \
	done

# Translated editions (tools/i18n.py): catalogs in locale/<lang>/, generated notebooks in course/<tag>/.
# Translate a new notebook: python tools/i18n.py extract course/NN_x.ipynb, translate its .po, add it
# to locale/<lang>/translated.json, then make translations. The library's own catalogs (its _() messages):
# lib/customer_value/locale/<lang>/LC_MESSAGES/*.po, compiled to the .mo next to each.
translations: $(TEST_STAMP)
	$(BIN)/python tools/i18n.py extract
	$(BIN)/python tools/i18n.py build
	$(BIN)/python tools/i18n.py library extract
	$(BIN)/python tools/i18n.py library build
	$(BIN)/python tools/i18n.py check
	$(BIN)/python tools/i18n.py library check

# Student kernels are isolated by default (Linux, root; otherwise a warning says so and grading goes
# on); test cells run in a trusted checker outside them. Exit status 3: graded, but some submissions
# need a human (listed); 1: the batch stopped (a submission changed what it must not). Options:
# GRADE_ARGS='--timeout 30', '--isolation off' (python -m customer_value.grading --help; docs/grading.md).
grade: $(STAMP)
	$(BIN)/python -m customer_value.grading "$(ASSIGNMENT)" $(GRADE_ARGS)

bench: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet lifetimes rfm
	$(BIN)/python benchmarks/rfm_throughput.py
	$(BIN)/python benchmarks/btyd_vs_peers.py
	$(BIN)/python benchmarks/grading_throughput.py --n 8

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
