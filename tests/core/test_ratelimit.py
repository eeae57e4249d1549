"""Too many requests get one answer everywhere: the Dutch 429 page with Retry-After."""

import datetime
import logging
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core import pagecache
from core.ratelimit import CACHE_ALIAS, HOUR
from events.models import EventIndexPage
from manifest.models import Signature
from tests.servers import database_url
from website.settings.env import RATELIMIT_DATABASE_CACHE, cache_from_url, ratelimit_cache

CACHE_VARIABLES = {"CACHE_URL", "REDIS_URL"}


def test_the_429_page_says_when_to_try_again(client, home_page, settings):
    settings.SIGNATURE_SUBMISSIONS_PER_HOUR = 0
    response = client.post("/manifest/ondertekenen/", {"organisation_name": "Test"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Even geduld, alstublieft" in html
    assert 'href="/contact/"' in html
    assert not Signature.objects.filter(partner__name="Test").exists()


def test_a_registration_over_the_limit_gets_the_same_page(client, home_page, settings):
    settings.EVENT_REGISTRATIONS_PER_HOUR = 0
    agenda = EventIndexPage.objects.get()
    event = (
        agenda.get_children().live().specific().filter(eventpage__registration_mode="site").first()
    )
    response = client.post(f"{event.url}aanmelden/", {})
    assert response.status_code == 429
    assert "Even geduld, alstublieft" in response.content.decode()
    assert response["Retry-After"]


# One client hitting one scope `HITS` times, as a worker process of the default configuration
# (no CACHE_URL) would; it prints how many hits were allowed.
WORKER = """
import sys
import django

django.setup()
from django.test import RequestFactory
from core.ratelimit import hit

request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
print("ready", flush=True)
sys.stdin.readline()
print(sum(hit(request, "two-workers", int(sys.argv[1])) for _ in range(int(sys.argv[2]))))
"""
LIMIT, HITS = 30, 20


def test_two_worker_processes_share_one_count(transactional_db):
    environment = {
        **{name: value for name, value in os.environ.items() if name not in CACHE_VARIABLES},
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "DATABASE_URL": database_url(),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(LIMIT), str(HITS)],
            cwd=settings.BASE_DIR,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for worker in workers:  # both are set up before either counts
            assert worker.stdout.readline() == "ready\n"
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        allowed = [int(worker.communicate(timeout=120)[0]) for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
        caches[CACHE_ALIAS].clear()
    assert sum(allowed) == LIMIT


def test_a_count_keeps_the_end_of_its_window(db):
    counts = caches[CACHE_ALIAS]
    counts.add("window", 0, timeout=HOUR)
    assert counts.incr("window") == 1
    assert counts.incr("window", 2) == 3
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM core_ratelimit_cache WHERE cache_key = %s",
            [counts.make_key("window")],
        )
        [expires] = cursor.fetchone()
    if timezone.is_naive(expires):  # SQLite keeps UTC without a zone
        expires = expires.replace(tzinfo=datetime.UTC)
    # Django's own incr would have given it the cache's default timeout of five minutes.
    assert expires > timezone.now() + datetime.timedelta(minutes=50)


def test_a_missing_count_cannot_be_incremented(db):
    with pytest.raises(ValueError):
        caches[CACHE_ALIAS].incr("never-added")


def test_migrate_creates_the_table_of_the_counts(transactional_db):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE core_ratelimit_cache")
    call_command("migrate", verbosity=0)
    assert "core_ratelimit_cache" in connection.introspection.table_names()


def test_without_a_shared_cache_the_counts_are_kept_in_the_database():
    for url in ["locmem://", "dummy://"]:
        assert ratelimit_cache(cache_from_url(url)) == RATELIMIT_DATABASE_CACHE
    redis = cache_from_url("redis://127.0.0.1:6379/0")
    assert ratelimit_cache(redis) == redis


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite locks the whole database for a write"
)
def test_a_count_never_waits_for_a_long_write_elsewhere(transactional_db, client, caplog):
    """A long import holds SQLite's write lock: the count gives up at once and lets the request
    through, with a warning, instead of hanging until the worker is killed."""
    pagecache.stored_version()  # the version exists before the lock is taken
    importer = sqlite3.connect(connection.settings_dict["NAME"])
    importer.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.WARNING, logger="core.ratelimit"):
            response = client.get(reverse("api:list", args=["acties"]))
    finally:
        importer.rollback()
        importer.close()
    assert response.status_code == 200
    assert "not counted" in caplog.text
