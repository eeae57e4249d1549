"""Row-level permissions in the snippet admin (docs/architecture.md, "Roles"). Wagtail's
snippet views check the model-level permission and fetch an object by its id alone; a policy
that allows some rows only (a campus coordinator's partners) needs every view to ask about
the row, and `RowPermissionViewSetMixin` makes them."""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.pages import PagePermissionPolicy

# Every action a row can be allowed for: any one of them makes the row visible.
ROW_ACTIONS = ("view", "add", "change", "delete", "publish", "lock", "unlock")


class RowPermissionViewSetMixin:
    """The listing, exports included, holds only the rows the user has some permission for;
    every URL of one object refuses any other row before its view runs."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        rows = self.permission_policy.instances_user_has_any_permission_for(
            request.user, ROW_ACTIONS
        )
        return queryset.filter(pk__in=rows.values("pk"))

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in pattern.pattern.regex.groupindex:
                pattern.callback = self._guarded(pattern.callback)
        return patterns

    def _guarded(self, view):
        @functools.wraps(view)
        def guarded_view(request, *args, **kwargs):
            instance = get_object_or_404(self.model, pk=unquote(str(kwargs["pk"])))
            if not self.permission_policy.user_has_any_permission_for_instance(
                request.user, ROW_ACTIONS, instance
            ):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded_view


class SiteRootedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, with the explorer starting at the site's home page rather
    than at the tree's root when the root holds one site only: editors landed on a "Root"
    listing that warns pages made there are unreachable. Rights are unchanged."""

    def explorable_root_instance(self, user):
        cache = self._explorable_root_instance_cache_name
        if not hasattr(user, cache):
            root = super().explorable_root_instance(user)
            if root is not None and root.is_root():
                homes = list(root.get_children()[:2])
                if len(homes) == 1:
                    root = homes[0]
            # Wagtail cached the tree's root; the home page replaces it.
            setattr(user, cache, root)
        return getattr(user, cache)
