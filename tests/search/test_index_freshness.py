"""The hourly search-index check among the scheduled jobs: an Elasticsearch index
that lost updates (a count that differs, or an outage since) is rebuilt; the database backend
needs nothing. Elasticsearch is the fake server of test_elasticsearch_backend."""

import pytest

from partners.models import directory_index
from search import service

from .test_elasticsearch_backend import FakeServer, fake_backend


@pytest.fixture
def server():
    return FakeServer()


@pytest.fixture
def backend(server):
    return fake_backend(server)


def live_partners():
    return directory_index().queryset().count()


def test_the_database_backend_needs_nothing(db):
    assert service.refresh_stale_indexes() == "database backend: nothing to refresh"


def test_a_missing_or_incomplete_index_is_rebuilt(db, server, backend):
    expected = live_partners()
    assert expected > 0
    assert (
        service.refresh_stale_indexes(backend) == f"partner: rebuilt, None -> {expected} documents"
    )
    assert service.refresh_stale_indexes(backend) == f"partner: {expected} documents, up to date"

    # An update lost while Elasticsearch was unreachable: one document too few.
    [concrete] = server.indices
    server.indices[concrete].pop()
    assert "rebuilt" in service.refresh_stale_indexes(backend)
    assert backend.count(directory_index()) == expected


def test_after_an_outage_the_index_is_rebuilt_and_the_warning_cleared(db, server, backend):
    service.refresh_stale_indexes(backend)
    service.record_outage(RuntimeError("connection refused"))
    assert "rebuilt" in service.refresh_stale_indexes(backend)
    assert service.recent_outage() is None
