from types import SimpleNamespace

from django import template
from django.urls import reverse
from wagtail.models import Page, Site

register = template.Library()

NAVIGATION_FIELDS = ("title", "url_path", "path", "depth", "draft_title")


def aria_current(page, current_path):
    """`aria-current` of a menu link: "page" on the page itself, "true" on its ancestors."""
    if current_path == page.path:
        return "page"
    return "true" if current_path.startswith(page.path) else ""


def menu_items(root, current_path):
    """The live, public pages under `root` with "Toon in menu's" on, each with its own such
    children, in one query (plus Wagtail's for view restrictions). A sub-page whose parent is
    not in the menu is not shown: the menu follows the tree."""
    pages = (
        Page.objects.live()
        .public()
        .in_menu()
        .filter(path__startswith=root.path, depth__in=[root.depth + 1, root.depth + 2])
        .order_by("path")
        .only(*NAVIGATION_FIELDS)
    )
    top = {}
    for page in pages:
        page.menu_current = aria_current(page, current_path)
        if page.depth == root.depth + 1:
            top[page.path] = SimpleNamespace(page=page, current=page.menu_current, children=[])
        elif (parent := top.get(page.path[: -Page.steplen])) is not None:
            parent.children.append(page)
    return list(top.values())


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    site = Site.find_for_request(request)
    page = context.get("page")
    current_path = page.path if page else ""
    return {
        "request": request,
        "home": site.root_page if site else None,
        "home_current": site is not None and current_path == site.root_page.path,
        "menu_items": menu_items(site.root_page, current_path) if site else [],
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Home, the page's ancestors, the page, then any `subpage_trail` of (title, url) pairs
    that routable sub-pages and plain views pass; its last item is the current location."""
    request = context["request"]
    page = context.get("page")
    trail = list(context.get("subpage_trail") or [])
    crumbs = []
    if page is not None and page.depth > 2:
        crumbs = [
            ("Home" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
            for ancestor in page.get_ancestors(inclusive=bool(trail))
            .filter(depth__gt=1)
            .only(*NAVIGATION_FIELDS)
        ]
        if not trail:
            trail = [(page.title, None)]
    elif trail:
        crumbs = [("Home", reverse("wagtail_serve", args=[""]))]
    return {"crumbs": crumbs + trail}
