# Two commands for a new user: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs in parallel processes, each with its own test database.
TEST_WORKERS ?= 2
MANAGE := $(BIN)/python manage.py

# Links in e-mails and feeds point at the port `make run` serves on, unless SITE_URL (from the
# environment or the command line) says otherwise.
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test bench fuzz lint format migrate initial-data clean lock lock-upgrade

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

test: $(VENV)/.installed
	$(BIN)/pytest -n $(TEST_WORKERS)

bench: $(VENV)/.installed
	$(BIN)/pytest tests/bench -o addopts="" -p no:cacheprovider

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
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .test-media staticfiles
