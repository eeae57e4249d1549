import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as dj_settings
from django.core.cache import caches
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from wagtail.models import Site

from tests.bench.server import base_environment, manage
from tests.snapshot import restore, take_snapshot
from website.models import HomePage

# Fixtures of the roles (a campus coordinator and their campus), for every test module.
pytest_plugins = ["tests.roles", "tests.monitor.figures"]

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


AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Where tests marked `date_dependent` run: an ordinary weekday before any day the suite runs on.
# The demo content is dated from the real day it is loaded, so for these tests it is all still to
# come, and newer than anything they make; they make the data they look at.
ORDINARY_DAY = datetime.datetime(2026, 6, 17, 10, 30, tzinfo=AMSTERDAM)

# Moments at which dates tend to go wrong, for tests marked date_dependent(across_the_year=True).
MOMENTS_ACROSS_THE_YEAR = {
    "ordinary-day": ORDINARY_DAY,
    "31-january-late-evening": datetime.datetime(2027, 1, 31, 23, 30, tzinfo=AMSTERDAM),
    # A quarter of an hour before the clocks jump from 02:00 to 03:00: this day has 23 hours.
    "summer-time-begins": datetime.datetime(2027, 3, 28, 1, 45, tzinfo=AMSTERDAM),
    "30-april-late-evening": datetime.datetime(2027, 4, 30, 23, 30, tzinfo=AMSTERDAM),
    # The second 02:30 of the night the clocks go back from 03:00 to 02:00: this day has 25 hours.
    "summer-time-ends": datetime.datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=AMSTERDAM),
    "31-december-late-evening": datetime.datetime(2027, 12, 31, 23, 30, tzinfo=AMSTERDAM),
    # Just after midnight, when the date in UTC is still 28 February.
    "29-february": datetime.datetime(2028, 2, 29, 0, 30, tzinfo=AMSTERDAM),
}


def pytest_generate_tests(metafunc):
    marker = metafunc.definition.get_closest_marker("date_dependent")
    if marker is not None and marker.kwargs.get("across_the_year"):
        metafunc.parametrize(
            "clock",
            list(MOMENTS_ACROSS_THE_YEAR.values()),
            ids=list(MOMENTS_ACROSS_THE_YEAR),
            indirect=True,
        )


@pytest.fixture(autouse=True)
def fresh_memory_caches():
    """Each test starts with empty in-memory caches: the content version lives in the test
    database and is rolled back with it, so a later test would otherwise meet an earlier test's
    pages and fragments under the same version."""
    for alias, cache in dj_settings.CACHES.items():
        if cache["BACKEND"].endswith("LocMemCache"):
            caches[alias].clear()


@pytest.fixture(autouse=True)
def clock(request):
    """For tests marked `date_dependent`, the clock pinned at ORDINARY_DAY (or, with
    `across_the_year=True`, at each of MOMENTS_ACROSS_THE_YEAR), ticking on from there; the
    time_machine traveller, to move it (`clock.shift(...)`). Other tests keep the real clock
    and get None.

    Session fixtures are set up before it: the demo content is loaded at the real date."""
    if request.node.get_closest_marker("date_dependent") is None:
        yield None
        return
    with time_machine.travel(getattr(request, "param", ORDINARY_DAY), tick=True) as traveller:
        yield traveller


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


@pytest.fixture(scope="session")
def collected_static_files():
    """Production settings serve the collected, hashed static files: collected once per
    worker (copied only when new), for the tests that start production servers."""
    manage(base_environment("sqlite://", 0), "collectstatic", "--noinput", "-v", "0")


@pytest.fixture
def page_cache(settings, db):
    """The page cache on (the suite runs with it off, so query counts measure rendering),
    starting empty."""
    settings.PAGE_CACHE_ENABLED = True
    caches["pagecache"].clear()
    return caches["pagecache"]


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
