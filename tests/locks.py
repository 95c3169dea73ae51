"""Holding a lock as another process would, for tests of what runs once at a time."""

from contextlib import contextmanager

import psycopg
from django.db import connection

from registers.locks import _advisory_key, source_lock


def other_connection():
    """A second PostgreSQL session on the test database (advisory locks are per session, and a
    session may take its own lock again)."""
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        dbname=settings["NAME"],
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


@contextmanager
def held_elsewhere(key):
    """Hold `registers.locks.source_lock(key)` as another process would."""
    if connection.vendor != "postgresql":
        with source_lock(key):  # a file lock: a second open file conflicts in one process too
            yield
        return
    other = other_connection()
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [_advisory_key(key)])
        yield
        # Released before the connection closes: the server ends a closed session's locks
        # only when its backend has exited, which can be after the test's next step.
        other.execute("SELECT pg_advisory_unlock(%s)", [_advisory_key(key)])
    finally:
        other.close()
