from django import template
from django.urls import reverse
from wagtail.models import Page, Site

register = template.Library()

NAVIGATION_FIELDS = ("title", "url_path", "path", "depth", "draft_title")


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, public, in-menu children of the site's root page, in one query."""
    request = context["request"]
    site = Site.find_for_request(request)
    page = context.get("page")
    items = []
    if site is not None:
        items = site.root_page.get_children().live().in_menu().public().only(*NAVIGATION_FIELDS)
    return {
        "request": request,
        "home": site.root_page if site else None,
        "menu_items": items,
        "current_path": page.path if page else "",
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home, the page's ancestors, the page, then any `subpage_trail` of (title, url) pairs.

    Routable sub-pages and plain Django views pass `subpage_trail`; its last item is the
    current location and has no link.
    """
    request = context["request"]
    page = context.get("page")
    trail = list(context.get("subpage_trail") or [])
    crumbs = []
    if page is not None and page.depth > 2:
        ancestors = Page.objects.ancestor_of(page, inclusive=bool(trail)).filter(depth__gt=1)
        crumbs = [
            ("Home" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
            for ancestor in ancestors.only(*NAVIGATION_FIELDS)
        ]
        if not trail:
            trail = [(page.title, None)]
    elif trail:
        crumbs = [("Home", reverse("wagtail_serve", args=[""]))]
    return {"crumbs": crumbs + trail}
