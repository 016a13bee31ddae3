# Weerbaar: two commands for a fresh Debian/Ubuntu machine with Python 3.11.
#   make run   - set up and serve the site with demo content on http://127.0.0.1:8000/
#   make test  - ruff and the whole pytest suite, browser tests included
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
UV_VERSION := 0.13.9
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-postgres smoke bench bench-deps relevance services search-engine search-engine-stop install install-dev pdf-deps search-deps browser-deps lock migrate demo clean

# The virtual environment counts as made only once uv is in it, so a failed step is retried.
$(UV):
	@sh scripts/ensure-python.sh "$(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The lock files (requirements/*.txt, with hashes) are made by `make lock`; installs use them only.
install: $(UV) pdf-deps search-deps
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements/base.txt

install-dev: $(UV) pdf-deps search-deps
	$(UV) pip install --quiet --python $(PY) --require-hashes -r requirements/dev.txt

lock: $(UV)
	$(UV) pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.txt
	$(UV) pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes -q -o requirements/dev.txt

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) import_kennisbank --only-if-empty fixtures/kennisbank/demo.json
	$(MANAGE) import_courses --only-if-empty fixtures/courses/demo.json
	$(MANAGE) seed_cohort --demo
	$(MANAGE) load_demo_content
	$(MANAGE) create_demo_editor

run: demo
	$(MANAGE) runserver 127.0.0.1:8000

# Certificates are PDFs made by WeasyPrint, which needs Pango, HarfBuzz and fonts from the system.
pdf-deps:
	@sh scripts/ensure-pdf-deps.sh

# Search splits Dutch compounds with Debian's hunspell-nl word list.
search-deps:
	@sh scripts/ensure-search-deps.sh

# Browser tests need Debian's Chromium and axe-core; install them, or say what is missing.
browser-deps:
	@sh scripts/ensure-browser-deps.sh "$(CHROMIUM)"

# Needs no service: tests marked `services` (real Redis) run in `make test-postgres` instead.
test: install-dev browser-deps bench-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/pytest -m "not services"

# PostgreSQL (127.0.0.1:5432, user postgres, trust) and Redis (127.0.0.1:6379): installed from
# Debian's packages when missing and started when they do not answer; a second run does nothing.
services:
	@sh scripts/services.sh

# A real search engine on loopback: OpenSearch 2.19 (no Elasticsearch 8 is served here, see the
# README), one node on http://127.0.0.1:9250, jars fetched with Maven on first use. NODES=3 for a
# cluster. A second run finds the running node and prints its URL.
NODES ?= 1
search-engine:
	@bash scripts/search-engine.sh start --nodes $(NODES)

search-engine-stop:
	@bash scripts/search-engine.sh stop

# The same suite against a fresh PostgreSQL database (CI runs this after `make test`).
test-postgres: install-dev browser-deps services
	sh scripts/test-postgres.sh

# Production settings under gunicorn against a fresh PostgreSQL database: readiness, home page, headers.
smoke: install-dev services
	sh scripts/smoke-production.sh

# Every benchmark runs even when one fails; the summary names the failures and the exit code is 1.
bench: install-dev services bench-deps
	$(PY) benchmarks/run_all.py

bench-deps:
	@sh scripts/ensure-bench-deps.sh

# The Dutch relevance sets (demo set and both halves of the held-out set) on the database backend
# (SQLite; PostgreSQL too when DATABASE_URL points at it) and on Elasticsearch (ELASTICSEARCH_URL, or
# the noida-db stand-in): success@3 and MRR as one table.
relevance: install-dev
	$(PY) benchmarks/relevance.py --misses

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache .ruff_cache
