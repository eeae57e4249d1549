"""The general "Pagina's" group of the site search: every live, public content page whose
type has no group of its own (campuses and events have theirs); the hourly search-index
freshness check among the scheduled jobs (search knows no core, so the top app registers it).
Imported by WebsiteConfig.ready()."""

from wagtail.models import Page

from core import jobs
from core.pagetree import public
from search.service import refresh_stale_indexes
from search.site import claimed_page_types, page_hit, register_group, wagtail_group


def content_pages():
    # Depth 1 is the tree root, depth 2 the home page. `.specific()` costs one query per page
    # type among the hits, never one per hit.
    return (
        public(Page.objects.live()).filter(depth__gt=2).not_type(*claimed_page_types()).specific()
    )


register_group("paginas", "Pagina's", 10, wagtail_group(content_pages, page_hit))

jobs.register(
    "search_index_freshness",
    jobs.HOURLY,
    refresh_stale_indexes,
    "Zoekindex bijwerken als die achterloopt (Elasticsearch)",
)
