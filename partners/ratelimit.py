"""A fixed-window rate limit per client IP, kept in Django's cache (Redis in production, so
all app servers share the counts)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    # Behind N trusted proxies the client is the Nth address from the right of
    # X-Forwarded-For; anything further left can be forged by the client.
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, scope, limit, window_seconds=3600):
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
