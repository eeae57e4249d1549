import io

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from wagtail.models import Site

from tests.snapshot import restore, take_snapshot
from website.models import HomePage

# Fixtures of the roles (a campus coordinator and their campus), for every test module.
pytest_plugins = ["tests.roles"]

# Property-based tests (the fuzz pass in tests/website/test_hostile_input.py). "default", for
# `make test`: a few examples, the same ones on every run, so CI is stable and fast. "fuzz", for
# `make fuzz`: many random examples, failures kept in .hypothesis/ to replay. Examples share
# their test's database transaction and client, as a sequence of visitors would.
_shared = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("default", max_examples=4, derandomize=True, database=None, **_shared)
settings.register_profile("fuzz", max_examples=300, **_shared)
settings.load_profile("default")


def load_initial_data():
    call_command("load_initial_data", "--demo", stdout=io.StringIO())
    return HomePage.objects.get()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real initial content once per test worker; every `db` test runs on it inside
    a rollback. Yields a snapshot of it for `initial_content`.

    pytest-django runs transactional tests (the browser tests) after all others; they flush
    the database when they finish, and `initial_content` puts the snapshot back.
    """
    with django_db_blocker.unblock():
        load_initial_data()
        snapshot = take_snapshot()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def initial_content(transactional_db, django_db_setup):
    """The initial content, committed, for tests whose work must really be committed (a live
    server in another thread, parallel requests)."""
    restore(django_db_setup)
    return HomePage.objects.get()


@pytest.fixture
def home_page(db):
    """The home page of the real initial content, as `make run` loads it."""
    return HomePage.objects.get()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)
