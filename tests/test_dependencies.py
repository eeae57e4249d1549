"""The lock files hold what the requirements files ask for: a requirement changed
without `make lock` fails here, not in production. The development lock holds the same
versions as the production lock for everything they share."""

import re
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(filename):
    return {
        normalise(name): version for name, version in PIN.findall((PROJECT / filename).read_text())
    }


def test_every_requirement_is_locked_at_its_version():
    for requirements, lock in [
        ("requirements.txt", "requirements.lock"),
        ("requirements-dev.txt", "requirements-dev.lock"),
    ]:
        locked = pins(lock)
        missing = {
            name: version
            for name, version in pins(requirements).items()
            if locked.get(name) != version
        }
        assert missing == {}, f"{requirements} changed: run `make lock`"


def test_the_development_lock_contains_the_production_lock():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development.get(name) for name in production} == production


def test_every_locked_package_has_hashes():
    for lock in ["requirements.lock", "requirements-dev.lock"]:
        text = (PROJECT / lock).read_text()
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
        for entry in entries:
            if PIN.match(entry):
                assert "--hash=sha256:" in entry, entry.splitlines()[0]
        # No index of this machine is written into the files.
        assert not re.search(r"^--(extra-)?index-url", text, re.MULTILINE)
