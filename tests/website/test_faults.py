"""The site with a dead service: production servers (gunicorn, website.settings.production) on
the test database, with Redis or the database on a closed port of loopback. No answer is a 500:
without Redis the pages are rendered uncached; without the database the pages kept in Redis
are served, stale where the content moved on, and anything else is a Dutch 503."""

import json
import os

import pytest
import redis

from tests.bench.page_urls import page_urls
from tests.bench.server import free_port
from tests.manifest.signatures import SIGN_URL
from tests.servers import (
    REDIS_HOST,
    REDIS_PORT,
    answer,
    database_url,
    production_server,
    redis_answers,
)

# The servers read what the test committed.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("collected_static_files"),
]

REDIS_DB = 13


def public_pages():
    urls = page_urls()
    return [urls[name] for name in ("home", "directory", "agenda list", "actions list")]


def test_without_redis_everything_is_served_uncached(initial_content, tmp_path):
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    with production_server(tmp_path, database_url(), dead_redis) as server:
        api = ["/api/", "/api/partners/", "/api/acties/", "/api/partners.csv"]
        for path in [*public_pages(), SIGN_URL, *api]:
            for _ in range(2):  # the second time too: nothing was kept
                response, _ = answer(server, path)
                assert response.status == 200, path
                assert response.getheader("X-Page-Cache") != "hit"
        response, body = answer(server, "/health/")
        assert response.status == 200
        health = json.loads(body)
        assert health["status"] == "degraded"
        assert health["checks"]["cache"]["status"] == "unavailable"
        assert health["checks"]["database"]["status"] == "ok"
        assert "The cache did not answer" in server.log_text()


@pytest.mark.skipif(not redis_answers(), reason="the pages are kept in Redis on 127.0.0.1:6379")
def test_without_the_database_kept_pages_are_served_and_the_rest_is_a_503(
    initial_content, tmp_path
):
    prefix = f"wo2030-faults-{os.getpid()}"
    cache_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}?prefix={prefix}"
    store = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
    pages = public_pages()
    try:
        with production_server(tmp_path, database_url(), cache_url) as server:
            for path in pages:
                assert answer(server, path)[0].status == 200

        dead_database = f"postgres://wo2030@127.0.0.1:{free_port()}/wo2030"
        with production_server(tmp_path, dead_database, cache_url) as server:
            for path in pages:
                response, _ = answer(server, path)
                assert (response.status, response.getheader("X-Page-Cache")) == (200, "hit")
            # The content changed before the database went: no copy is current any more.
            store.delete(f"{prefix}-version:1:pagecache:content-version")
            for path in pages:
                response, body = answer(server, path)
                assert (response.status, response.getheader("X-Page-Cache")) == (200, "stale")
                assert response.getheader("Warning").startswith("110")
                assert "max-age=0" in response.getheader("Cache-Control")
                assert "<main" in body
            for path in (SIGN_URL, "/manifest/", "/api/partners/"):
                response, body = answer(server, path)
                assert response.status == 503, path
                assert int(response.getheader("Retry-After")) > 0
                assert "tijdelijk niet beschikbaar" in body.lower()
            response, body = answer(server, "/health/")
            assert response.status == 503
            assert json.loads(body)["checks"]["database"]["status"] == "unavailable"
    finally:
        for key in store.scan_iter(f"{prefix}*"):
            store.delete(key)
