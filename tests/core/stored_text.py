"""Where the database holds a piece of text, for the tests of personal data."""

import json

from django.db import connection


def places_holding(*needles):
    """Every table and column whose stored text holds one of the needles, ignoring case; read
    with plain SQL, independent of the code under test."""
    needles = [needle.lower() for needle in needles]
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = value.decode(errors="ignore") if isinstance(value, bytes) else value
                    text = json.dumps(text) if isinstance(text, dict | list) else text
                    if isinstance(text, str) and any(n in text.lower() for n in needles):
                        found.append(f"{table}.{column}")
    return found
