"""A renamed page is linked rightly on the very next request of every worker: two servers in
processes of their own, each with its own memory (page cache, fragments, page URLs), on the
test database; the test renames pages in between (docs/architecture.md, "Caching")."""

import contextlib
import os
import re

import pytest

from campuses.models import CampusIndexPage, CampusPage
from manifest.models import ManifestAction, ManifestPage
from partners.models import PartnerIndexPage
from tests.bench.server import free_port, gunicorn
from tests.servers import database_url, rename


@contextlib.contextmanager
def servers(tmp_path, count):
    """`count` gunicorn workers, each in a process of its own, with the page cache on, on the
    database this test committed to. Test settings, so the servers read the content version
    where this process writes it (the test database)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
        "DATABASE_URL": database_url(),
        "PAGE_CACHE_ENABLED": "1",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "",
    }
    with contextlib.ExitStack() as stack:
        ports = [free_port() for _ in range(count)]
        yield [
            stack.enter_context(gunicorn(env | {"PORT": str(port)}, tmp_path / f"{port}.log"))
            for port in ports
        ]


def html(worker, path):
    response, body = worker.get(path)
    assert response.status == 200, (path, response.status, worker.log_text()[-2000:])
    return body.decode()


@pytest.fixture
def workers(initial_content, tmp_path):
    with servers(tmp_path, 2) as started:
        yield started


def links(text, pattern):
    return re.findall(rf'href="({pattern})"', text)


@pytest.mark.django_db(transaction=True)
def test_renamed_pages_are_linked_rightly_by_every_worker_at_once(workers):
    manifest = ManifestPage.objects.get()
    action = ManifestAction.objects.order_by("pk").first()
    campus = CampusPage.objects.live().order_by("pk").first()
    campuses = CampusIndexPage.objects.get()
    directory = PartnerIndexPage.objects.get()
    partner = campus.partners.filter(live=True).first()
    assert partner is not None
    pages = [manifest.url + "acties/", campuses.url, campus.url]
    for worker in workers:  # every page cached by both, as on a running site
        for path in pages:
            html(worker, path)
            assert html(worker, path)

    # The manifest moves to /m2/ and back; a worker renders /m2/acties/ in between.
    rename(manifest, "m2")
    assert links(html(workers[0], "/m2/acties/"), f"/m2/acties/{action.slug}/")
    rename(manifest, "manifest")
    for worker in workers:
        text = html(worker, "/manifest/acties/")
        assert links(text, f"/manifest/acties/{action.slug}/")
        assert not links(text, '/m2/[^"]*')

    # A campus gets a new address: the list links to it at once.
    old_slug = campus.slug
    rename(campus, old_slug + "-nieuw")
    for worker in workers:
        assert links(html(worker, campuses.url), f"{campuses.url}{old_slug}-nieuw/")

    # The directory moves: a campus page links its partners' profiles at the new address.
    rename(directory, "organisaties")
    rename(directory, "partnergids")
    campus_url = CampusPage.objects.get(pk=campus.pk).url
    for worker in workers:
        text = html(worker, campus_url)
        assert links(text, f"/partnergids/{partner.slug}/")
        assert not links(text, '/(partners|organisaties)/[^"]*')
