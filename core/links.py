"""The URL of a page type the site has once (the partner directory, the manifest), for
models whose public URL is a route of that page: `Partner.get_absolute_url()` must cost no
query per partner in a list, and must not break when an editor renames the page's slug.

URLs are remembered per process for a short while and forgotten at once when this process
publishes, unpublishes, moves or deletes a page; other processes see the change within
MEMO_SECONDS. (The memo is per process on purpose: asking a shared cache would cost a round
trip per link.)
"""

import time
from urllib.parse import urljoin

from django.conf import settings
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

MEMO_SECONDS = 30

_urls: dict[str, tuple[str, float]] = {}


def live_page_url(page_model):
    """The URL of the live page of `page_model` (the first in the tree); "" without one."""
    key = page_model._meta.label_lower
    url, expires = _urls.get(key, ("", 0.0))
    if time.monotonic() >= expires:
        page = page_model.objects.live().order_by("path").first()
        url = (page.url or "") if page is not None else ""
        _urls[key] = (url, time.monotonic() + MEMO_SECONDS)
    return url


def routed_url(page_model, route, *args):
    """The URL of a named route of the live page of a routable page type; "" without one."""
    base = live_page_url(page_model)
    return base + page_model.get_resolver().reverse(route, *args) if base else ""


def forget_page_urls(**kwargs):
    _urls.clear()


def forget_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_page_urls()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_page_urls, dispatch_uid=f"core-links-{id(signal)}")
    post_delete.connect(forget_on_page_delete, dispatch_uid="core-links-delete")


def absolute_url(url):
    """`url` (a path, or already a full URL such as object storage gives) on the site's public
    address, SITE_URL: for e-mails, feeds and share tags, which leave the request behind."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL, url)
