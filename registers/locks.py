"""One import of a source at a time, also across processes and machines.

PostgreSQL: a session advisory lock, which the server releases if the process dies. SQLite (a
file on one machine): an exclusive lock on a file beside it, which the OS releases likewise.
"""

import fcntl
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.db import connection


class ImportLocked(Exception):
    """Another run of the same source holds the lock."""


def _advisory_key(key):
    return zlib.crc32(f"careersite-import:{key}".encode())


@contextmanager
def source_lock(key):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [_advisory_key(key)])
            if not cursor.fetchone()[0]:
                raise ImportLocked(key)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_advisory_key(key)])
        return
    directory = settings.IMPORT_LOCK_DIR
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f"{key}.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ImportLocked(key) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
