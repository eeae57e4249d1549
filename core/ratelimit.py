"""A fixed-window rate limit per client IP; over it, `limit()` raises RateLimited, which
website.middleware answers with the 429 page.

The counts are in the cache alias "ratelimit", shared by every worker and server (Redis, or a
database table): a cache in each process's memory would let a client through once per worker.
A count never waits on a lock nor fails a request: when it cannot be written in time, the
request is let through and a warning logged.
"""

import base64
import contextlib
import logging
import pickle
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)

HOUR = 3600
# Invalid attempts are not submissions, but a client that floods a form with them is stopped
# too, at this many times the limit for submissions.
ATTEMPTS_PER_SUBMISSION = 10
CACHE_ALIAS = "ratelimit"
# How long a count waits for SQLite's write lock, which a long write elsewhere may hold.
COUNTER_WAIT_MS = 100


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
    return hit_key(f"{scope}:{client_ip(request)}", limit, window_seconds)


def hit_key(name, limit, window_seconds=HOUR):
    """Count one use of `name` (a scope and whatever it limits: a client IP, a recipient's
    hash); True while it is within `limit` per window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{name}:{window}"
    cache = caches[CACHE_ALIAS]
    waiting = (
        cache.waiting_briefly()
        if isinstance(cache, DatabaseCounterCache)
        else contextlib.nullcontext()
    )
    try:
        with waiting:
            cache.add(key, 0, timeout=window_seconds)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window_seconds)
                count = 1
    except DatabaseError as error:
        logger.warning(
            "Rate limit %r not counted, request let through: %s", name.partition(":")[0], error
        )
        return True
    return count <= limit


def limit(request, scope, per_hour):
    """Count one request; raise RateLimited when the client went over `per_hour`."""
    if not hit(request, scope, per_hour):
        raise RateLimited(retry_after=HOUR - int(time.time()) % HOUR)


class DatabaseCounterCache(DatabaseCache):
    """Django's database cache with an `incr` for many processes at once. Django's own reads
    and writes back in two steps (two workers both read 3 and write 4) and resets the key's
    timeout, ending the window early. This one locks the row first (SELECT ... FOR UPDATE on
    PostgreSQL; on SQLite the IMMEDIATE transaction of the settings locks the database) and
    writes only the value. On SQLite it waits for the write lock at most COUNTER_WAIT_MS."""

    @contextlib.contextmanager
    def waiting_briefly(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        if connection.vendor != "sqlite":
            yield
            return
        # sqlite3's default busy timeout is 5 seconds.
        usual = int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000)
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {COUNTER_WAIT_MS}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {usual}")

    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_column, key_column = map(quote, (self._table, "value", "cache_key"))
        cache_key = self.make_and_validate_key(key, version=version)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # The table name comes from the settings and is quoted; values are parameters.
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {key_column} FROM {table} WHERE {key_column} = %s{lock}",  # noqa: S608
                [cache_key],
            )
            value = self.get(key, version=version)
            if value is None:
                raise ValueError(f"Key {key!r} not found")
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s",  # noqa: S608
                [encoded, cache_key],
            )
        return value


def limit_attempts(request, scope, submissions_per_hour):
    """Count one attempt at a form, valid or not, against a limit well above submissions'."""
    limit(request, f"{scope}-attempt", submissions_per_hour * ATTEMPTS_PER_SUBMISSION)
