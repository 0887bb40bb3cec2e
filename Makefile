# luutru — the two commands that matter: `make serve` and `make test`.
VENV := .venv
BIN  := $(VENV)/bin
PORT ?= 8000

.PHONY: site serve test eval bench clean distclean

# A virtual environment with Python 3.12 or newer, found on PATH or under pyenv.
$(BIN)/luutru: pyproject.toml
	@if ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  py=""; \
	  for c in python3.14 python3.13 python3.12 python3 \
	      $$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	    if $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then py=$$c; break; fi; \
	  done; \
	  if [ -z "$$py" ]; then \
	    echo "luutru needs Python 3.12 or newer, and none was found on PATH or under pyenv (install one, e.g. 'pyenv install 3.12')." >&2; exit 1; \
	  fi; \
	  echo "creating $(VENV) with $$py"; rm -rf $(VENV); $$py -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

# Import the demo articles in seeds/ (records edited by hand are kept) and build site/.
site: $(BIN)/luutru
	$(BIN)/luutru import seeds
	$(BIN)/luutru build

# The same, then a live preview on http://127.0.0.1:$(PORT)/
serve: site
	$(BIN)/luutru serve --port $(PORT)

# axe-core and the Nu HTML Checker for the page checks, pinned in tests/browser/.
tests/browser/node_modules: tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the browser and HTML checks will be skipped (apt-get install npm chromium default-jre-headless)"; fi

test: $(BIN)/luutru tests/browser/node_modules
	$(BIN)/python -m pytest

# Per-field accuracy of the loader over the labelled corpus in tests/corpus/.
eval: $(BIN)/luutru
	$(BIN)/python tests/eval_loader.py

# Build-speed benchmark (see tests/bench/): SIZES="1000 10000" make bench
SIZES ?= 1000 10000
bench: $(BIN)/luutru
	$(BIN)/python tests/bench/run.py $(SIZES)

clean:
	rm -rf site .luutru-cache .site.building-* .site.old-*

distclean: clean
	rm -rf $(VENV)
