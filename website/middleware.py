import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from core.ratelimit import RateLimited

from . import two_factor


def is_admin_request(request):
    return request.path.startswith(reverse("wagtailadmin_home"))


class PublicRequestSizeLimitMiddleware:
    """Refuse oversized POSTs from their Content-Length, before the body is read (no view
    has parsed it yet: CSRF reads it only in process_view).

    Logged-in staff in the admin have Wagtail's own, larger limits for their uploads; anyone
    else, the admin's login page included, gets the public limit. So it runs after the
    authentication middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        staff_upload = is_admin_request(request) and request.user.is_authenticated
        if request.method == "POST" and not staff_upload:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.PUBLIC_FORM_MAX_REQUEST_BYTES:
                limit_mb = settings.PUBLIC_FORM_MAX_REQUEST_BYTES // (1024 * 1024)
                return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy for paths under the admin.

    Public pages get CONTENT_SECURITY_POLICY; Wagtail's admin ADMIN_CONTENT_SECURITY_POLICY,
    because its templates carry inline styles and scripts. A page preview is a public page
    rendered through the middleware again with the page's own path (Wagtail's
    `make_preview_request`): it keeps the public policy, so the preview shows what the
    policy blocks, but may be framed by the admin. A view's own @csp decorators still win."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
            return PolicyParts(parts.config, parts.update, replace, parts.nonce)
        if is_admin_request(request):
            return PolicyParts(
                settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts


class RequireTwoFactorMiddleware:
    """Send a user who must use a second factor (website/two_factor.py) to set it up or
    enter it before any other admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.REQUIRE_2FA
            and user.is_authenticated
            and not user.is_verified()
            and is_admin_request(request)
            and two_factor.requires_two_factor(user)
        ):
            has_device = user_has_device(user, confirmed=True)
            step = "two_factor_verify" if has_device else "two_factor_setup"
            if url_name(request) not in two_factor.OPEN_BEFORE_VERIFYING | {step}:
                return redirect_to_login(request.get_full_path(), reverse(step))
        return self.get_response(request)


def url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class RateLimitMiddleware:
    """Answer a view that raised core.ratelimit.RateLimited with the one 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response


class AdminSessionIdleMiddleware:
    """End a logged-in session after ADMIN_SESSION_IDLE_MINUTES without a request.

    The time of the last request is kept in the session, written at most once a minute;
    the session itself expires with it, so an abandoned session also dies in the database."""

    SESSION_KEY = "last_activity"
    WRITE_EVERY_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
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
        # A log-in without "remember me" ends when the browser closes (Wagtail's login view):
        # keep it so, rather than turning it into a cookie that outlives the browser.
        if not session.get_expire_at_browser_close():
            session.set_expiry(settings.ADMIN_SESSION_IDLE_MINUTES * 60 + cls.WRITE_EVERY_SECONDS)


def start_idle_clock(sender, request, user, **kwargs):
    """At log-in, so the first requests after it need not write the session again."""
    if request is not None and hasattr(request, "session"):
        AdminSessionIdleMiddleware.touch(request.session)
