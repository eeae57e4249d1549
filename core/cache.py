"""Django's Redis cache as the optimisation it is: when Redis does not answer, reads miss and
writes are dropped, with a warning in the log, so the site goes on uncached instead of failing
(`/health/` reports the cache as degraded)."""

import contextlib
import logging
import math
import os
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisSerializer
from redis.connection import Connection
from redis.exceptions import RedisError, ResponseError

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def _without_redis():
    try:
        yield
    except RedisError as error:
        logger.warning("The cache did not answer, going on without it: %s", error)


class TolerantRedisCache(RedisCache):
    """Each operation answers as an empty cache that keeps nothing when Redis fails."""

    def get(self, key, default=None, version=None):
        with _without_redis():
            return super().get(key, default, version)
        return default

    def get_many(self, keys, version=None):
        with _without_redis():
            return super().get_many(keys, version)
        return {}

    def has_key(self, key, version=None):
        with _without_redis():
            return super().has_key(key, version)
        return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with _without_redis():
            return super().add(key, value, timeout, version)
        return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with _without_redis():
            super().set(key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        with _without_redis():
            return super().set_many(data, timeout, version)
        return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        with _without_redis():
            return super().touch(key, timeout, version)
        return False

    def incr(self, key, delta=1, version=None):
        with _without_redis():
            return super().incr(key, delta, version)
        raise ValueError(f"Key {key!r} not found")

    def delete(self, key, version=None):
        with _without_redis():
            return super().delete(key, version)
        return False

    def delete_many(self, keys, version=None):
        with _without_redis():
            super().delete_many(keys, version)

    def clear(self):
        with _without_redis():
            return super().clear()
        return False


INVALIDATIONS = "__redis__:invalidate"


class TrackedRedisCache(TolerantRedisCache):
    """Redis with a copy in this process of each value read, which Redis itself tells us to drop.

    For the content version, which every request reads: a hit on a kept page then costs no
    round trip. One connection per process asks Redis to track this cache's keys (CLIENT
    TRACKING in broadcast mode, redirected to itself) and listens on the invalidation channel:
    any write to a key, by any process, or a flush, sends a message there in the same turn
    of Redis's event loop as the writer's "OK", microseconds apart. Each read first applies the
    messages that arrived, so a change reaches the next request of every process. A copy is
    only taken while that connection is up; when it fails, the copies go and every read asks
    Redis until it listens again."""

    # After a failed attempt to listen, reads go to Redis for this long before the next
    # attempt: a refused command (an ACL without CLIENT, say) would otherwise cost a new
    # connection and a warning on every read.
    LISTEN_RETRY_SECONDS = 30

    def __init__(self, server, params):
        super().__init__(server, params)
        # One redis-py client of its own for reads, whose connection settings the listening
        # connection copies (Django's backend builds a client per operation).
        self.reader = redis.Redis.from_url(server, **params.get("OPTIONS", {}))
        self.serializer = RedisSerializer()
        self.copies = {}
        # How many times copies were dropped: a read that saw it change may hold an old value.
        self.dropped = 0
        self.listener = None
        self.listener_pid = None
        # time.monotonic() of the last failed attempt to listen; the future once Redis refused
        # tracking itself, which no retry changes.
        self.listen_failed_at = -math.inf
        self.lock = threading.Lock()

    def get(self, key, default=None, version=None):
        # Not validated for memcached on each read: every request reads this key, and each
        # write validates it.
        redis_key = self.make_key(key, version=version)
        with self.lock:
            listening = self._apply_invalidations()
            if redis_key in self.copies:
                return self.serializer.loads(self.copies[redis_key])
            if not listening and self._may_listen():
                listening = self._listen()
            dropped_before = self.dropped
        # Outside the lock, so the other threads of this process read on meanwhile.
        with _without_redis():
            value = self.reader.get(redis_key)
            if listening and value is not None:
                with self.lock:
                    # An invalidation applied during the read may be for a write after it:
                    # such a value is returned, not kept.
                    if self._apply_invalidations() and self.dropped == dropped_before:
                        self.copies[redis_key] = value
            return default if value is None else self.serializer.loads(value)
        return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version)
        super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version)
        return super().add(key, value, timeout, version)

    def delete(self, key, version=None):
        self._forget(key, version)
        return super().delete(key, version)

    def clear(self):
        with self.lock:
            self._drop()
        return super().clear()

    def _forget(self, key, version):
        # This process's own write need not wait for its invalidation message.
        with self.lock:
            self._drop(self.make_key(key, version=version))

    def _drop(self, *keys):
        """Drop the copies of `keys`, or all of them."""
        self.dropped += 1
        if not keys:
            self.copies.clear()
        for key in keys:
            self.copies.pop(key, None)

    def _listen(self):
        """Open the listening connection, and say whether it is open; without it (Redis down,
        or no CLIENT TRACKING before Redis 6) reads simply go to Redis."""
        self.listener = None
        self.listener_pid = os.getpid()
        self._drop()
        listener = Connection(**self.reader.connection_pool.connection_kwargs)
        try:
            listener.connect()
            listener.send_command("CLIENT", "ID")
            own_id = listener.read_response()
            prefix = self.make_key("")
            listener.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", "PREFIX", prefix
            )
            try:
                listener.read_response()
            except ResponseError:
                self.listen_failed_at = math.inf
                raise
            listener.send_command("SUBSCRIBE", INVALIDATIONS)
            listener.read_response()
        except (RedisError, OSError) as error:
            logger.warning("Not keeping copies of %s: %s", self.make_key(""), error)
            self.listen_failed_at = max(self.listen_failed_at, time.monotonic())
            listener.disconnect()
            return False
        self.listener = listener
        return True

    def _may_listen(self):
        return time.monotonic() - self.listen_failed_at >= self.LISTEN_RETRY_SECONDS

    def _apply_invalidations(self):
        """Drop the copies Redis said changed; False when there is no listening connection of
        this process (after a fork, or when it failed)."""
        if self.listener is None or self.listener_pid != os.getpid():
            self.listener = None
            self._drop()
            return False
        try:
            while self.listener.can_read(timeout=0):
                _, _, keys = self.listener.read_response()
                self._drop(*(key.decode() for key in keys or ()))
        except (RedisError, OSError, ValueError) as error:
            logger.warning("Lost the invalidations of %s: %s", self.make_key(""), error)
            self.listener.disconnect()
            self.listener = None
            self._drop()
            return False
        return True
