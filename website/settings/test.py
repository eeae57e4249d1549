import os
import tempfile

from .dev import *  # noqa: F403
from .env import RATELIMIT_DATABASE_CACHE, env_bool, page_cache

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# As without CACHE_URL, but the page cache's version too in the test database, like the rate
# limits: both are rolled back with each test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES.update(page_cache(CACHES["default"]))
CACHES["ratelimit"] = RATELIMIT_DATABASE_CACHE
CACHES["pagecache_version"] = RATELIMIT_DATABASE_CACHE
# Off for the suite, so query counts measure rendering; the page cache's own tests turn it on,
# and so do the servers that tests start in processes of their own (PAGE_CACHE_ENABLED=1).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A file, not SQLite's shared in-memory database: concurrency tests need real locking, WAL and
# the busy timeout, as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"wo2030-test-{os.getpid()}.sqlite3")
    }

# A fresh folder per test run, so uploads never land in the working tree.
MEDIA_ROOT = tempfile.mkdtemp(prefix="wo2030-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# The calendar import tests serve their files from loopback, and wait for nobody.
CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES = True
CALENDAR_IMPORT_LIMITS = {
    **CALENDAR_IMPORT_LIMITS,  # noqa: F405
    "max_bytes": 64 * 1024,
    "connect_timeout": 1,
    "read_timeout": 0.5,
    "total_seconds": 1.5,
    "max_events": 50,
    "max_sessions": 200,
    "max_occurrences": 20,
}

# The CBS import tests serve hand-written answers from loopback (tests/monitor/data/); no other
# test runs the monthly job against CBS.
CBS_IMPORT_ALLOW_PRIVATE_ADDRESSES = True
CBS_IMPORT_TABLES = []
CBS_IMPORT_LIMITS = {
    **CBS_IMPORT_LIMITS,  # noqa: F405
    "max_bytes": 256 * 1024,
    "connect_timeout": 1,
    "read_timeout": 0.5,
    "total_seconds": 1.5,
    "max_pages": 3,
}
