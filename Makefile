# Two commands on a fresh machine with Python 3 and make:
#   make lessons   set up .venv if needed and open JupyterLab on en/00-start-here (LANG_START=zh: the Chinese one)
#   make test      set up .venv if needed and run every test (pytest, nbval, browser)
#   make site      build the course as a static website that runs in the browser, into SITE (docs/site.md)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8866
LANG_START ?= en
SITE ?= pi-lessons-site

.PHONY: lessons test voila notebooks site setup clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

lessons: $(STAMP)
	$(BIN)/jupyter lab notebooks/$(LANG_START)/00-start-here.ipynb

voila: $(STAMP)
	$(BIN)/voila notebooks --port=$(PORT) --TagRemovePreprocessor.remove_cell_tags=lab-only \
	  --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60 \
	  --MappingKernelManager.cull_connected=False

test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks/en notebooks/zh --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

# The static browser course (needs npm for Pyodide; downloads are cached in ~/.cache/pi-lessons/site).
# Serve it with: python -m http.server --directory $(SITE)
site: $(STAMP)
	$(BIN)/pi-lessons site $(SITE)

# Build notebooks/en and notebooks/zh from the lesson sources in source/ and store their outputs.
notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

clean-venv:
	rm -rf $(VENV)
