# Cairn: the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/cairn_bench

.PHONY: install demo test lint format bench bench-load run browser-deps oracles clean

install: $(VENV)/.installed build/static/cairn.css

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

build/static/cairn.css: package.json package-lock.json frontend/build.mjs frontend/cairn.scss
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

# Debian's Chromium for the browser tests (never a browser download).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@# Headless LibreOffice Calc: the Annex A workbook must open in LibreOffice (issue 9).
	@command -v soffice >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null; }

# The sector's own tools, used only as test oracles for the returns (tooling-notes.md): Data to
# Insight's CIN census validator and Social Finance's Annex A cleaner pin pandas 1.5.3, so they
# live in their own virtualenv and the compatibility tests call them as subprocesses.
ORACLES := .venv-oracles
oracles: $(ORACLES)/.installed

$(ORACLES)/.installed: requirements-oracles.txt
	test -x $(ORACLES)/bin/python || $(PYTHON) -m venv $(ORACLES)
	$(ORACLES)/bin/python -m pip install --quiet -r requirements-oracles.txt
	$(ORACLES)/bin/python -m pip install --quiet --no-deps liiatools==0.2.0
	touch $@

demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --size small --seed 1 --if-empty
	$(PY) manage.py demo_accounts
	$(PY) manage.py refresh_scorecard
	$(PY) manage.py runserver $(HOST):$(PORT)

run: install
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint cairn/templates cairn/*/templates

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint --reformat cairn/templates cairn/*/templates

test: install browser-deps oracles lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py --out bench/results.json
	$(MAKE) bench-load

# The load scenario (bench/README.md): gunicorn + PostgreSQL, 50 users for 5 minutes by default;
# e.g. `make bench-load LOAD_ARGS="--users 10 --duration 30s"`. It writes to the bench database.
bench-load: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/load/run.py --yes-this-is-a-bench-database \
		--out bench/results-load.json $(LOAD_ARGS)

clean:
	rm -rf $(VENV) $(ORACLES) node_modules build
