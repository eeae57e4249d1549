"""`/health/` for load balancers and monitoring: JSON with database, cache, search backend and
media storage; 503 when the database is down; never cached; nothing about people or hosts."""

import json

import pytest
from django.core.cache import cache
from django.db import connections
from django.urls import reverse

from search import service


@pytest.fixture
def health(client, db):
    def get():
        response = client.get(reverse("health"))
        return response, json.loads(response.content)

    return get


@pytest.fixture
def database_down():
    """The checks run in threads of their own, which open new connections from these
    settings: point them at a database that cannot be reached."""
    original = connections.settings["default"]
    broken = dict(original)
    if original["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent/wo2030/db.sqlite3"
    else:
        broken.update(HOST="127.0.0.1", PORT="1")  # nothing listens there
    connections.settings["default"] = broken
    yield
    connections.settings["default"] = original


def test_all_parts_are_reported_and_healthy(health):
    response, body = health()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "media_storage", "search"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert body["checks"]["search"]["backend"] == "database"


def test_never_cached(health):
    response, _ = health()
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_503_when_the_database_is_down(health, database_down):
    response, body = health()
    assert response.status_code == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "unavailable"
    assert body["checks"]["cache"]["status"] == "ok"
    # Neither the path nor the host of the database is given away.
    assert "nonexistent" not in response.content.decode()
    assert "127.0.0.1" not in response.content.decode()


def test_an_unreachable_elasticsearch_degrades_but_serves(health, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"  # refused: nothing listens there
    try:
        response, body = health()
        assert service.recent_outage() is not None  # staff see it on the dashboard too
    finally:
        cache.delete(service.OUTAGE_CACHE_KEY)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["search"] == {
        "status": "unavailable",
        "seconds": body["checks"]["search"]["seconds"],
        "backend": "elasticsearch",
    }
