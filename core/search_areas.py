"""The admin's search covers the snippets staff work with (issue 13): each app registers a
search area for its snippet listings (`register_admin_search_area`), shown next to the page
results with the number of matches the user may see, and linking to the listing with the
query. The count asks the same rows and the same search as the listing: the permission
policy's rows, Wagtail's search index for an indexed model, the ORM over the viewset's
`search_fields` otherwise (registrations and signatures are never indexed)."""

import functools
import operator

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.search import SearchArea
from wagtail.search import index
from wagtail.search.backends import get_search_backend

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

    def rows(self, user):
        return self.viewset.permission_policy.instances_user_has_any_permission_for(
            user, ROW_ACTIONS
        )

    def count(self, user, query):
        rows = self.rows(user)
        model = self.viewset.model
        # A viewset that names no backend uses Wagtail's "default"; None means the ORM.
        backend_name = self.viewset.search_backend_name
        if not isinstance(backend_name, str) and backend_name is not None:
            backend_name = "default"
        # A viewset that sets no search fields leaves Wagtail's UNDEFINED sentinel: all fields.
        fields = self.viewset.search_fields
        fields = list(fields) if isinstance(fields, list | tuple) else None
        if backend_name and issubclass(model, index.Indexed):
            # As the listing searches (Wagtail's IndexView.search_queryset): by prefix where
            # the model has autocomplete fields, so "Technie" counts what the listing shows.
            backend = get_search_backend(backend_name)
            autocompletes = model.get_autocomplete_search_fields()
            search = backend.autocomplete if autocompletes else backend.search
            return search(query, rows, fields=fields).count()
        if not fields:
            return None
        matches = functools.reduce(
            operator.or_, (Q(**{f"{field}__icontains": query}) for field in fields)
        )
        return rows.filter(matches).count()

    def render_html(self, request, query, current=None):
        return render_to_string(
            self.template,
            {
                "url": self.url,
                "icon_name": self.icon_name,
                "label": self.label,
                "active": self.is_active(request, current),
                "query_string": query,
                "count": self.count(request.user, query) if query else None,
            },
            request=request,
        )
