"""Servers and commands in processes of their own, for the tests that need more than the test
client: manage.py and gunicorn under production settings (as `make serve` runs them) on the
database the test committed to, and the Redis of this machine."""

import contextlib
import os
import socket
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from tests.bench.server import base_environment, free_port, gunicorn, manage

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# Pages are kept per host: every server is asked under one name.
HOST = {"Host": "localhost"}

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "ALLOWED_HOSTS": "werkenenontwikkelen2030.nl",
    "DATABASE_URL": "sqlite:////tmp/wo2030-deploy-check.sqlite3",
}


def manage_in_production(*args, **env):
    """manage.py in a fresh interpreter with production settings, as a server loads them."""
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a "production" process.
    inherited = {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean_env = {key: value for key, value in os.environ.items() if key not in inherited}
    return manage(clean_env | PRODUCTION_ENV | env, *args, check=False, timeout=120)


def redis_answers():
    try:
        socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5).close()
    except OSError:
        return False
    return True


def database_url():
    """The test database, as DATABASE_URL for a server in another process."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    password = quote(database["PASSWORD"] or "", safe="")
    return (
        f"postgres://{database['USER']}:{password}@{database['HOST'] or 'localhost'}"
        f":{database['PORT'] or 5432}/{database['NAME']}"
    )


@contextlib.contextmanager
def production_server(tmp_path, database, cache_url):
    """One production worker on `database` with `cache_url`; it serves the collected static
    files (the `collected_static_files` fixture) and the test's uploads."""
    port = free_port()
    env = base_environment(
        database,
        port,
        CACHE_URL=cache_url,
        GUNICORN_WORKERS=1,
        MEDIA_ROOT=settings.MEDIA_ROOT,
    )
    with gunicorn(env, tmp_path / f"server-{port}.log") as server:
        yield server


def answer(server, path):
    response, body = server.get(path, HOST)
    assert response.status != 500, (path, server.log_text()[-3000:])
    return response, body.decode()


def rename(page, slug):
    """Give a page a new slug and publish it, as an editor does."""
    page.slug = slug
    page.save_revision().publish()
