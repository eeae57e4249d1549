from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.viewsets import BrowseVisiblePagesView, explorer_urls, safe_report_urls
from events.feeds import calendar_file

from . import views
from .health import HealthView
from .login_attempts import authenticate_with_password
from .logout import LogoutView
from .sitemap import PublicSitemap

urlpatterns = [
    # Wagtail's reports with downloads that are safe to open; the first match wins.
    path("admin/reports/", include(safe_report_urls())),
    path("admin/logout/", LogoutView.as_view(), name="wagtailadmin_logout"),
    # The page chooser names the page it browses below: only pages the user may see.
    path(
        "admin/choose-page/<int:parent_page_id>/",
        never_cache(require_admin_access(BrowseVisiblePagesView.as_view())),
    ),
    path("admin/pages/", include(explorer_urls())),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PublicSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", HealthView.as_view(), name="health"),
    path("zoeken/", views.search, name="search"),
    path("api/", include("api.urls")),
    path("meldingen/", include("alerts.urls")),
    path("", include("manifest.urls")),
    # Wagtail routes only paths that end in a slash: the calendar's .ics files come here.
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)(?P<filename>feed|event)\.ics$",
        calendar_file,
        name="calendar_file",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
]

handler400 = "website.errors.bad_request"
handler500 = "website.errors.server_error"

if settings.DEBUG:
    # Development only; in production the proxy or object storage serves media. Wagtail's
    # pages all end in a slash, so they never take a file's path.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", views.development_media))
