"""The privacy tools in the admin (Instellingen > Persoonsgegevens) and their log entries;
staff accounts as personal data; scheduled publishing and the dashboard's warning; Wagtail's
bulk actions and page chooser naming only what the user may see (permissions.py); date
pickers that keep what an editor typed (dates.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views import bulk_actions as image_actions
from wagtail.models import Page
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as DeleteSnippets
from wagtail.users.views import bulk_actions as user_actions

from . import jobs
from .models import PersonalDataRequest
from .permissions import (
    VisibleObjectsAPIMixin,
    may_see_page,
    visible_instances,
    visible_objects_only,
)
from .privacy import LOG_ACTIONS, staff_accounts
from .views import AdminFormMenuItem, ErasePersonalDataView, PersonalDataView

hooks.register("personal_data", staff_accounts())
# Wagtail's go-live and expiry dates (pages, partners, initiatives) do nothing until this runs.
hooks.register(
    "scheduled_jobs",
    jobs.command_job(
        "publish_scheduled", jobs.EVERY_RUN, "Pagina's en snippets op hun datum publiceren"
    ),
)


@hooks.register("insert_global_admin_js")
def date_pickers_keep_what_was_typed():
    return format_html('<script src="{}"></script>', static("js/admin-dates.js"))


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path("persoonsgegevens/", PersonalDataView.as_view(), name="core_personal_data"),
        path(
            "persoonsgegevens/wissen/",
            ErasePersonalDataView.as_view(),
            name="core_personal_data_erase",
        ),
    ]


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return AdminFormMenuItem(
        PersonalDataView,
        "Persoonsgegevens",
        reverse("core_personal_data"),
        icon_name="user",
        order=900,
    )


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    for action, label in [
        (PersonalDataRequest.Action.EXPORT, "Persoonsgegevens opgezocht"),
        (PersonalDataRequest.Action.ERASURE, "Persoonsgegevens gewist"),
    ]:
        actions.register_action(LOG_ACTIONS[action], label, label)


class ScheduledJobsPanel(Component):
    """Shown to administrators when scheduled jobs are a day late or failed: then go-live dates
    do nothing and the privacy clean-ups do not happen (README, "Scheduled jobs")."""

    name = "scheduled_jobs"
    order = 40
    template_name = "core/admin/scheduled_jobs_panel.html"

    def __init__(self, late):
        self.late = late

    def get_context_data(self, parent_context=None):
        return {"late": self.late}


@hooks.register("construct_homepage_panels")
def warn_about_scheduled_jobs(request, panels):
    """Only an administrator can have the host fix it; editors could only worry."""
    if not request.user.is_superuser:
        return
    late = jobs.overdue()
    if late:
        panels.insert(0, ScheduledJobsPanel(late))


# After Wagtail's own: a later registration of an action replaces the earlier one.
for bulk_action in [
    DeleteSnippets,
    *(
        getattr(app, name)
        for app in (page_actions, image_actions, document_actions, user_actions)
        for name in app.__all__
    ),
]:
    hooks.register("register_bulk_action", visible_objects_only(bulk_action), order=1)


@hooks.register("construct_page_chooser_queryset")
def choose_visible_pages(pages, request):
    return pages & visible_instances(request.user, Page)


# After Wagtail's own: registering an endpoint again replaces it.
@hooks.register("construct_admin_api", order=1)
def admin_api_names_only_visible_files(router):
    for name, viewset in [
        ("images", ImagesAdminAPIViewSet),
        ("documents", DocumentsAdminAPIViewSet),
    ]:
        router.register_endpoint(
            name, type(viewset.__name__, (VisibleObjectsAPIMixin, viewset), {})
        )


@hooks.register("before_move_page")
def move_only_what_the_user_may_move(request, page, destination):
    """Wagtail's move confirmation shows the page's title before it checks any permission."""
    if not may_see_page(request.user, page.pk):
        raise Http404
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
