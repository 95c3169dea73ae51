# yrke – make targets. `make run` and `make test` are all a new machine needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
ARGS ?=

# `make run` is a production-like local site: DEBUG off, plain HTTP on the loopback address.
# Its settings are in var/local.env (written once by `make setup`), which careersite/settings.py
# reads, so `.venv/bin/python manage.py …` typed by hand runs with them too. Only another HOST
# (`make run HOST=…`) has to be passed: its name, with the loopback names, replaces the file's.
RUN_ENV =
ifneq ($(origin HOST),file)
RUN_ENV = ALLOWED_HOSTS="$(HOST),localhost,127.0.0.1"
endif
# Tests run with DEBUG off too, so they see what production sees. LOCAL_ENV_FILE= (empty): the
# tests never read var/local.env, so what a developer put there cannot change their results.
TEST_ENV = LOCAL_ENV_FILE= DEBUG=false SECURE_HTTPS=false SERVE_MEDIA=true \
	SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=testserver,localhost,127.0.0.1

.PHONY: help venv run setup superuser test lint check-deploy bench clean messages lighthouse

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else \
		"Python 3.12 or newer is needed; $(PYTHON) is " + sys.version.split()[0] + \
		". Install it and run, e.g., make PYTHON=python3.12 run")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(BIN)/.installed ## Create .venv and install the project with its dev tools

# Mode 600: it holds the secret key. Delete it to get a new key (staff are logged out).
var/local.env: | venv
	@mkdir -p var
	@umask 077 && { \
		echo "# The local run's settings, written by make setup; careersite/settings.py reads"; \
		echo "# them unless a variable is set in the environment. Not for production."; \
		echo "SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
		echo "DEBUG=false"; \
		echo "SECURE_HTTPS=false"; \
		echo "SERVE_MEDIA=true"; \
		echo "ALLOWED_HOSTS=localhost,127.0.0.1"; \
	} > $@.tmp && mv $@.tmp $@
	@echo "Wrote $@ (SECRET_KEY and the local-run settings; manage.py reads it too)"

setup: venv var/local.env ## Migrate, load reference data and demo content, collect static files
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py setup_roles
	$(RUN_ENV) $(BIN)/python manage.py load_regions
	$(RUN_ENV) $(BIN)/python manage.py load_classifications
	$(RUN_ENV) $(BIN)/python manage.py load_fields_of_work
	$(RUN_ENV) $(BIN)/python manage.py load_demo_content
	$(RUN_ENV) $(BIN)/python manage.py generate_employers --employers 400
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0

run: setup ## Set up and serve the site on http://127.0.0.1:8000 (PORT=… to change)
	@echo
	@echo "  yrke is running at http://$(HOST):$(PORT)/"
	@echo "  Create an admin user in another terminal with 'make superuser'"
	@echo "  (it runs manage.py createsuperuser), then log in at http://$(HOST):$(PORT)/admin/"
	@echo
	$(RUN_ENV) exec $(BIN)/gunicorn careersite.wsgi --bind $(HOST):$(PORT)

superuser: venv var/local.env ## Create an admin user (manage.py createsuperuser)
	$(RUN_ENV) $(BIN)/python manage.py createsuperuser

test: venv ## Run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(ARGS)

lint: venv ## ruff, formatting, import layers and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

check-deploy: venv ## Django's deployment checks with production-like settings
	LOCAL_ENV_FILE= DEBUG=false SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=yrke.example.no $(BIN)/python manage.py check --deploy --fail-level WARNING

lighthouse: venv ## Lighthouse scores of the occupation page at mobile settings (needs npm ci, chromium)
	$(BIN)/python benchmarks/lighthouse.py

MESSAGES_IGNORE = --ignore='.venv/*' --ignore='staticfiles/*' --ignore='node_modules/*' --ignore='var/*'
messages: venv ## Extract the bokmål strings into locale/{nn,en}/…/django.po and compile the .mo (needs gettext)
	$(TEST_ENV) $(BIN)/python manage.py makemessages -l nn -l en --no-obsolete $(MESSAGES_IGNORE)
	$(TEST_ENV) $(BIN)/python manage.py compilemessages -l nb -l nn -l en $(MESSAGES_IGNORE)

bench: venv ## National-scale benchmarks on PostgreSQL (BENCH_DATABASE_URL, its own database)
	$(BIN)/python benchmarks/national_data.py
	$(BIN)/python benchmarks/employer_pages.py | tee benchmarks/results/employer_pages.txt
	$(BIN)/python benchmarks/search.py | tee benchmarks/results/search.txt
	$(BIN)/python benchmarks/change_path.py | tee benchmarks/results/change_path.txt
	$(BIN)/python benchmarks/compare.py | tee benchmarks/results/compare.txt
	$(BIN)/python benchmarks/api.py | tee benchmarks/results/api.txt
	$(BIN)/python benchmarks/related.py | tee benchmarks/results/related.txt

clean: ## Remove the virtualenv, the local database and collected static files
	rm -rf $(VENV) var staticfiles
