"""A fixed-window rate limit per client IP, kept in Django's cache (Redis in production, so
all app servers share the counts). Over the limit, `limit()` raises RateLimited and
RateLimitMiddleware answers with the one 429 page."""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

HOUR = 3600
# Invalid attempts are not submissions, but a client that floods a form with them is stopped
# too, at this many times the limit for submissions.
ATTEMPTS_PER_SUBMISSION = 10


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def client_ip(request):
    # Behind N trusted proxies the client is the Nth address from the right of
    # X-Forwarded-For; anything further left can be forged by the client.
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, scope, limit, window_seconds=HOUR):
    """Count one request; True while the client is within `limit` per window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def limit(request, scope, per_hour):
    """Count one request; raise RateLimited when the client went over `per_hour`."""
    if not hit(request, scope, per_hour):
        raise RateLimited(retry_after=HOUR - int(time.time()) % HOUR)


def limit_attempts(request, scope, submissions_per_hour):
    """Count one attempt at a form, valid or not, against a limit well above the one for
    submissions."""
    limit(request, f"{scope}-attempt", submissions_per_hour * ATTEMPTS_PER_SUBMISSION)


class RateLimitMiddleware:
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
