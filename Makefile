# Campus: `make run` starts the demo site, `make test` runs the whole suite.
# Both set everything up first, on a machine with nothing but Python 3.11.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.PHONY: run test install setup lint test-unit test-postgres browser-deps bench messages clean \
	backup restore

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-fonts.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-fonts.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

run: setup
	@echo "Campus is starting at http://$(HOST):$(PORT)/ (English at /en/, admin at /admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit --quiet --recursive lms courses certificates cms research_portal \
		--severity-level medium --exclude '*/migrations/*'
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run

# Debian's Chromium for the browser tests and axe-core from the npm registry.
browser-deps:
	@bash tests/browser/setup.sh

test: install lint browser-deps
	DJANGO_SETTINGS_MODULE=lms.settings.test $(VENV)/bin/pytest

# The same suite on PostgreSQL, with the integration tests on a real Celery worker
# on Redis (see .ci/run, which calls this after `make test`).
test-postgres: install
	DJANGO_SETTINGS_MODULE=lms.settings.test \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/campus} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/15} \
	CAMPUS_REQUIRE_INTEGRATION=1 \
	$(VENV)/bin/pytest -m "not browser"

messages: install
	$(PY) manage.py makemessages -l ko -l en --no-location --no-wrap --ignore=.venv --ignore=node_modules --ignore=tests \
		--ignore=staticfiles --ignore=media
	$(PY) manage.py compilemessages --ignore=.venv

# A consistent database dump and every stored file, with a checksum manifest
# (docs/production.md: schedule and retention). `make restore BACKUP=folder`.
BACKUP_DIR ?= backups
backup: install
	$(PY) manage.py campus_backup --destination $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/campus-<date>"; exit 2; }
	$(PY) manage.py campus_restore $(BACKUP)

bench: install
	bash bench/run.sh

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
