"""What a campus coordinator may do in the admin, decided in one place (docs/architecture.md,
"Roles").

A coordinator holds `campuses.coordinate_campus` (group Campuscoördinator) and is assigned
campuses by an administrator (`CampusPage.coordinators`). Their rights follow from those
campuses, so they are given through Wagtail's permission policies, which every admin view asks,
never as a model-wide permission: whatever asks only Django's `has_perm` (such as the site
history) shows a coordinator nothing of these models. Publishing is not granted: their changes
go through the workflow "Redactiecontrole".
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from wagtail import hooks
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from core.permissions import SiteRootedPagePermissionPolicy
from partners.models import Partner

COORDINATE_CAMPUS = "campuses.coordinate_campus"
_CAMPUS_IDS_CACHE = "_coordinated_campus_ids"


def coordinated_campus_ids(user):
    """The ids of the campuses `user` coordinates: empty unless they hold the coordinator
    permission. Remembered on the user object, which lives for one request."""
    if not hasattr(user, _CAMPUS_IDS_CACHE):
        ids = frozenset()
        if user.is_active and not user.is_superuser and user.has_perm(COORDINATE_CAMPUS):
            ids = frozenset(user.coordinated_campuses.values_list("pk", flat=True))
        setattr(user, _CAMPUS_IDS_CACHE, ids)
    return getattr(user, _CAMPUS_IDS_CACHE)


# -- Pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoordinatedPages:
    """What a coordinator may do with one app's pages, registered for the hook
    `coordinated_pages`: `editable(campus_ids)` gives the pages at those campuses they may
    edit; `parents()` the pages under which they may add pages."""

    editable: Callable
    parents: Callable | None = None


@dataclass(frozen=True)
class CoordinatorGrant:
    """The "change" grant on a page that coordinating a campus gives, instead of a group's
    row in the tree; Wagtail's policy and tester read it like a `GroupPagePermission`."""

    page: Page
    permission = SimpleNamespace(codename="change_page")

    @property
    def page_id(self):
        return self.page.pk


_PARENTS_CACHE = "_coordinator_parent_pages"


class CoordinatorPagePermissionPolicy(SiteRootedPagePermissionPolicy):
    """Wagtail's page permissions plus a coordinator's: "change" on each page of their
    campuses, and adding pages under the registered parents. Registered for every page type
    (`CampusesConfig.ready()`), so the explorer, search, reports and every page view agree.

    No "add" grant: Wagtail lets whoever may add under a page edit every page they created
    there, and a coordinator's right to an event must end when it (or they) no longer belongs
    to their campus. `CoordinatorPagePermissionTester` lets them add instead.
    """

    def get_all_permissions_for_user(self, user):
        grants = list(super().get_all_permissions_for_user(user))
        campus_ids = coordinated_campus_ids(user)
        if campus_ids:
            grants += [
                CoordinatorGrant(page)
                for source in hooks.get_hooks("coordinated_pages")
                for page in source.editable(campus_ids).only("pk", "path", "depth")
            ]
        return grants

    def coordinator_parents(self, user):
        """The pages under which `user` may add pages as a coordinator (remembered on the user
        object, like Wagtail's own permission cache)."""
        if not hasattr(user, _PARENTS_CACHE):
            parents = []
            if coordinated_campus_ids(user):
                parents = [
                    page
                    for source in hooks.get_hooks("coordinated_pages")
                    if source.parents
                    for page in source.parents().only("pk", "path", "depth")
                ]
            setattr(user, _PARENTS_CACHE, parents)
        return getattr(user, _PARENTS_CACHE)

    def instances_with_direct_explore_permission(self, user):
        return [
            *super().instances_with_direct_explore_permission(user),
            *self.coordinator_parents(user),
        ]

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        parents = self.coordinator_parents(user)
        if not parents:
            return pages
        # Wagtail keeps only the part of the tree under the common ancestor of the granted
        # pages; the parents widen it. Add them, the granted pages and every page on the way
        # to them from the explorable root.
        root = self.explorable_root_instance(user)
        reached = [*parents, *(grant.page for grant in self.get_cached_permissions_for_user(user))]
        paths = {
            page.path[:end]
            for page in reached
            for end in range(len(root.path), len(page.path) + 1, Page.steplen)
        }
        return pages | self.model._default_manager.filter(path__in=paths)


class CoordinatorPagePermissionTester(PagePermissionTester):
    """For the pages under which coordinators add pages (the agenda): Wagtail's tester, plus
    adding for a coordinator (see `CoordinatorPagePermissionPolicy`)."""

    def can_add_subpage(self):
        if super().can_add_subpage():
            return True
        if not self.user.is_active or not self.page.specific_class:
            return False
        return any(
            parent.pk == self.page.pk
            for parent in self.permission_policy.coordinator_parents(self.user)
        ) and any(
            model.can_create_at(self.page)
            for model in self.page.specific_class.creatable_subpage_models()
        )


# -- Rows of snippets -------------------------------------------------------------------------


class CampusScopedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, which reach every row, plus `coordinator_actions` on the
    rows of a coordinator's campuses only (`rows_of_campuses`)."""

    coordinator_actions = frozenset()

    def rows_of_campuses(self, campus_ids):
        raise NotImplementedError

    def _coordinator_rows(self, user, actions):
        """The rows `user` may take one of `actions` on as a coordinator; None if none."""
        campus_ids = coordinated_campus_ids(user)
        if campus_ids and self.coordinator_actions & set(actions):
            return self.rows_of_campuses(campus_ids)
        return None

    def has_model_permission(self, user, actions):
        """Django's permission for one of `actions` on the model: every row."""
        return any(ModelPermissionPolicy.user_has_permission(self, user, a) for a in actions)

    def user_has_permission(self, user, action):
        return (
            self.has_model_permission(user, {action})
            or self._coordinator_rows(user, {action}) is not None
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if self.has_model_permission(user, {action}):
            return True
        rows = self._coordinator_rows(user, {action})
        return rows is not None and rows.filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.has_model_permission(user, actions):
            return self.model._default_manager.all()
        rows = self._coordinator_rows(user, actions)
        return self.model._default_manager.none() if rows is None else rows


class PartnerPermissionPolicy(CampusScopedPermissionPolicy):
    """A coordinator changes the partners that take part in their campuses; without the right
    to publish, a change is a proposal that goes through the workflow "Redactiecontrole"."""

    coordinator_actions = frozenset({"change"})

    def rows_of_campuses(self, campus_ids):
        # By id, so a partner of two of their campuses is one row.
        return Partner.objects.filter(
            pk__in=Partner.objects.filter(campuses__in=campus_ids).values("pk")
        )


def campus_scope(user, page):
    """The ids of the campuses `user`'s rights on `page` are bound to (for a page not saved
    yet, pass its parent); None when they are not bound to campuses: when they (also) come
    from a group's page permission, or the user coordinates nothing (a superuser)."""
    campus_ids = coordinated_campus_ids(user)
    if not campus_ids:
        return None
    grants = policy_registry.get_by_type(Page).get_cached_permissions_for_user(user)
    from_groups = any(
        page.path.startswith(grant.page.path)
        for grant in grants
        if not isinstance(grant, CoordinatorGrant)
    )
    return None if from_groups else campus_ids
