# Two commands for a new user: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs in parallel processes, each with its own test database; an idle worker takes
# tests from a busy one (worksteal), so the long browser journeys do not pile up on one.
TEST_WORKERS ?= 2
MANAGE := $(BIN)/python manage.py

# Links in e-mails and feeds point at the port `make run` serves on, unless SITE_URL (from the
# environment or the command line) says otherwise.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run serve test bench soak fuzz lint format migrate initial-data clean lock lock-upgrade node-tools

# The stamp is newer than the lock files once they are installed: a second run reuses the
# venv. Development gets the runtime set plus the test tools, exactly as locked with hashes
# (requirements-dev.lock; production installs requirements.lock). After changing a
# requirements*.txt file, run `make lock`.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# The lock files, compiled against PyPI whatever the local pip configuration says, so every
# machine gets the same files. Existing pins are kept when they still fit (fast, and a change
# moves only what it needs); the development lock is constrained by the production one, so
# both hold the same versions. `make lock-upgrade` moves everything to the newest versions.
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--index-url https://pypi.org/simple $(LOCK_FLAGS)

lock: $(VENV)/.installed
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint requirements.lock --output-file requirements-dev.lock requirements-dev.txt

lock-upgrade: LOCK_FLAGS = --upgrade
lock-upgrade: lock

migrate: $(VENV)/.installed
	$(MANAGE) migrate --noinput

initial-data: migrate
	$(MANAGE) load_initial_data --demo
	$(MANAGE) ensure_admin

run: initial-data
	SITE_URL='$(SITE_URL)' $(MANAGE) runserver 127.0.0.1:$(PORT)

# Production settings under gunicorn (website/gunicorn.conf.py) on loopback, for measuring and
# for a proxy on the same host. Without TLS here, so the HTTPS redirect is off unless the
# environment turns it on; a random SECRET_KEY is made per start when none is set (sessions then
# end with the server). Behind a real proxy set SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS,
# SECURE_SSL_REDIRECT=1, TRUSTED_PROXY_COUNT and FORWARDED_ALLOW_IPS (README, "Running").
SERVE_ENV = DJANGO_SETTINGS_MODULE=website.settings.production \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SITE_URL='$(SITE_URL)' PORT=$(PORT)
serve: $(VENV)/.installed
	export SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" && \
	export $(SERVE_ENV) && \
	$(MANAGE) migrate --noinput && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	exec $(BIN)/gunicorn -c website/gunicorn.conf.py

# The outside checkers from npm, pinned, into the git-ignored .node/: the Nu Html Checker (run
# on Java, Debian's default-jre-headless, by tests/website/test_html_validity.py, which is
# skipped without it) and Lighthouse (on Debian's Chromium, by `make bench`).
NODE_TOOLS := vnu-jar@26.9.27 lighthouse@12.8.2
.node/.installed: Makefile
	npm install --no-save --no-audit --no-fund --prefix .node $(NODE_TOOLS)
	touch $@
node-tools: .node/.installed

test: $(VENV)/.installed
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# In-process timings (pytest), then the HTTP benchmark against the production server on
# loopback (tests/bench/http_bench.py: wrk when installed, else a bounded Python load), then
# Lighthouse (mobile) on every page type, which fails when a layout shift reaches 0.1
# (tests/bench/lighthouse.py). BENCH_SECONDS per measurement (default 5). Not part of `make test`.
bench: $(VENV)/.installed .node/.installed
	$(BIN)/pytest tests/bench -o addopts="" -p no:cacheprovider
	$(BIN)/python -m tests.bench.http_bench
	$(BIN)/python -m tests.bench.lighthouse

# Five minutes of mixed load with 32 concurrent visitors against the production server on
# loopback, then the counts (tests/bench/soak.py). SOAK_SECONDS=30 for a short try.
SOAK_SECONDS ?= 300
SOAK_CONCURRENCY ?= 32
soak: $(VENV)/.installed
	SOAK_SECONDS=$(SOAK_SECONDS) SOAK_CONCURRENCY=$(SOAK_CONCURRENCY) $(BIN)/python -m tests.bench.soak

# The hostile-input fuzz pass at length: many random examples per public route instead of
# `make test`'s few fixed ones (hypothesis profile "fuzz", tests/conftest.py). Failures are
# kept in .hypothesis/ and replayed first on the next run. Not part of `make test`.
fuzz: $(VENV)/.installed
	$(BIN)/pytest tests/website/test_hostile_input.py -n $(TEST_WORKERS) --hypothesis-profile=fuzz

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .node .pytest_cache .ruff_cache .hypothesis .test-media staticfiles
