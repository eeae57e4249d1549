"""Row-level permissions in the snippet admin (docs/architecture.md, "Roles").

Wagtail's snippet views check the model-level permission of their action and fetch the object
by its id alone; only a few ask the model's permission policy about the row itself. A policy
that allows some rows only (a campus coordinator's partners and registrations) needs every
view to ask, so `RowPermissionViewSetMixin` makes them: the listing, and with it the CSV and
Excel export, holds only the rows the user has some permission for, and every URL of one
object (edit, inspect, history, revisions, delete, usage, workflow, ...) refuses any other row
before its view runs. The view then checks its own action as usual.
"""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.pages import PagePermissionPolicy

# Every action a row can be allowed for: any one of them makes the row visible.
ROW_ACTIONS = ("view", "add", "change", "delete", "publish", "lock", "unlock")


class RowPermissionViewSetMixin:
    """For a `SnippetViewSet` whose model's permission policy allows some rows only."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        rows = self.permission_policy.instances_user_has_any_permission_for(
            request.user, ROW_ACTIONS
        )
        return queryset.filter(pk__in=rows.values("pk"))

    def get_urlpatterns(self):
        return [
            self._guarded(pattern) if "pk" in pattern.pattern.regex.groupindex else pattern
            for pattern in super().get_urlpatterns()
        ]

    def _guarded(self, pattern):
        view = pattern.callback

        @functools.wraps(view)
        def guarded_view(request, *args, **kwargs):
            instance = get_object_or_404(self.model, pk=unquote(str(kwargs["pk"])))
            if not self.permission_policy.user_has_any_permission_for_instance(
                request.user, ROW_ACTIONS, instance
            ):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        pattern.callback = guarded_view
        return pattern


class SiteRootedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, with the explorer starting at the site's home page rather
    than at the tree's root when the root holds one site only (issue 13: editors landed on a
    "Root" listing that warns pages made there are unreachable). Rights are unchanged."""

    def explorable_root_instance(self, user):
        cache = self._explorable_root_instance_cache_name
        if hasattr(user, cache):
            return getattr(user, cache)
        root = super().explorable_root_instance(user)
        if root is not None and root.is_root():
            homes = list(root.get_children()[:2])
            if len(homes) == 1:
                root = homes[0]
        setattr(user, cache, root)
        return root
