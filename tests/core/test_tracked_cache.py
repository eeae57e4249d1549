"""The content version's copy in each process (core.cache.TrackedRedisCache) on the Redis of
this machine: a kept value costs no round trip, and a change by any process reaches the very
next read of every other one. Two caches in one test stand for two processes: each has its
own copies and its own listening connection."""

import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.core.cache import caches

from core import pagecache
from core.cache import TolerantRedisCache, TrackedRedisCache
from manifest.models import ManifestAction, ManifestPage
from tests.bench.server import free_port
from tests.servers import answer, database_url, production_server, redis_answers, rename
from website.settings.env import cache_from_url, page_cache, page_cache_version

pytestmark = [
    pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379"),
    pytest.mark.usefixtures("collected_static_files"),
]
KEY = pagecache.VERSION_KEY


def redis_url(prefix, db=12):
    # Databases of their own: clear() empties a whole one.
    return f"redis://127.0.0.1:6379/{db}?prefix={prefix}"


def version_cache(url):
    """The version's cache exactly as the settings make it for CACHE_URL=url."""
    params = page_cache_version(cache_from_url(url), base_dir="")
    return TrackedRedisCache(params["LOCATION"], params)


def next_request(cache):
    """Redis writes the invalidation to the listener in the same turn of its event loop as the
    writer's "OK", microseconds apart; a request to another process comes later than that.
    Here the read follows in the same thread at once, so it waits for the message to be there
    (at most a second; no wait at all once it is)."""
    cache.listener.can_read(timeout=1)
    return cache


@pytest.fixture
def two_processes():
    url = redis_url(f"wo2030-tracked-{os.getpid()}", db=11)
    first, second = version_cache(url), version_cache(url)
    yield first, second
    first.delete(KEY)


def test_a_kept_value_costs_no_round_trip_until_another_process_changes_it(two_processes):
    first, second = two_processes
    second.set(KEY, "v1")
    assert first.get(KEY) == "v1"  # read; from now on it listens
    assert first.get(KEY) == "v1"  # read again, and kept
    # Redis no longer answers this process's reads: the kept copy still does.
    first.reader = redis.Redis.from_url(f"redis://127.0.0.1:{free_port()}/0")
    assert first.get(KEY) == "v1"
    # Another process changes it: the next read drops the copy and asks Redis, which here
    # cannot answer, so the value is unknown rather than stale.
    second.set(KEY, "v2")
    assert next_request(first).get(KEY) is None


def test_changes_removals_and_flushes_reach_the_next_read(two_processes):
    first, second = two_processes
    second.set(KEY, "v1")
    first.get(KEY)
    assert first.get(KEY) == "v1"
    second.set(KEY, "v2")
    assert next_request(first).get(KEY) == "v2"
    second.delete(KEY)
    assert next_request(first).get(KEY) is None
    second.set(KEY, "v3")
    assert next_request(first).get(KEY) == "v3"
    assert first.get(KEY) == "v3"
    second.clear()
    assert next_request(first).get(KEY) is None
    first.set(KEY, "v4")  # its own write, seen at once
    assert first.get(KEY) == "v4"
    assert second.get(KEY) == "v4"


def delay_reads(cache, monkeypatch, until):
    """Redis answers this cache's reads only once `until(value)` returns, as over a slow
    network: the value is read at once and handed over late."""
    read = cache.reader.get

    def get(key):
        value = read(key)
        until(value)
        return value

    monkeypatch.setattr(cache.reader, "get", get)


def test_threads_of_a_process_read_redis_side_by_side(two_processes, monkeypatch):
    """A thread waiting for Redis holds up no other thread of its process (gunicorn's
    GUNICORN_THREADS): both reads below are in flight at once, or neither ends."""
    first, second = two_processes
    second.set(KEY, "v1")
    both_reading = threading.Barrier(2, timeout=5)
    delay_reads(first, monkeypatch, until=lambda value: both_reading.wait())
    with ThreadPoolExecutor(2) as threads:
        assert list(threads.map(lambda _: first.get(KEY), range(2))) == ["v1", "v1"]
    assert first.copies, "a value read while listening is kept"


def test_a_value_read_while_another_process_changes_it_is_not_kept(two_processes, monkeypatch):
    first, second = two_processes
    second.set(KEY, "v1")
    old_read_done, let_old_read_end = threading.Event(), threading.Event()

    def hold_the_first_read(value):
        if not old_read_done.is_set():
            old_read_done.set()
            assert let_old_read_end.wait(timeout=5)

    delay_reads(first, monkeypatch, until=hold_the_first_read)
    with ThreadPoolExecutor(1) as threads:
        old_read = threads.submit(first.get, KEY)
        assert old_read_done.wait(timeout=5)
        second.set(KEY, "v2")
        # Another thread applies the invalidation and reads the new value meanwhile.
        assert next_request(first).get(KEY) == "v2"
        let_old_read_end.set()
        assert old_read.result() == "v1"  # it was read before the change
    assert first.get(KEY) == "v2"


def test_other_keys_of_the_same_redis_are_not_tracked(two_processes):
    """Pages and rate limits live under other prefixes: their writes send no invalidations to
    the version's listeners. (A flush of any Redis database, which tests running beside this
    one may do, is sent to every listener: that message names no key.)"""
    first, _ = two_processes
    first.set(KEY, "v1")
    first.get(KEY)
    first.get(KEY)
    pages = cache_from_url(redis_url(f"{first.key_prefix.removesuffix('-version')}", db=11))
    other = TolerantRedisCache(pages["LOCATION"], page_cache(pages)["pagecache"])
    other.set("page:x", "html")
    named = []
    while first.listener.can_read(timeout=0.05):
        _, _, keys = first.listener.read_response()
        named += keys or []
    assert named == []
    other.delete("page:x")


@pytest.mark.django_db(transaction=True)
def test_a_renamed_page_is_linked_rightly_by_every_production_worker_at_once(
    initial_content, tmp_path, settings
):
    """Two production servers on Redis, each keeping pages and the version in its memory: a
    page published here, whose version lives in the same Redis as theirs, shows rightly on the
    very next request to each of them (the first renders the page, the second may find that
    copy in Redis)."""
    url = redis_url(f"wo2030-workers-{os.getpid()}")
    settings.CACHES = {
        **settings.CACHES,
        "pagecache_version": page_cache_version(cache_from_url(url), base_dir=""),
    }
    elsewhere = caches["pagecache_version"]
    manifest = ManifestPage.objects.get()
    action = ManifestAction.objects.order_by("pk").first()
    path = f"{manifest.url}acties/"

    def publish(slug):
        version = elsewhere.get(KEY)
        rename(manifest, slug)  # publishing replaces the version, in Redis
        assert elsewhere.get(KEY) != version

    try:
        with (
            production_server(tmp_path, database_url(), url) as first,
            production_server(tmp_path, database_url(), url) as second,
        ):
            for server in (first, second):
                answer(server, path)
                response, _ = answer(server, path)
                assert response.getheader("X-Page-Cache") == "hit"
            publish("m2")
            for server in (first, second):
                _, body = answer(server, "/m2/acties/")
                assert f"/m2/acties/{action.slug}/" in body
            publish("manifest")
            for server in (first, second):
                response, body = answer(server, path)
                assert response.status == 200
                assert f"/manifest/acties/{action.slug}/" in body
                assert not re.search(r'href="/m2/', body)
                assert answer(server, path)[0].getheader("X-Page-Cache") == "hit"
    finally:
        elsewhere.delete(KEY)


@pytest.fixture
def without_client_commands():
    """A Redis user whose ACL refuses CLIENT, as a managed Redis may: the listening
    connection cannot be opened."""
    admin = redis.Redis(host="127.0.0.1", port=6379)
    user = f"wo2030-no-client-{os.getpid()}"
    admin.acl_setuser(
        user,
        enabled=True,
        passwords=["+secret"],
        keys=["*"],
        channels=["*"],
        commands=["+@all", "-client"],
    )
    yield redis_url(f"wo2030-acl-{os.getpid()}", db=11).replace("//", f"//{user}:secret@", 1)
    admin.acl_deluser(user)


def test_without_a_listening_connection_reads_ask_redis_and_retry_it_only_now_and_then(
    without_client_commands, caplog, monkeypatch
):
    refused, writer = version_cache(without_client_commands), version_cache(without_client_commands)
    writer.set(KEY, "v1")
    for _ in range(20):
        assert refused.get(KEY) == "v1"
    writer.set(KEY, "v2")  # no copy was kept: the very next read sees it
    assert refused.get(KEY) == "v2"

    def attempts_to_listen():
        return sum("Not keeping copies" in record.message for record in caplog.records)

    assert attempts_to_listen() == 1, "one attempt to listen, not one per read"
    monkeypatch.setattr(TrackedRedisCache, "LISTEN_RETRY_SECONDS", 0)  # as if its time is over
    refused.get(KEY)
    refused.get(KEY)
    assert attempts_to_listen() == 3
    writer.delete(KEY)
