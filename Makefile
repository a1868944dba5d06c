# Hausportal — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The Makefile is the developer's tool: its commands run in development mode (DEBUG
# on: a development secret key, local host names, plain HTTP) unless DEBUG is set.
# The portal itself defaults to DEBUG off; production (docker compose) never uses make.
export DEBUG ?= true
# Extra pytest options, e.g. `make test PYTEST_ARGS=--create-db` after a migration changed.
PYTEST_ARGS ?=

.PHONY: run test install assets messages messages-extract migrate demo lint typecheck check-deploy check-messages bench e2e clean help

help:
	@echo "make run    install everything, load the demo house, serve http://$(HOST):$(PORT)"
	@echo "make test   run the whole test suite (SQLite, or DATABASE_URL / REDIS_URL when set)"
	@echo "make lint   ruff; make typecheck: mypy; make bench: benchmarks"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --no-package-lock --loglevel=error
	touch $@

install: $(VENV)/.installed assets messages

assets: node_modules/.installed

messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install
	$(MANAGE) migrate --no-input -v0

# Links in e-mails and calendar files point to where the development server runs.
run demo: export SITE_URL ?= http://$(HOST):$(PORT)

demo: migrate
	$(MANAGE) seed_demo

# The demo's logins are the last thing printed before the server starts.
run: migrate
	@$(MANAGE) seed_demo --quiet-logins >/dev/null
	@$(MANAGE) seed_demo --logins-only
	@echo ""
	@echo "Hausportal runs on $$SITE_URL  (stop with Ctrl+C)"
	@$(MANAGE) runserver $(HOST):$(PORT)

# The suite runs on every core, each worker with its own test database (SQLite in memory,
# PostgreSQL test_<name>_gw<n>). With Redis every test clears the one shared cache, so it
# runs in one process. Browser tests run on their own afterwards: one Chromium, one server.
TEST_WORKERS ?= $(if $(REDIS_URL),0,auto)
test: install
	$(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not e2e" $(PYTEST_ARGS)
	$(VENV)/bin/pytest -p no:xdist -m e2e $(PYTEST_ARGS)

e2e: install
	$(VENV)/bin/pytest -m e2e

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy house tenants rooms events sociallab

# The production configuration: DEBUG off, Redis for cache and broker (as in docker
# compose; the check connects to nothing).
check-deploy: install
	DEBUG=false REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-value-for-the-check-only-0123456789 \
	ALLOWED_HOSTS=hausportal.example CSRF_TRUSTED_ORIGINS=https://hausportal.example \
	SITE_URL=https://hausportal.example \
	$(MANAGE) check --deploy --fail-level WARNING

messages-extract: $(VENV)/.installed
	$(MANAGE) makemessages -l de --no-location --no-obsolete --ignore=.venv --ignore=node_modules \
	  --ignore=tests --ignore=benchmarks --ignore=var --ignore=staticfiles

check-messages: $(VENV)/.installed
	@for po in $$(find locale */locale */*/locale -name django.po 2>/dev/null); do \
	  stats=$$(msgfmt --statistics -o /dev/null $$po 2>&1); echo "$$po: $$stats"; \
	  case "$$stats" in *untranslated*|*fuzzy*) exit 1;; esac; done

bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/feeds.py

clean:
	rm -rf $(VENV) node_modules staticfiles var .pytest_cache .mypy_cache .ruff_cache
