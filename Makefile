# Mes Droits — the two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)

export WEB_PORT ?= 8000
export SANDBOX_FC_PORT ?= 8001
export SANDBOX_AGENCIES_PORT ?= 8002

# Production-like environment for `check --deploy` (values are examples, not secrets).
DEPLOY_ENV := ENV_FILE= DEBUG=false HTTPS=true ALLOWED_HOSTS=mesdroits.example.gouv.fr \
	SECRET_KEY=lint-only-$(shell printf 'x%.0s' $$(seq 1 60)) \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
	FRANCECONNECT_ISSUER=https://oidc.franceconnect.gouv.fr/api/v2 \
	FRANCECONNECT_CLIENT_ID=example FRANCECONNECT_CLIENT_SECRET=example \
	AGENCIES_API_PARTICULIER_URL=https://particulier.api.gouv.fr AGENCIES_API_PARTICULIER_TOKEN=example \
	AGENCIES_IMPOT_PARTICULIER_URL=https://gateway.example/impotparticulier/1.0 \
	AGENCIES_IMPOT_PARTICULIER_TOKEN_URL=https://gateway.example/token \
	AGENCIES_IMPOT_PARTICULIER_CLIENT_ID=example AGENCIES_IMPOT_PARTICULIER_CLIENT_SECRET=example

.PHONY: help venv run test lint audit format bench lock demo-env services-test clean

help:
	@echo "make run    — install, migrate, load demo data, start web + worker + beat + sandboxes"
	@echo "make test   — install and run the whole suite on PostgreSQL with a real Celery worker on Redis"
	@echo "make lint   — pip-audit (make audit), ruff (with its security rules), makemigrations --check, check --deploy"
	@echo "make bench  — benchmarks (figures and ratios)"

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check "uv==0.13.9"
	$(BIN)/uv pip sync --python $(BIN)/python -q requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

# Re-resolve the lock after changing pyproject.toml.
lock: venv
	$(BIN)/uv pip compile pyproject.toml --extra dev --override overrides.txt -p 3.11 -q -o requirements.lock

demo-env:
	@mkdir -p var
	@test -f .env || { \
		echo "# Written by make run for the local demo; delete it to start afresh." > .env; \
		echo "DEBUG=true" >> .env; \
		echo "SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" >> .env; \
		echo "EMAIL_URL=filemail://$(CURDIR)/var/mails" >> .env; \
		echo "Wrote .env for the demo"; }

run: venv demo-env
	@scripts/ensure-redis.sh
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_data
	@echo ""
	@echo "  Mes Droits:                  http://127.0.0.1:$(WEB_PORT)/"
	@echo "  Health:                      http://127.0.0.1:$(WEB_PORT)/healthz"
	@echo "  FranceConnect sandbox:       http://127.0.0.1:$(SANDBOX_FC_PORT)/"
	@echo "  Agency APIs sandbox:         http://127.0.0.1:$(SANDBOX_AGENCIES_PORT)/"
	@echo "  E-mails written to:          $(CURDIR)/var/mails/ (EMAIL_URL in .env)"
	@echo "  OpenFisca warms up first: wait for the line \"Mes Droits est prêt\" below."
	@echo "  Ctrl-C stops everything."
	@echo ""
	$(BIN)/honcho start --no-prefix -f Procfile 2>&1 || true

services-test:
	@scripts/ensure-test-tools.sh
	@scripts/ensure-postgres.sh
	@REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/14} scripts/ensure-redis.sh

test: venv services-test
	$(BIN)/pytest $(PYTEST_ARGS)

# ruff's rule set includes `S` (flake8-bandit, the security linter): bandit itself adds nothing it lacks.
lint: venv audit
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	ENV_FILE= DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

# Known vulnerabilities in requirements.lock (pip-audit, OSV). Where no vulnerability service can be
# reached it says AUDIT SKIPPED and passes, so lint is not red for a network reason; set
# PIP_AUDIT_REQUIRED=true (a CI with internet access) to make that a failure. See the script.
audit: venv
	@BIN=$(BIN) scripts/audit-dependencies.sh

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: venv services-test
	@for script in bench/bench_*.py; do \
		echo "=== $$script"; DEBUG=true $(BIN)/python -m bench.$$(basename $$script .py) || exit 1; done

clean:
	rm -rf $(VENV) staticfiles artifacts .pytest_cache .ruff_cache
