"""The monitor's admin for figures coming in (the CSV upload, upload.py), the monthly CBS import
as a scheduled job, and the monitor as a source of e-mail alerts."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import jobs

from .upload import PERMISSIONS, ConfirmView, UploadView


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path("cijfers-inlezen/", UploadView.as_view(), name="monitor_import"),
        path("cijfers-inlezen/opslaan/", ConfirmView.as_view(), name="monitor_import_confirm"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(PERMISSIONS)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        "Cijfers inlezen", reverse("monitor_import"), icon_name="upload", order=270
    )


hooks.register(
    "scheduled_jobs",
    jobs.command_job(
        "import_cbs", jobs.MONTHLY, "Cijfers van het CBS inlezen (Arbeidsmarkt in cijfers)"
    ),
)
