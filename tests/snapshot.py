"""A copy of the test database with the initial content, taken once per test worker and put
back before each test that needs real commits (the browser tests): copying the database is
much faster than loading the content again.

SQLite copies with its online backup API (a file copy that is safe while connections are
open); PostgreSQL clones the database from a template.
"""

import sqlite3

from django.core.cache import cache
from django.db import connection, connections


class SqliteSnapshot:
    def __init__(self):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        connection.ensure_connection()
        self.copy.backup(connection.connection)

    def drop(self):
        self.copy.close()


class PostgresSnapshot:
    """The live server's connection is cut when the database is replaced; Django's connection
    health check opens a new one on its next request."""

    def __init__(self):
        self.name = connection.settings_dict["NAME"]
        self.template = f"{self.name}_snapshot"
        self._run(f'DROP DATABASE IF EXISTS "{self.template}"')
        self._run(f'CREATE DATABASE "{self.template}" TEMPLATE "{self.name}"')

    def restore(self):
        self._run(f'DROP DATABASE "{self.name}" WITH (FORCE)')
        self._run(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')

    def drop(self):
        self._run(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')

    @staticmethod
    def _run(sql):
        connections.close_all()
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)


def take_snapshot():
    return SqliteSnapshot() if connection.vendor == "sqlite" else PostgresSnapshot()


def restore(snapshot):
    snapshot.restore()
    # Cached page URLs, search vocabularies and counters belong to the content just replaced.
    cache.clear()
