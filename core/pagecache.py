"""The anonymous full-page cache and the HTTP caching headers of public pages (issue 14).

How it stays exact (docs/architecture.md, "Page cache"):

- **One site-wide version.** Every cached page is stored under the current *content version*.
  Any save, delete or relation change of a model that can show on a public page, and every
  page publish, unpublish, move or delete, replaces the version (`bump()`), so the next
  anonymous request of every page renders afresh. The version lives in a cache that all
  processes share (Redis when `CACHE_URL` names it, else a database table), so a change made in
  one worker, a management command or the admin reaches every worker at once.
- **Time.** An entry never outlives the next moment its content could change by the clock
  alone: the next local midnight ("today", the default month, date-based states) and the next
  moment registered by an app (`register_change_time`; the calendar registers the next start
  or end of a session, when an event stops being "upcoming").
- **What is never stored:** anything but a GET of a page or public view named in
  `PAGE_CACHE_URL_NAMES`; requests that carry a session or message cookie (logged-in staff,
  previews, visitors after a form); requests with query parameters the site does not know or
  with oversized values (they are answered, uncached, so junk parameters cannot multiply
  entries); responses other than 200, responses that set a cookie (a CSRF token: the sign and
  registration forms) and responses marked private or no-store (personal pages).

The version is read before the page is rendered and the bump runs again after the change's
transaction commits, so a page rendered from data older than the change can never be stored
under the version that follows it.
"""

import contextvars
import datetime
import hashlib
import logging
import pickle
import secrets
import threading
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
# A parameter value longer than this, or more values of one parameter than this, is not a
# visitor's choice but noise: answered uncached.
MAX_VALUE_LENGTH = 100
MAX_VALUES = 8
# Cookies whose presence means the page may differ for this visitor.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

_change_time_functions = []
_local = threading.local()


def register_change_time(function):
    """Register a function returning the next moment (an aware datetime, or None) at which a
    public page may change by the passing of time alone. Cached pages expire by then."""
    _change_time_functions.append(function)
    return function


# --- the version ---------------------------------------------------------------------------


def version_cache():
    return caches[settings.PAGE_CACHE_VERSION_ALIAS]


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_version():
    cache = version_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def request_version(request):
    """The version, read once per request (the page cache middleware may have read it)."""
    if not hasattr(request, "content_version"):
        request.content_version = current_version()
    return request.content_version


# The request being answered, for code that has no request at hand (a queryset method, a
# model's routing) but needs its content version: set by the middleware around every request.
_serving_request = contextvars.ContextVar("serving_request", default=None)
# What `memo` computed under the current version in this process: {version: {key: value}}.
_memo = {}
# A site has a few dozen memos; far more means keys that grow with input, so start over.
MEMO_LIMIT = 1000


def memo(key, compute):
    """`compute()`, run once per content version in this process.

    For data that changes only when the content does (the page tree, the site settings,
    which pages are restricted): under one version it cannot change, so every request in
    between reads it from memory instead of the database. Every process keeps its own copy
    and compares versions, which all processes share, so a change reaches all of them.
    The value is shared by every request: it must be treated as read-only (see `memo_copy`).
    """
    values = _memo_values()
    try:
        return values[key]
    except KeyError:
        value = values[key] = compute()
        return value


def _memo_values():
    request = _serving_request.get()
    version = request_version(request) if request is not None else current_version()
    values = _memo.get(version)
    if values is None or len(values) >= MEMO_LIMIT:
        _memo.clear()
        values = _memo[version] = {}
    return values


def memo_until_change(key, compute):
    """As `memo`, for data that also changes with the clock ("upcoming", "today"): computed
    again once the next moment it may change (`next_change`, the rule cached pages expire
    by) has passed."""
    values = _memo_values()
    now = timezone.now()
    entry = values.get(key)
    if entry is None or entry[1] <= now:
        entry = values[key] = (compute(), known_next_change(now))
    return entry[0]


def known_next_change(now=None):
    """`next_change()`, asked once per content version until that moment has passed."""
    now = now or timezone.now()
    values = _memo_values()
    moment = values.get("next-change")
    if moment is None or moment <= now:
        moment = values["next-change"] = next_change(now)
    return moment


def memo_copy(key, compute):
    """As `memo`, but each caller gets its own copy (model instances that views annotate)."""
    return pickle.loads(memo(key, lambda: pickle.dumps(compute())))  # noqa: S301 - our own


class ServingRequestMiddleware:
    """Make the request known to `memo` while it is answered, so its content version is read
    at most once, and only when something asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _serving_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _serving_request.reset(token)


def _replace_version():
    version = secrets.token_hex(8)
    version_cache().set(VERSION_KEY, version, timeout=None)
    request = _serving_request.get()
    if request is not None:
        # A request that changed something sees its own change in what it renders next.
        request.content_version = version


def _bump_after_commit():
    _replace_version()
    purge_frontend_cache()


def purge_frontend_cache():
    """Ask a CDN or Varnish in front (WAGTAILFRONTENDCACHE) to drop every live page, as the
    version does for the page cache. Wagtail's own frontend_cache handlers already purge a
    page when it is published or unpublished; this covers snippets, partners, signatures and
    registrations, which show on pages that did not change themselves."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().specific())
    try:
        batch.purge()
    except Exception:
        logger.exception("Could not purge the frontend cache")


def bump(**kwargs):
    """Invalidate every cached page now, and again once the current transaction commits."""
    if getattr(_local, "migrating", False):
        # Data migrations save objects before `migrate` has made the version's table; no page
        # is cached from a database that is being migrated.
        return
    try:
        _replace_version()
        # Again after commit, with the frontend cache purge: once per transaction (a rolled-back
        # one drops its callbacks), and at once for a save outside any transaction.
        scheduled = any(entry[1] is _bump_after_commit for entry in connection.run_on_commit)
        if not scheduled:
            transaction.on_commit(_bump_after_commit)
    except Exception:
        # The cache or its table is gone (tests flushing, a Redis restart): entries are keyed
        # by a version that can no longer be read, so nothing stale is served.
        logger.exception("Could not replace the page cache version")


# Saved or deleted while visitors read pages, or never shown on a public page: they must not
# throw every cached page away. Everything else does (exactness over cleverness).
IGNORED_LABELS = {
    "sessions.session",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailsearch.indexentry",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "auth.user",
    "admin.logentry",
    "django_tasks_database.dbtaskresult",
    "contenttypes.contenttype",
}


def _is_ignored(sender):
    from wagtail.images.models import AbstractRendition

    meta = getattr(sender, "_meta", None)
    if meta is None or meta.label_lower in IGNORED_LABELS:
        return True
    # Renditions are made while anonymous visitors read pages.
    return issubclass(sender, AbstractRendition)


def _model_changed(sender, **kwargs):
    if not _is_ignored(sender):
        bump()


def _relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and not _is_ignored(type(instance)):
        bump()


def _migrating(**kwargs):
    _local.migrating = True


def _migrated(**kwargs):
    _local.migrating = False


def connect():
    from django.db.models.signals import post_migrate, pre_migrate
    from wagtail.signals import page_published, page_unpublished, post_page_move

    pre_migrate.connect(_migrating, dispatch_uid="pagecache_pre_migrate")
    post_migrate.connect(_migrated, dispatch_uid="pagecache_post_migrate")

    post_save.connect(_model_changed, dispatch_uid="pagecache_save")
    post_delete.connect(_model_changed, dispatch_uid="pagecache_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="pagecache_m2m")
    # A move changes the tree with UPDATE queries, no model save.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump, dispatch_uid=f"pagecache_{signal}")


# --- time ----------------------------------------------------------------------------------


def next_change(now=None):
    """The next moment at which a public page may change by the clock: the next local
    midnight, or earlier when a registered function says so."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    midnight = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    moments = [midnight]
    for function in _change_time_functions:
        moment = function(now)
        if moment is not None and moment > now:
            moments.append(moment)
    return min(moments)


def seconds_to_keep(now=None):
    now = now or timezone.now()
    until = (next_change(now) - now).total_seconds()
    return max(0, min(settings.PAGE_CACHE_SECONDS, int(until)))


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


def is_cacheable_route(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in settings.PAGE_CACHE_URL_NAMES


def cache_key(request, version, query):
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{version}:{digest}"


def is_personal(request):
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def _is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def etag_for(content):
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


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


def _not_modified(request, etag):
    return etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]


class PageCacheMiddleware:
    """Serve public pages to anonymous visitors from the page cache; set caching headers.

    Sits right after SecurityMiddleware and WhiteNoise: it validates the Host header before
    anything is looked up (a Host outside ALLOWED_HOSTS is a 400, never a cache key), and on
    the way out it sees every cookie the inner middleware set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.get_host()  # DisallowedHost (400) before the cache is consulted
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if request.method != "GET" or not is_cacheable_route(request):
            return self.get_response(request)
        if is_personal(request):
            response = self.get_response(request)
            private_headers(response)
            return response
        query = normalised_query(request)
        version = request_version(request) if query is not None else None
        key = cache_key(request, version, query) if version else None
        if key:
            stored = page_cache().get(key)
            if stored is not None:
                return self.from_cache(request, stored)
        response = self.get_response(request)
        if not _is_storable(response):
            private_headers(response)
            return response
        seconds = seconds_to_keep()
        etag = etag_for(response.content)
        response["ETag"] = etag
        public_headers(response, seconds)
        if key and seconds > 0:
            headers = [(name, value) for name, value in response.items() if name != "Set-Cookie"]
            expires = timezone.now() + datetime.timedelta(seconds=seconds)
            page_cache().set(key, (response.content, headers, expires), seconds)
            response["X-Page-Cache"] = "miss"
        if _not_modified(request, etag):
            return self.not_modified(response)
        return response

    def from_cache(self, request, stored):
        content, headers, expires = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        # What is left of its time, for the browser and a CDN.
        del response["Cache-Control"]
        public_headers(response, max(0, int((expires - timezone.now()).total_seconds())))
        response["X-Page-Cache"] = "hit"
        if _not_modified(request, response["ETag"]):
            return self.not_modified(response)
        return response

    @staticmethod
    def not_modified(response):
        not_modified = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary", "Content-Location"):
            if name in response:
                not_modified[name] = response[name]
        return not_modified
