# Two commands on a fresh machine with Python 3 and make:
#   make lessons   set up .venv if needed and open JupyterLab on 00-start-here
#   make test      set up .venv if needed and run every test (pytest, nbval, browser)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8866

.PHONY: lessons test voila notebooks setup clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

lessons: $(STAMP)
	$(BIN)/jupyter lab notebooks/00-start-here.ipynb

voila: $(STAMP)
	$(BIN)/voila notebooks --port=$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

clean-venv:
	rm -rf $(VENV)
