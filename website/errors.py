"""Error pages, and error reports without personal data: neither the e-mail to ADMINS nor
Sentry (with SENTRY_DSN) carries what visitors typed, local variables or e-mail addresses."""

import re
import sys
from urllib.parse import urlsplit, urlunsplit

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.views import defaults
from django.views.debug import SafeExceptionReporterFilter

from core.exports import json_error

# How long a visitor is asked to wait when the database cannot be reached.
RETRY_AFTER_SECONDS = 60
REDACTED = "[weggelaten]"
EMAIL_REDACTED = "[e-mailadres]"
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A path segment that looks like a token of an e-mailed link: long, with digits and capitals,
# unlike a slug (core.tokens), or an alert's "<id>-<sha256 hex>" (alerts/models.py).
TOKEN_SEGMENT = re.compile(r"^(?:(?=[^/]*\d)(?=[^/]*[A-Z])[A-Za-z0-9_-]{20,}|\d+-[0-9a-f]{64})$")


def redact(value):
    """Every string in a structure of dicts, lists and tuples, with e-mail addresses replaced."""
    if isinstance(value, str):
        return EMAIL_ADDRESS.sub(EMAIL_REDACTED, value)
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value


def redact_url(url):
    parts = urlsplit(url)
    path = "/".join(
        REDACTED if TOKEN_SEGMENT.match(segment) else segment for segment in parts.path.split("/")
    )
    return urlunsplit((parts.scheme, parts.netloc, redact(path), "", ""))


def scrub_event(event, hint=None):
    """Sentry's before_send: only the request's method and URL (without tokens or query), only
    the user's id, no local variables, and no e-mail address anywhere."""
    if request := event.get("request"):
        kept = {key: request[key] for key in ("method", "url") if key in request}
        if "url" in kept:
            kept["url"] = redact_url(kept["url"])
        event["request"] = kept
    if user := event.get("user"):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for key in ("exception", "threads"):
        for value in (event.get(key) or {}).get("values") or []:
            for frame in (value.get("stacktrace") or {}).get("frames") or []:
                frame.pop("vars", None)
    return redact(event)


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """The ADMINS e-mail of a server error without POST values or local variables, also when
    DEBUG is on."""

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


def bad_request(request, exception):
    """The 400 page, or the open data's JSON error under their address."""
    if request.path.startswith(reverse("api:index")):
        message = "Dit verzoek kan niet worden gelezen: het is te groot of niet goed opgebouwd."
        return json_error(400, message)
    return defaults.bad_request(request, exception)


def server_error(request):
    """The 500 page, or, when the database cannot be reached (or stays locked), the 503 page
    with Retry-After: the page cache serves a public page's last copy instead where it has
    one (core.pagecache). Django calls this while handling the exception."""
    if not isinstance(sys.exception(), OperationalError | InterfaceError):
        return defaults.server_error(request)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.path.startswith(reverse("api:index")):
        message = "De open data zijn tijdelijk niet beschikbaar. Probeer het straks opnieuw."
        return json_error(503, message, headers=headers)
    return HttpResponse(loader.render_to_string("503.html"), status=503, headers=headers)
