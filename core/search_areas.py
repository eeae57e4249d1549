"""The admin's search covers the snippets staff work with: each app registers a search area
for its snippet listings, shown next to the page results with the number of matches the user
may see, and linking to the listing with the query."""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.search import SearchArea

from .permissions import ROW_ACTIONS


class SnippetSearchArea(SearchArea):
    template = "core/admin/search_area.html"

    def __init__(self, viewset, order):
        self.viewset = viewset
        super().__init__(
            viewset.menu_label or viewset.model._meta.verbose_name_plural,
            reverse(viewset.get_url_name("list")),
            name=f"snippets-{viewset.model._meta.label_lower}",
            icon_name=viewset.icon,
            order=order,
        )

    def is_shown(self, request):
        return self.viewset.permission_policy.user_has_any_permission(request.user, ROW_ACTIONS)

    def count(self, request, query):
        """What the listing finds for `query`: its own search (an index, or the ORM over its
        search fields) over the rows the user may see; None for a listing without search."""
        index_view = self.viewset.index_view
        view = index_view.view_class(**index_view.view_initkwargs)
        view.setup(request)
        if not view.is_searchable:
            return None
        view.search_query = query
        rows = self.viewset.permission_policy.instances_user_has_any_permission_for(
            request.user, ROW_ACTIONS
        )
        return view.search_queryset(rows).count()

    def render_html(self, request, query, current=None):
        return render_to_string(
            self.template,
            {
                "area": self,
                "active": self.is_active(request, current),
                "query_string": query,
                "count": self.count(request, query) if query else None,
            },
            request=request,
        )
