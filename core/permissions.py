"""Row-level permissions in the admin (docs/architecture.md, "Roles"). Wagtail's snippet views
check the model-level permission and fetch an object by its id alone; a policy that allows some
rows only (a campus coordinator's partners) needs every view to ask about the row, and
`RowPermissionViewSetMixin` makes them. Wagtail's shared screens (choosers, bulk actions) name
any object whose id they are given; here they name only what the user may see
(`visible_instances`)."""

import functools

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import DraftStateMixin, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser

# Every action a row can be allowed for: any one of them makes the row visible.
ROW_ACTIONS = ("view", "add", "change", "delete", "publish", "lock", "unlock")
# What lets a user see an object outside its listing. Publishing alone does not: Moderators
# publish partners only by approving a signature.
SEE_ACTIONS = ("view", "add", "change", "delete", "lock", "unlock", "choose")


def visible_instances(user, model):
    """The objects of `model` that `user` may see in the admin: those they may work on, and
    what the public site shows (live pages outside private sections, live snippets)."""
    policy = policy_registry.get_by_type(model)
    rows = policy.instances_user_has_any_permission_for(user, SEE_ACTIONS)
    if issubclass(model, Page):
        return rows | model.objects.live().public()
    if issubclass(model, DraftStateMixin):
        return rows | model.objects.filter(live=True)
    return rows


def may_see_page(user, page_id):
    """Whether `user` may see the page `page_id` in the admin (`visible_instances`)."""
    return visible_instances(user, Page).filter(pk=page_id).exists()


class VisibleChoicesMixin:
    """For a chooser's views: only the objects the user may see are offered or answered."""

    def visible(self, objects):
        rows = visible_instances(self.request.user, self.model_class)
        return objects.filter(pk__in=rows.values("pk"))

    def get_object_list(self):
        return self.visible(super().get_object_list())


class ChooseView(VisibleChoicesMixin, chooser.ChooseView):
    pass


class ChooseResultsView(VisibleChoicesMixin, chooser.ChooseResultsView):
    pass


class ChosenView(VisibleChoicesMixin, chooser.SnippetChosenView):
    def get_object(self, pk):
        return self.visible(self.model_class.objects).get(pk=pk)


class ChosenMultipleView(VisibleChoicesMixin, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.visible(super().get_objects(pks))


class VisibleChoicesChooserViewSet(chooser.SnippetChooserViewSet):
    """The snippet chooser, for models of which a role may see some rows only."""

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class VisibleObjectsBulkActionMixin:
    """Wagtail's bulk actions list by name the chosen objects the user may not act on. Only
    those the user may see are listed; other ids are as unknown as ids that do not exist."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        refused = context["items_with_no_access"]
        visible = set(
            visible_instances(self.request.user, self.model)
            .filter(pk__in=[item.pk for item in refused])
            .values_list("pk", flat=True)
        )
        shown = [item for item in refused if item.pk in visible]
        if refused and not objects and not shown:
            raise Http404  # as for ids that do not exist
        return objects, {**context, "items_with_no_access": shown}


class VisibleObjectsAPIMixin:
    """Wagtail's admin API (read by the admin's own scripts) names every image and document
    outside the collections closed to the public; here only those the user may see."""

    def get_queryset(self):
        rows = visible_instances(self.request.user, self.model)
        return super().get_queryset().filter(pk__in=rows.values("pk"))


def visible_objects_only(bulk_action):
    """The bulk action, to register in place of Wagtail's (`register_bulk_action`, later)."""
    return type(bulk_action.__name__, (VisibleObjectsBulkActionMixin, bulk_action), {})


class RowPermissionViewSetMixin:
    """The listing, exports included, holds only the rows the user has some permission for;
    every URL of one object refuses any other row before its view runs; the chooser offers
    only the rows the user may see."""

    chooser_viewset_class = VisibleChoicesChooserViewSet

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
