"""The general "Pagina's" group of the site search: every live, public content page whose
type has no group of its own (campuses and events have theirs); the hourly search-index
freshness check among the scheduled jobs (search knows no core, so the top app registers it).
Imported by WebsiteConfig.ready()."""

from django.db.models import Q
from wagtail.models import Page

from core import jobs
from core.pagetree import public
from search.service import refresh_stale_indexes
from search.site import (
    claimed_page_types,
    content_type_ids,
    page_group,
    page_hit,
    register_group,
    register_page_search,
)


def searchable_pages():
    """What the page groups of the site search may show: live, public pages; of the types
    without a group of their own only those below the home page (depth 1 is the tree root,
    depth 2 the home page)."""
    return public(Page.objects.live()).filter(
        Q(depth__gt=2) | Q(content_type__in=content_type_ids(claimed_page_types()))
    )


register_page_search(searchable_pages)
register_group("paginas", "Pagina's", 10, page_group(page_hit))

jobs.register(
    "search_index_freshness",
    jobs.HOURLY,
    refresh_stale_indexes,
    "Zoekindex bijwerken als die achterloopt (Elasticsearch)",
)
