"""Readers for the settings that come from the environment; README.md lists every one."""

import hashlib
import os
import re
import tempfile
from email.utils import getaddresses
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
# A web origin as a Content-Security-Policy source: scheme, host (or *. and a domain), port.
ORIGIN = re.compile(r"https?://(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?", re.IGNORECASE)
REDIS = "core.cache.TolerantRedisCache"
TRACKED_REDIS = "core.cache.TrackedRedisCache"
# A Redis that does not answer costs a request this long per attempt, not a worker's life.
REDIS_SOCKET_SECONDS = 1


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE_VALUES


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from error


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_origins(name, default=""):
    """A comma-separated list of origins (https://host[:port]) for a policy header. Anything
    else (a path, a space, a semicolon) would change what the header says, so it stops the
    start."""
    origins = [origin.rstrip("/") for origin in env_list(name, default)]
    wrong = [origin for origin in origins if not ORIGIN.fullmatch(origin)]
    if wrong:
        raise ImproperlyConfigured(f"{name}: not an origin (https://host[:port]): {wrong}")
    return origins


def cache_from_url(url):
    """Turn CACHE_URL (locmem://, dummy://, redis://host:port/db) into a CACHES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if parsed.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parsed.scheme in ("redis", "rediss"):
        return {
            "BACKEND": REDIS,
            "LOCATION": url.split("?", 1)[0],
            "KEY_PREFIX": parse_qs(parsed.query).get("prefix", ["wo2030"])[-1],
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_SECONDS,
                "socket_timeout": REDIS_SOCKET_SECONDS,
            },
        }
    raise ImproperlyConfigured(f"CACHE_URL scheme {parsed.scheme!r} is not supported")


# `migrate` creates the table (core.apps).
RATELIMIT_DATABASE_CACHE = {
    "BACKEND": "core.ratelimit.DatabaseCounterCache",
    "LOCATION": "core_ratelimit_cache",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}


def ratelimit_cache(default_cache):
    """Shared by every worker and server, so a client's count is the same whichever answers."""
    if default_cache["BACKEND"] == REDIS:
        return default_cache
    return RATELIMIT_DATABASE_CACHE


def env_admins(name="ADMINS"):
    """Django's (name, address) pairs from "Name <address>, Other <address>" or bare addresses."""
    admins = []
    for display_name, address in getaddresses([env_str(name)]):
        if "@" not in address:
            raise ImproperlyConfigured(f"{name}: {address or display_name!r} is not an address")
        admins.append((display_name or address, address))
    return admins


def storages_from_env(static_backend):
    """Uploads on the local disk unless S3_BUCKET names an S3-compatible bucket."""
    default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if bucket := env_str("S3_BUCKET"):
        options = {
            "bucket_name": bucket,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
            "use_acls": env_bool("S3_USE_ACLS", True),
            # Uploads never overwrite each other: Wagtail picks a new name instead.
            "file_overwrite": False,
        }
        default = {"BACKEND": "core.storage.MediaStorage", "OPTIONS": options}
    return {"default": default, "staticfiles": {"BACKEND": static_backend}}


def page_cache(default_cache):
    """Redis when the default cache is Redis, with each process's memory in front of it
    ("pagecache_local"); else only this process's memory. The memory holds at most
    PAGE_CACHE_MEMORY_ENTRIES pages and drops a third of them when full."""
    memory = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pagecache",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MEMORY_ENTRIES", 2000)},
    }
    if default_cache["BACKEND"] == REDIS:
        shared = {**default_cache, "KEY_PREFIX": f"{default_cache['KEY_PREFIX']}-page"}
        return {"pagecache": shared, "pagecache_local": memory}
    if default_cache["BACKEND"] == "django.core.cache.backends.dummy.DummyCache":
        return {"pagecache": default_cache}
    return {"pagecache": memory}


def frontend_cache_from_env():
    """A CDN or proxy in front to purge: any that takes PURGE, and/or Cloudflare."""
    backends = {}
    if url := env_str("FRONTEND_CACHE_URL"):
        backends["varnish"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
    if zone := env_str("CLOUDFLARE_ZONEID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": zone,
            "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
        }
    return backends


def page_cache_version(default_cache, base_dir):
    """Shared by every process: Redis, else a file on this host (no database query for a cached
    page), so several app servers need Redis."""
    if default_cache["BACKEND"] == REDIS:
        # Keys of their own, so that Redis tells each process of changes to these alone.
        return {
            **default_cache,
            "BACKEND": TRACKED_REDIS,
            "KEY_PREFIX": f"{default_cache['KEY_PREFIX']}-version",
        }
    project = hashlib.sha256(str(base_dir).encode()).hexdigest()[:12]
    default_dir = os.path.join(tempfile.gettempdir(), f"wo2030-pagecache-{project}")
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("PAGE_CACHE_VERSION_DIR", default_dir),
    }
