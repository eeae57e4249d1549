"""The page tree, the sites and the view restrictions, read once per content version.

Wagtail finds the page for a URL one level at a time, with a query for each child and another
for its specific type, and asks the database which view restrictions apply to it. All of that
only changes when the content does, and then the content version changes
(core.pagecache.memo). So each process reads the whole tree's outline once per version, walks
it in memory and fetches only the page it serves: routing, restriction checks, breadcrumbs and
the "public" filter of listings cost no query of their own (issue 14, the query budget).

The walk follows Wagtail's rules exactly: a routable page answers its own sub-paths first, an
unpublished page is never served but its published children are, and a page type with a
routing of its own gets the rest of the path itself.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from .pagecache import memo, memo_copy

STEP = Page.steplen


@dataclass(frozen=True, slots=True)
class Node:
    id: int
    path: str
    depth: int
    slug: str
    title: str
    url_path: str
    live: bool
    content_type_id: int
    alias_of_id: int | None


class PageTree:
    """The outline of every page: enough to route, check restrictions and draw breadcrumbs."""

    FIELDS = ("id", "path", "depth", "slug", "title", "url_path", "live", "content_type_id")

    def __init__(self, rows, restricted_page_ids):
        self.by_path = {}
        self.children = {}
        for row in rows:
            node = Node(*row)
            self.by_path[node.path] = node
            self.children.setdefault(node.path[:-STEP], {})[node.slug] = node
        self.by_id = {node.id: node for node in self.by_path.values()}
        self.restricted_page_ids = frozenset(restricted_page_ids)

    @classmethod
    def load(cls):
        rows = Page.objects.order_by("path").values_list(*cls.FIELDS, "alias_of_id")
        restricted = PageViewRestriction.objects.values_list("page_id", flat=True)
        return cls(list(rows), list(restricted))

    def child(self, node, slug):
        return self.children.get(node.path, {}).get(slug)

    def ancestors(self, node, inclusive=False):
        """From the tree's root down to the node's parent (or the node itself)."""
        end = node.depth if inclusive else node.depth - 1
        paths = (node.path[: STEP * depth] for depth in range(1, end + 1))
        return [self.by_path[path] for path in paths if path in self.by_path]

    def view_restriction_page_ids(self, node):
        """The pages whose view restrictions apply to this one, as Wagtail decides it: the
        page and its ancestors, each alias replaced by the page it copies."""
        ids = set()
        for each in [*self.ancestors(node), node]:
            while each.alias_of_id is not None and each.alias_of_id in self.by_id:
                each = self.by_id[each.alias_of_id]
            ids.add(each.id)
        return ids


def page_tree():
    return memo("page-tree", PageTree.load)


def find_site(request):
    """The request's Site with its root page, specific, as Wagtail would find it; one copy
    per request (the root page is served as the home page)."""
    host = request._get_raw_host()
    port = request.get_port()

    def load():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return memo_copy(("site", host, port), load)


class SiteMiddleware:
    """Hand Wagtail the site of a public page's request from the memo:
    `Site.find_for_request` looks for it on the request before it queries. Only for the
    public views the page cache knows; the admin, media and files ask Wagtail themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in settings.PAGE_CACHE_URL_NAMES:
            request._wagtail_site = find_site(request)


def has_view_restrictions():
    return bool(page_tree().restricted_page_ids)


def public(queryset):
    """`queryset.public()`, without Wagtail's query for the restrictions when there are none."""
    return queryset.public() if has_view_restrictions() else queryset


def _routes_by_tree(model):
    """Whether a page type routes as Wagtail's own pages do, so the walk may stand in for it."""
    return model.route in (TreeRoutedPage.route, Page.route, RoutablePageMixin.route)


def _answers_itself(model, node, components):
    """Whether a routable page has a sub-page route for the rest of the path (Wagtail tries
    those before the children, on a published page)."""
    if not issubclass(model, RoutablePageMixin) or not node.live:
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in components))
    except Http404:  # Resolver404 is one
        return False
    return True


def _fetch(model, node):
    return model._default_manager.get(pk=node.id)


def route(page, request, components):
    """Route `components` below `page` by walking the tree in memory; one query, for the page
    that is served (none when that is `page` itself)."""
    tree = page_tree()
    node = tree.by_path.get(page.path)
    if node is None:  # not in this version's tree: let Wagtail do it
        return Page.route(page, request, components)
    model = type(page)
    while components:
        child = tree.child(node, components[0])
        if child is None:
            raise Http404
        node, components = child, components[1:]
        model = ContentType.objects.get_for_id(node.content_type_id).model_class()
        if model is None:
            raise Http404
        if not _routes_by_tree(model) or _answers_itself(model, node, components):
            return _fetch(model, node).route(request, components)
    if node.id != page.id:
        page = _fetch(model, node)
    if not page.live:
        raise Http404
    return RouteResult(page)


class TreeRoutedPage:
    """Route descendants and check view restrictions from the in-memory tree."""

    def route(self, request, path_components):
        return route(self, request, path_components)

    def get_view_restrictions(self):
        tree = page_tree()
        node = tree.by_id.get(self.pk)
        if node is None or node.path != self.path:
            return super().get_view_restrictions()
        ids = tree.view_restriction_page_ids(node) & tree.restricted_page_ids
        # An empty `__in` is answered without a query.
        return PageViewRestriction.objects.filter(page_id__in=ids)
