"""The page cache's generation token: "<time of the change in nanoseconds>-<the primary's
write-ahead-log position then>". Its own module, so that what reads it (the replica routing,
operations/replicas.py) need not import the page cache's invalidation (pagecache/cache.py)."""

import time

from django.db import connections


def _wal_position():
    """How far the primary's write-ahead log has come (PostgreSQL), so that a page is rendered
    from a read replica only once the replica has replayed every change before this
    generation (operations/replicas.py). 0 on SQLite, which has no replicas."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn() - '0/0'")
        return int(cursor.fetchone()[0])


def new_generation():
    """ "<time of the change in nanoseconds>-<the primary's WAL position then>"."""
    return f"{time.time_ns()}-{_wal_position()}"


# A token from before WAL positions were recorded: no replica is known to be fresh enough.
UNKNOWN_POSITION = 2**63


def unknown_position_generation():
    """A token for when the primary cannot be asked: no replica counts as fresh enough."""
    return f"{time.time_ns()}-{UNKNOWN_POSITION}"


def generation_time(generation):
    """When the generation began (seconds since the epoch): no page has changed since."""
    return int(generation.split("-")[0]) / 1e9


def generation_wal_position(generation):
    """The primary's WAL position when the generation began: a replica that has replayed up
    to it shows every change the generation's pages must show."""
    _time, _dash, position = generation.partition("-")
    return int(position) if position else UNKNOWN_POSITION
