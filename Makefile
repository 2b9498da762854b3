# Bootstraps .venv and delegates everything else to invoke (see tasks.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: serve build test clean help

help:
	@echo "make serve   build the site, serve it at http://127.0.0.1:8000 and reload on changes"
	@echo "make test    install test tools and run the whole test suite"
	@echo "make build   build the site into output/ and print a summary"
	@echo "make clean   remove output/"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install Debian's python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }

$(RUNTIME_STAMP): requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

$(TEST_STAMP): requirements-test.txt requirements.txt constraints.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet -r requirements-test.txt -c constraints.txt
	@touch $@

serve: $(RUNTIME_STAMP)
	$(BIN)/invoke livereload

build: $(RUNTIME_STAMP)
	$(BIN)/invoke build

test: $(TEST_STAMP)
	$(BIN)/invoke test

clean: $(RUNTIME_STAMP)
	$(BIN)/invoke clean
