"""The anonymous page cache: what is stored, what never is, and its HTTP headers."""

import datetime

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.models import Page

from core import pagecache
from core.links import live_page_url
from events.factories import EventIndexPageFactory
from manifest.models import ManifestPage
from tests.bench.server import free_port
from tests.servers import redis_answers
from website import urls as site_urls
from website.settings.env import cache_from_url


def test_an_anonymous_page_is_stored_and_served_from_the_cache(client, home_page, page_cache):
    first = client.get(home_page.url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(home_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    cache_control = second["Cache-Control"]
    for part in ("public", "max-age=", "s-maxage=", "stale-while-revalidate="):
        assert part in cache_control


def test_a_matching_etag_is_answered_with_304(client, home_page, page_cache):
    etag = client.get(home_page.url)["ETag"]
    for _ in range(2):  # once rendered, once from the cache
        response = client.get(home_page.url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
    assert client.get(home_page.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_logged_in_user_is_never_served_or_stored(client, home_page, page_cache, admin_user):
    client.get(home_page.url)  # an anonymous copy exists
    client.force_login(admin_user)
    response = client.get(home_page.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get(home_page.url)["X-Page-Cache"] == "hit"
    # A visitor with a session cookie never gets the anonymous copy either.
    client.cookies["sessionid"] = "whatever"
    assert "X-Page-Cache" not in client.get(home_page.url)


def test_a_post_is_never_stored(client, page_cache):
    url = reverse("search")
    client.post(url, {"q": "techniek"})
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_forms_with_a_csrf_token_are_private(client, home_page, page_cache):
    manifest = ManifestPage.objects.get()
    sign_url = manifest.url + manifest.reverse_subpage("sign")
    for _ in range(2):
        response = client.get(sign_url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_personal_links_are_never_stored(client, home_page, page_cache):
    manifest = ManifestPage.objects.get()
    url = manifest.url + manifest.reverse_subpage("sign_confirm", args=["onbekend"])
    response = client.get(url)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_unknown_parameters_are_answered_but_never_stored(client, page_cache):
    url = reverse("manifest:initiative_list")
    for number in range(3):
        response = client.get(url, {f"junk{number}": "x"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(url, {"regio": "x" * 500})
    assert "X-Page-Cache" not in client.get(url, {"regio": [f"r{n}" for n in range(20)]})


def test_known_parameters_in_any_order_share_one_entry(client, page_cache):
    url = reverse("manifest:initiative_list")
    assert client.get(f"{url}?regio=a&thema=b")["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?thema=b&regio=a")["X-Page-Cache"] == "hit"
    assert client.get(f"{url}?thema=b&regio=a&regio=")["X-Page-Cache"] == "hit"


def test_a_foreign_host_is_refused_before_the_cache(client, home_page, page_cache):
    client.get(home_page.url)
    response = client.get(home_page.url, HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "X-Page-Cache" not in response


def test_the_admin_and_other_views_are_not_cached(client, page_cache):
    response = client.get(reverse("wagtailadmin_login"))
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(reverse("robots_txt"))


def plain_view(request):
    return HttpResponse("plain")


# The site's URLconf, in which "/" is not a page.
urlpatterns = [path("", plain_view, name="plain"), *site_urls.urlpatterns]


def test_routes_are_resolved_once_and_again_under_another_urlconf(
    client, home_page, page_cache, settings
):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    settings.ROOT_URLCONF = __name__
    response = client.get("/")
    assert response.content == b"plain"
    assert "X-Page-Cache" not in response


def test_not_found_is_not_stored(client, home_page, page_cache):
    for _ in range(2):
        response = client.get(home_page.url + "bestaat-niet/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_reading_public_pages_does_not_invalidate_the_cache(client, home_page, page_cache):
    # Renditions, search hit counts and the like are written while visitors read: they must
    # not throw the cache away, or it would never be warm.
    urls = [page.url for page in Page.objects.live().specific() if page.url][:25]
    urls += [reverse("search") + "?q=techniek", reverse("manifest:initiative_list")]
    version = pagecache.stored_version()
    for url in urls:
        client.get(url)
    assert pagecache.stored_version() == version
    assert all(client.get(url).get("X-Page-Cache") in ("hit", None) for url in urls)


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_works_with_redis(client, home_page, settings):
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/13",
        "KEY_PREFIX": "wo2030-test-pagecache",
    }
    settings.CACHES = {**settings.CACHES, "pagecache": redis, "pagecache_version": redis}
    settings.PAGE_CACHE_ENABLED = True
    caches["pagecache"].clear()
    assert client.get(home_page.url)["X-Page-Cache"] == "miss"
    assert client.get(home_page.url)["X-Page-Cache"] == "hit"
    home_page.title = "Nieuwe titel van de homepage"
    home_page.save_revision().publish()
    response = client.get(home_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nieuwe titel van de homepage" in response.content.decode()
    caches["pagecache"].clear()


def test_cached_pages_expire_at_midnight_or_the_next_session_start_or_end(db, settings):
    from events.models import EventSession

    EventSession.objects.all().delete()  # the demo agenda's sessions would come first
    now = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 59, 0))
    assert pagecache.next_change(now) == timezone.make_aware(datetime.datetime(2026, 12, 1))
    assert pagecache.seconds_to_keep(now) == 60
    settings.PAGE_CACHE_SECONDS = 30
    assert pagecache.seconds_to_keep(now) == 30


@pytest.mark.date_dependent
def test_an_event_ending_before_midnight_ends_the_cached_pages_then(db, home_page):
    from events.factories import EventPageFactory
    from events.models import EventSession

    agenda = EventIndexPageFactory(parent=home_page, title="Testagenda", slug="testagenda")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = EventPageFactory(
        parent=agenda, dates=[(tomorrow, datetime.time(10), datetime.time(12))]
    )
    session = event.sessions.get()
    before_start = session.starts_at - datetime.timedelta(minutes=5)
    assert pagecache.next_change(before_start) == session.starts_at
    during = session.starts_at + datetime.timedelta(minutes=5)
    assert min(pagecache.next_change(during), session.ends_at) == pagecache.next_change(during)
    assert EventSession.objects.filter(ends_at__gt=during, starts_at__lt=during).exists()


def test_a_change_purges_a_frontend_cache_in_front(
    home_page, settings, django_capture_on_commit_callbacks
):
    """A local HTTP server stands in for Varnish: after a partner is saved (a change that is
    not a page), every live page is purged once the transaction commits."""
    import http.server
    import threading

    from partners.factories import PartnerFactory

    purged = []

    class Varnish(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Varnish)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    try:
        with django_capture_on_commit_callbacks(execute=True):
            PartnerFactory(name="Purgebedrijf")
    finally:
        server.shutdown()
    assert home_page.url in purged
    assert ManifestPage.objects.get().url in purged


def without_redis(settings):
    dead = cache_from_url(f"redis://127.0.0.1:{free_port()}/0")
    settings.CACHES = {**settings.CACHES, "pagecache": dead, "pagecache_version": dead}


def test_without_an_answering_redis_pages_are_rendered_and_nothing_is_kept(
    client, home_page, settings, caplog
):
    """No version, so not even this process's memory keeps a page: it could not learn that
    the content changed."""
    without_redis(settings)
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get(home_page.url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert pagecache.stored_version() is None
    assert "The cache did not answer" in caplog.text


def test_without_an_answering_redis_page_urls_follow_a_renamed_page(home_page, settings):
    without_redis(settings)
    manifest = ManifestPage.objects.get()
    assert live_page_url(ManifestPage) == "/manifest/"
    manifest.slug = "m2"
    manifest.save_revision().publish()
    assert live_page_url(ManifestPage) == "/m2/"


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_a_value_read_once_from_redis_is_then_read_from_this_process(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
            "KEY_PREFIX": "wo2030-test-remembered",
        },
        "pagecache_local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "remembered",
        },
    }
    shared, memory = caches["default"], caches["pagecache_local"]
    shared.clear()
    built = []

    def build():
        built.append("fragment")
        return "fragment"

    assert pagecache.remembered("content:v1", build, 60) == "fragment"
    assert shared.get("content:v1") == "fragment"
    shared.delete("content:v1")
    # Read again from this process's memory: no round trip, nothing built again.
    assert pagecache.remembered("content:v1", build, 60) == "fragment"
    assert built == ["fragment"]
    # What another process kept in Redis is read from there once, then from memory.
    shared.set("content:v2", "kept by another process", 60)
    assert pagecache.remembered("content:v2", build, 60) == "kept by another process"
    assert memory.get("content:v2") == "kept by another process"
    assert built == ["fragment"]
    shared.clear()
