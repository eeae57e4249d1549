from django.conf import settings
from django.shortcuts import render
from django.urls import reverse


class PublicRequestSizeLimitMiddleware:
    """Refuse oversized public POSTs from their Content-Length, before the body is read.

    Placed before the CSRF middleware, which would otherwise parse (and spool to disk) the
    whole body first. The admin has its own, larger limits for editors' uploads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.path.startswith(reverse("wagtailadmin_home")):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.PUBLIC_FORM_MAX_REQUEST_BYTES:
                limit_mb = settings.PUBLIC_FORM_MAX_REQUEST_BYTES // (1024 * 1024)
                return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
        return self.get_response(request)
