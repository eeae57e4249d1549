import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django_otp import user_has_device

from core.ratelimit import RateLimited

from .two_factor import OPEN_BEFORE_VERIFYING


def is_admin_request(request):
    return request.path.startswith(reverse("wagtailadmin_home"))


def error_page(request, status, title, **context):
    """The site's page for `status` (templates/<status>.html, on error_page.html) in the public
    layout. Its title is also its trail, which keys base.html's cached head apart from the
    other pages at the same address: a 413 and a 429 may both answer the signing form's."""
    context = {"title": title, "status": status, "subpage_trail": [(title, None)], **context}
    return render(request, f"{status}.html", context, status=status)


class PublicRequestSizeLimitMiddleware(MiddlewareMixin):
    """Refuse oversized POSTs by their Content-Length before the body is read. Logged-in staff
    in the admin have Wagtail's own, larger limits; anyone else, the admin's login page
    included, gets the public limit, so this runs after the authentication middleware."""

    def process_request(self, request):
        staff_upload = is_admin_request(request) and request.user.is_authenticated
        if request.method != "POST" or staff_upload:
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PUBLIC_FORM_MAX_REQUEST_BYTES:
            limit_mb = settings.PUBLIC_FORM_MAX_REQUEST_BYTES // (1024 * 1024)
            return error_page(request, 413, "Bestand te groot", limit_mb=limit_mb)
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with ADMIN_CONTENT_SECURITY_POLICY under the admin. A page
    preview (rendered at the page's own path) keeps the public policy, so it shows what the
    policy blocks, but may be framed by the admin. A response that names the sources that may
    frame it in `frame_ancestors` (a page made to be embedded elsewhere) gets them instead of
    'none'. A view's own @csp decorators still win."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        frame_ancestors = getattr(response, "frame_ancestors", None)
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        elif frame_ancestors:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": frame_ancestors}
        elif is_admin_request(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class RequireTwoFactorMiddleware(MiddlewareMixin):
    """With REQUIRE_2FA, send superusers, TWO_FACTOR_REQUIRED_GROUPS (every role, unless the
    environment relaxes it) and anyone who set up an app to set it up or enter its code (once
    per session) before any other admin page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (settings.REQUIRE_2FA and user.is_authenticated and is_admin_request(request)):
            return None
        if user.is_verified():
            return None
        has_device = user_has_device(user, confirmed=True)
        required = (
            has_device
            or user.is_superuser
            or user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()
        )
        step = "two_factor_verify" if has_device else "two_factor_setup"
        if required and request.resolver_match.url_name not in OPEN_BEFORE_VERIFYING | {step}:
            return redirect_to_login(request.get_full_path(), reverse(step))
        return None


class ErrorPageMiddleware(MiddlewareMixin):
    """The site's pages for errors that views leave without one: a 429 for a view that raised
    core.ratelimit.RateLimited, and a Dutch 405 for the empty one of Django's require_POST
    and the like. After a form error the address bar shows the form's address, and Enter
    there asks it with a GET."""

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        response = error_page(request, 429, "Even geduld")
        response["Retry-After"] = str(exception.retry_after)
        return response

    def process_response(self, request, response):
        if response.status_code != 405 or response.content or is_admin_request(request):
            return response
        page = error_page(request, 405, "Deze pagina kan zo niet worden geopend")
        page["Allow"] = response["Allow"]
        return page


class AdminSessionIdleMiddleware(MiddlewareMixin):
    """End a logged-in session after ADMIN_SESSION_IDLE_MINUTES without a request. The last
    request's time is written at most once a minute, and the session expires with it, so an
    abandoned session also dies in the database."""

    SESSION_KEY = "last_activity"
    WRITE_EVERY_SECONDS = 60

    def process_request(self, request):
        if not request.user.is_authenticated:
            return
        now = int(time.time())
        last = request.session.get(self.SESSION_KEY)
        if last is not None and now - last > settings.ADMIN_SESSION_IDLE_MINUTES * 60:
            logout(request)
            messages.info(
                request,
                f"U bent uitgelogd omdat u {settings.ADMIN_SESSION_IDLE_MINUTES} minuten niets "
                "heeft gedaan. Log opnieuw in om verder te gaan.",
            )
        elif last is None or now - last >= self.WRITE_EVERY_SECONDS:
            self.touch(request.session)

    @classmethod
    def touch(cls, session):
        session[cls.SESSION_KEY] = int(time.time())
        # A log-in without "remember me" keeps ending when the browser closes.
        if not session.get_expire_at_browser_close():
            session.set_expiry(settings.ADMIN_SESSION_IDLE_MINUTES * 60 + cls.WRITE_EVERY_SECONDS)


@receiver(user_logged_in, dispatch_uid="website.start_idle_clock")
def start_idle_clock(sender, request, user, **kwargs):
    """At log-in, so the first requests after it need not write the session again."""
    if request is not None and hasattr(request, "session"):
        AdminSessionIdleMiddleware.touch(request.session)
