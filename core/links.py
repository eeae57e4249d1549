"""The URL of a page type the site has once (the partner directory, the manifest), for
models whose public URL is a route of that page: `Partner.get_absolute_url()` must cost no
query per partner in a list, and must not break when an editor renames the page's slug. Kept
under the content version, like everything derived from content (core/pagecache.py).
"""

from urllib.parse import urljoin

from django.conf import settings

from .pagecache import content_version

_urls: dict[tuple[str, str], str] = {}


def live_page_url(page_model):
    """The URL of the live page of `page_model` (the first in the tree); "" without one."""
    version = content_version()
    if version is None:  # no version readable (the cache is down): nothing may be kept
        return _find_live_url(page_model)
    key = (version, page_model._meta.label_lower)
    if key not in _urls:
        if any(version != key[0] for version, _ in _urls):
            _urls.clear()
        _urls[key] = _find_live_url(page_model)
    return _urls[key]


def _find_live_url(page_model):
    page = page_model.objects.live().order_by("path").first()
    return (page.url or "") if page is not None else ""


def routed_url(page_model, route, *args):
    """The URL of a named route of the live page of a routable page type; "" without one."""
    base = live_page_url(page_model)
    return base + page_model.get_resolver().reverse(route, *args) if base else ""


def absolute_url(url):
    """`url` (a path, or already a full URL such as object storage gives) on the site's public
    address, SITE_URL: for e-mails, feeds and share tags, which leave the request behind."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL, url)
