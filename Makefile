# Two commands on a fresh machine with Python 3 and make:
#   make lessons   set up .venv if needed and open JupyterLab on en/00-start-here (LANG_START=zh: the Chinese one)
#   make test      set up .venv if needed and run every test (pytest, nbval, browser)
#   make site      build the course as a static website that runs in the browser, into SITE (docs/site.md)
# While working: make test-fast (no browser, no install test, no nbval; under 3 minutes), make docs (the site).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8866
LANG_START ?= en
SITE ?= pi-lessons-site

.PHONY: lessons test test-fast docs wheel voila notebooks site setup clean-venv

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

# The inner loop: every test not marked slow (browser, install, docs build), and no nbval.
test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "not slow"

# The documentation site, from docs/ and the stored outputs of notebooks/en and notebooks/zh, into
# docs/_build/html. mystmd and myst-to-html come from npm into .ci/myst (never committed); no other download.
MYST_DIR := .ci/myst
MYST     := $(MYST_DIR)/node_modules/.bin/myst
$(MYST):
	@command -v npm >/dev/null || { echo "make docs needs node and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	npm install --prefix $(MYST_DIR) --no-audit --no-fund --silent mystmd@1.8.3 myst-to-html@1.7.3

docs: $(MYST)
	cd docs && ../$(MYST) build --site
	node docs/_template/render.mjs $(MYST_DIR)/node_modules

# The wheel a teacher hands to learners (dist/pi_lessons-VERSION-py3-none-any.whl): `pip install` it, then `pi-lessons lab`.
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation . -w dist

# Build notebooks/en and notebooks/zh from the lesson sources in source/ and store their outputs.
notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

clean-venv:
	rm -rf $(VENV)
