"""How django-axes counts failed logins. Axes has one limit for all its lock-out parameters; we
want a low one per user name and address (guessing a password) and a higher one per address
(trying many accounts), so an office behind one address is not locked out by a typo. A private
page's password, which axes does not see, has a rate limit per address."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from wagtail import views as wagtail_views

from core.ratelimit import limit


class LoginAttemptHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        # One query set per entry of AXES_LOCKOUT_PARAMETERS: user and address, then address.
        user_and_ip, ip_only = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if ip_only >= settings.AXES_IP_FAILURE_LIMIT:
            # Report the address as over the limit axes compares with.
            return max(user_and_ip, settings.AXES_FAILURE_LIMIT)
        return user_and_ip


def locked_out(request, original_response=None, credentials=None):
    """The lock-out page: 429 with Retry-After, in Dutch, without saying whether the account
    exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "website/login_locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a private page's password, after counting the try."""
    if request.method == "POST":
        limit(request, "page-password", settings.PAGE_PASSWORD_ATTEMPTS_PER_HOUR)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
