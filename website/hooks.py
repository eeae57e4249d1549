"""The general "Pagina's" group of the site search: every live, public content page whose
type has no group of its own (campuses and events have theirs). Imported by
WebsiteConfig.ready()."""

from wagtail.models import Page

from search.site import claimed_page_types, page_hit, register_group, wagtail_group


def content_pages():
    # Depth 1 is the tree root, depth 2 the home page. `.specific()` costs one query per page
    # type among the hits, never one per hit.
    return (
        Page.objects.live().public().filter(depth__gt=2).not_type(*claimed_page_types()).specific()
    )


register_group("paginas", "Pagina's", 10, wagtail_group(content_pages, page_hit))
