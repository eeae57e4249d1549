"""The URL of a page type the site has once (the partner directory, the manifest), for
models whose public URL is a route of that page: `Partner.get_absolute_url()` must not cost a
query per partner in a list, nor break when an editor renames the page's slug.

URLs are kept in the cache and forgotten whenever a page is published, unpublished, moved or
deleted, and after a few minutes in any case (a per-process cache cannot hear other processes).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_KEY = "core:page-urls"
CACHE_SECONDS = 300


def live_page_url(page_model):
    """The URL of the live, public page of `page_model` (the first, if there are several);
    None when there is none."""
    urls = cache.get(CACHE_KEY) or {}
    key = page_model._meta.label_lower
    if key not in urls:
        page = page_model.objects.live().public().order_by("path").first()
        urls[key] = page.url if page is not None else None
        cache.set(CACHE_KEY, urls, CACHE_SECONDS)
    return urls[key]


def forget_page_urls(**kwargs):
    cache.delete(CACHE_KEY)


def forget_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_page_urls()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_page_urls, dispatch_uid=f"core-links-{signal!r}")
    post_delete.connect(forget_on_page_delete, dispatch_uid="core-links-delete")


def routed_url(page_model, route, *args):
    """The URL of a named route of the live page of a routable page type; None without one."""
    base = live_page_url(page_model)
    if base is None:
        return None
    return base + page_model.get_resolver().reverse(route, *args)
