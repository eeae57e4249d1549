"""The anonymous full-page cache and the HTTP caching headers of public pages.

One rule (docs/architecture.md, "Caching"): everything derived from content is stored under
the current *content version*, a token (the time of the change and a random part) that only a
change to what public pages show replaces. The version lives where every process reads it
(Redis, else a file or database table), so a change anywhere reaches the next request of every
worker. An entry also expires at the next moment the clock alone changes a page (midnight, or
the hook `page_change_times`).

Never stored: anything but a GET of a route in `PAGE_CACHE_URL_NAMES`; requests with a session
or messages cookie; requests with unknown query parameters or oversized values (so junk cannot
multiply entries); responses other than 200, that set a cookie, or marked private or no-store.

The cache is an optimisation: when its store does not answer there is no version and nothing is
cached (core.cache). When rendering a page fails (its database is down), the page's last copy
is served, marked stale, from a key that no version change replaces.
"""

import contextvars
import datetime
import functools
import hashlib
import logging
import secrets
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:content-version"
# A parameter value longer than this, or more values of one parameter than this, is not a
# visitor's choice but noise: answered uncached.
MAX_VALUE_LENGTH = 100
MAX_VALUES = 8
# Cookies whose presence means the page may differ for this visitor.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

# Third-party models that public pages show. Everything else outside PAGE_CACHE_CONTENT_APPS
# (logins, lock-out rows, sessions, two-factor devices, revisions, log entries, workflow
# states, renditions made while pages are read, search hit counts) is not content.
SHOWN_THIRD_PARTY_MODELS = {
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailredirects.redirect",
    "wagtailsearchpromotions.searchpromotion",
    "taggit.tag",
    "taggit.taggeditem",
}
# A new image or document shows nowhere until content that refers to it is saved, which
# replaces the version then; so a logo uploaded with a signature changes nothing public.
SHOWN_ONCE_USED = {"wagtailimages.image", "wagtaildocs.document"}

# The request being answered holds its version here once read, so that code without the
# request at hand (a model's URL) reads the version once per request, not once per call.
_request_state = contextvars.ContextVar("content_version_of_request", default=None)
_local = threading.local()


# --- the version ---------------------------------------------------------------------------


def new_version():
    return f"{int(time.time())}-{secrets.token_hex(8)}"


def stored_version():
    """The version, or None when its store does not answer."""
    cache = caches[settings.PAGE_CACHE_VERSION_ALIAS]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def content_version():
    """The content version of the request being answered (read once per request), or the
    stored one outside a request."""
    state = _request_state.get()
    if state is None:
        return stored_version()
    if "version" not in state:
        state["version"] = stored_version()
    return state["version"]


def content_changed_at():
    """When what public pages show last changed (in whole seconds; removals included), or None
    without a version: a Last-Modified that moves with every change."""
    version = content_version()
    if version is None:
        return None
    return datetime.datetime.fromtimestamp(int(version.split("-")[0]), datetime.UTC)


def _replace_version():
    version = new_version()
    caches[settings.PAGE_CACHE_VERSION_ALIAS].set(VERSION_KEY, version, timeout=None)
    state = _request_state.get()
    if state is not None:
        # A request that changed something sees its own change in what it renders next.
        state["version"] = version


def _bump_after_commit():
    _replace_version()
    purge_frontend_cache()


def purge_frontend_cache():
    """Ask a CDN or Varnish in front (WAGTAILFRONTENDCACHE) to drop every live page. Wagtail
    purges a page it publishes; snippets, partners and signatures show on pages that did not
    change."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
    from wagtail.models import Page

    try:
        purge_pages_from_cache(Page.objects.live().specific())
    except Exception:
        logger.exception("Could not purge the frontend cache")


def bump(**kwargs):
    """Replace the content version now, and again once the current transaction commits: a
    page rendered from data read before the commit cannot be stored under the new version."""
    if getattr(_local, "migrating", False):
        # Data migrations save objects before `migrate` has made the version's table; no page
        # is cached from a database that is being migrated.
        return
    try:
        _replace_version()
        scheduled = any(entry[1] is _bump_after_commit for entry in connection.run_on_commit)
        if not scheduled:
            transaction.on_commit(_bump_after_commit)
    except Exception:
        # The store is gone (a Redis restart): entries are keyed by a version that can no
        # longer be read, so nothing stale is served.
        logger.exception("Could not replace the page cache version")


def shows_on_public_pages(instance, created=False):
    """Whether saving or deleting `instance` can change a public page. Our own models say so
    with `shows_on_public_pages` (a boolean, or a method for a model whose rows are public
    only in some states); they are content by default."""
    meta = type(instance)._meta
    if meta.app_label not in settings.PAGE_CACHE_CONTENT_APPS:
        return meta.label_lower in SHOWN_THIRD_PARTY_MODELS and not (
            created and meta.label_lower in SHOWN_ONCE_USED
        )
    shown = getattr(instance, "shows_on_public_pages", True)
    return shown() if callable(shown) else shown


def _saved_or_deleted(sender, instance, created=False, **kwargs):
    if shows_on_public_pages(instance, created):
        bump()


def _relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and shows_on_public_pages(instance):
        bump()


def _migrating(**kwargs):
    _local.migrating = True


def _migrated(**kwargs):
    _local.migrating = False


def connect():
    pre_migrate.connect(_migrating, dispatch_uid="pagecache_pre_migrate")
    post_migrate.connect(_migrated, dispatch_uid="pagecache_post_migrate")
    post_save.connect(_saved_or_deleted, dispatch_uid="pagecache_save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="pagecache_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache_m2m")
    setting_changed.connect(_urlconf_changed, dispatch_uid="pagecache_urlconf")
    # A move changes the tree with UPDATE queries, no model save.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"pagecache_{signal}")


# --- time ----------------------------------------------------------------------------------


def next_change(now=None):
    """The next moment at which a public page may change by the clock alone: the next local
    midnight, or earlier when a function registered for `page_change_times` says so."""
    now = now or timezone.now()
    midnight = datetime.datetime.combine(
        timezone.localdate(now) + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    moments = [midnight]
    for moment_after in hooks.get_hooks("page_change_times"):
        moment = moment_after(now)
        if moment is not None and moment > now:
            moments.append(moment)
    return min(moments)


def known_next_change(now=None):
    """`next_change()`, kept under the content version until that moment has passed: it is
    derived from content (the sessions' times), so only content or the clock changes it."""
    now = now or timezone.now()
    version = content_version()
    key = f"pagecache:next-change:{version}"
    moment = caches["default"].get(key) if version else None
    if moment is None or moment <= now:
        moment = next_change(now)
        if version:
            caches["default"].set(key, moment, int((moment - now).total_seconds()) + 1)
    return moment


# Values keyed by the content version (pages, fragments, kept values) live in a shared cache
# (Redis in production) and, in front of it, in this process's memory, so a value read once
# costs no round trip again: on PostgreSQL and Redis a monitor page rendered afresh read nine
# fragments, each a round trip with a new redis-py client. Only a new version (or the clock,
# within the value's time) changes such a value, so the memory's copy is never staler than
# the shared one.


def process_memory():
    """This process's memory in front of a shared cache (Redis), or None when the cache is this
    process's memory already."""
    alias = settings.PAGE_CACHE_LOCAL_ALIAS
    return caches[alias] if alias in settings.CACHES else None


def read_kept(shared, key, seconds_left):
    """The value under `key`: from this process's memory, else from `shared`, then copied into
    memory for `seconds_left(value)`; None when neither has it."""
    memory = process_memory()
    value = memory.get(key) if memory is not None else None
    if value is None:
        value = shared.get(key)
        if value is not None and memory is not None:
            memory.set(key, value, seconds_left(value))
    return value


def keep(shared, key, value, seconds):
    shared.set(key, value, seconds)
    memory = process_memory()
    if memory is not None:
        memory.set(key, value, seconds)


def remembered(key, build, seconds):
    """`build()`, kept under `key` (which names the content version) for `seconds`."""
    value = read_kept(caches["default"], key, lambda value: seconds)
    if value is None:
        value = build()
        keep(caches["default"], key, value, seconds)
    return value


def kept(name, build):
    """What `build()` makes for `name` (a URL, or another name of what it shows), kept under
    the content version until the clock could change it; built anew without a version (the
    cache does not answer)."""
    version = content_version()
    if version is None:
        return build()
    key = f"kept:{version}:{hashlib.sha256(name.encode()).hexdigest()}"
    return remembered(key, build, seconds_to_keep())


def seconds_to_keep(now=None):
    now = now or timezone.now()
    until = (known_next_change(now) - now).total_seconds()
    return max(0, min(settings.PAGE_CACHE_SECONDS, int(until)))


def remaining_seconds(stored):
    return max(0, int((stored[2] - timezone.now()).total_seconds()))


# --- the request ---------------------------------------------------------------------------


def normalised_query(request):
    """The query string in a canonical order, or None when it must not be cached: a
    parameter the site does not know, or a value or number of values beyond reason."""
    known = settings.PAGE_CACHE_QUERY_PARAMETERS
    items = []
    for name in sorted(request.GET):
        if name not in known:
            return None
        values = request.GET.getlist(name)
        if len(values) > MAX_VALUES or any(len(value) > MAX_VALUE_LENGTH for value in values):
            return None
        items.extend((name, value.strip()) for value in sorted(values) if value.strip())
    return urlencode(items)


@functools.lru_cache(maxsize=1024)
def route_name(path_info):
    """The name of the URL pattern that answers `path_info`, or None. It depends on the code
    alone, so each process resolves a path once: on a cached page, resolving took a third of
    the middleware's time (docs/performance.md)."""
    try:
        return resolve(path_info).view_name
    except Resolver404:
        return None


def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        route_name.cache_clear()


def is_cacheable_route(request):
    return route_name(request.path_info) in settings.PAGE_CACHE_URL_NAMES


def url_key(request, host, query):
    url = f"{request.scheme}://{host}{request.path}?{query}"
    return hashlib.sha256(url.encode()).hexdigest()


def _is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def public_headers(response, seconds):
    patch_cache_control(
        response,
        public=True,
        max_age=min(seconds, settings.PAGE_CACHE_BROWSER_SECONDS),
        s_maxage=min(seconds, settings.PAGE_CACHE_SHARED_SECONDS),
        stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
    )


def private_headers(response):
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_store=True)


def conditional_response(request, response):
    """A 304 when the client's copy still matches, by the ETag or by the Last-Modified date
    (the calendar feed and files send one) of what would be sent."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class PageCacheMiddleware:
    """Serve public pages to anonymous visitors from the page cache; set caching headers.

    Sits right after SecurityMiddleware and WhiteNoise: it validates the Host header before
    anything is looked up (a Host outside ALLOWED_HOSTS is a 400, never a cache key), and on
    the way out it sees every cookie the inner middleware set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.shared = caches[settings.PAGE_CACHE_ALIAS]

    def __call__(self, request):
        host = request.get_host()  # DisallowedHost (400) before the cache is consulted
        token = _request_state.set({})
        try:
            return self.answer(request, host)
        finally:
            _request_state.reset(token)

    def answer(self, request, host):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if request.method != "GET" or not is_cacheable_route(request):
            return self.get_response(request)
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            response = self.get_response(request)
            private_headers(response)
            return response
        query = normalised_query(request)
        url = url_key(request, host, query) if query is not None else None
        version = content_version()
        key = f"page:{version}:{url}" if url and version else None
        if key:
            stored = read_kept(self.shared, key, remaining_seconds)
            if stored is not None:
                return self.from_cache(request, stored)
        response = self.get_response(request)
        if response.status_code >= 500 and url:
            stored = self.shared.get(f"page-stale:{url}")
            if stored is not None:
                logger.warning("Serving the last copy of %s instead of an error", request.path)
                return self.from_cache(request, stored, stale=True)
        if not _is_storable(response):
            private_headers(response)
            return response
        seconds = seconds_to_keep()
        set_response_etag(response)
        public_headers(response, seconds)
        if key and seconds > 0:
            headers = [(name, value) for name, value in response.items() if name != "Set-Cookie"]
            expires = timezone.now() + datetime.timedelta(seconds=seconds)
            stored = (response.content, headers, expires)
            keep(self.shared, key, stored, seconds)
            self.shared.set(f"page-stale:{url}", stored, settings.PAGE_CACHE_STALE_IF_ERROR_SECONDS)
            response["X-Page-Cache"] = "miss"
        return conditional_response(request, response)

    def from_cache(self, request, stored, stale=False):
        content, headers, expires = stored
        response = HttpResponse(content, headers=dict(headers))
        # What is left of its time, for the browser and a CDN; a stale copy is not to be kept.
        del response["Cache-Control"]
        public_headers(response, 0 if stale else remaining_seconds(stored))
        response["X-Page-Cache"] = "stale" if stale else "hit"
        if stale:
            response["Warning"] = '110 - "Response is Stale"'
        return conditional_response(request, response)
