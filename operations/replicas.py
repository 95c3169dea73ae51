"""Public reads from PostgreSQL streaming replicas; everything else from the primary.

With DATABASE_REPLICA_URLS set, settings.py adds the replicas as database aliases
("replica1", …) and installs `ReplicaRouter` and `ReplicaMiddleware`:

- Only an anonymous read that the page cache handles (it sets `request.page_generation`) may
  use a replica, and only one that has replayed the primary's write-ahead log as far as the
  page cache's generation (pagecache/cache.py records the primary's WAL position with every
  generation). So a page rendered from a replica, and cached, shows every change made before
  that generation; otherwise it is read from the primary.
- A replica that is down, or lags more than REPLICA_MAX_LAG_SECONDS, is left alone (checked
  again after REPLICA_CHECK_SECONDS); /healthz says "degraded" without naming it. One that
  fails in the middle of a page (stopped, restarted, cut off) is marked down and the page is
  rendered again from the primary: it is an anonymous read, so running it twice is harmless.
- Writes, the admin, editors (anyone with a session) and management commands and workers
  use the primary. A client that has just written (a POST, PUT, PATCH or DELETE) is pinned to
  the primary for REPLICA_PIN_SECONDS by a cookie, so its next request sees its write.
"""

import contextlib
import logging
import random
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

from pagecache.generation import generation_wal_position

logger = logging.getLogger(__name__)

PIN_COOKIE = settings.WRITE_PIN_COOKIE
# The WAL position a replica must have replayed for this request, or None: the primary.
_needed = ContextVar("replica_wal_position", default=None)
# The replica this request has read from, if any.
_used = ContextVar("replica_used", default=None)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


@dataclass
class ReplicaState:
    replayed: int = -1  # WAL position replayed, as of `checked`
    lag: float = 0.0  # seconds behind the primary, as of `checked`
    checked: float = 0.0  # time.monotonic() of the last check
    down: bool = False


_states = {}

LAG_QUERY = """
    SELECT pg_last_wal_replay_lsn() - '0/0',
           CASE WHEN NOT pg_is_in_recovery()
                  OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
           END
"""


def replica_check(alias):
    """Ask the replica how far it has come; a failure marks it down. Returns its state."""
    state = _states.setdefault(alias, ReplicaState())
    state.checked = time.monotonic()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(LAG_QUERY)
            replayed, lag = cursor.fetchone()
    except DatabaseError as error:
        replica_failed(alias, error)
        return state
    # A primary named as a replica (in tests) replays nothing: it has everything.
    state.replayed = int(replayed) if replayed is not None else 2**63
    state.lag, state.down = float(lag), False
    return state


def replica_failed(alias, error):
    """Leave the replica alone until its next check."""
    state = _states.setdefault(alias, ReplicaState())
    if not state.down:
        logger.warning(
            "Read replica %s is not answering (%s); reading from the primary", alias, error
        )
    state.down, state.checked = True, time.monotonic()
    # A connection the server has dropped cannot be closed cleanly: it is gone anyway.
    with contextlib.suppress(DatabaseError):
        connections[alias].close()


def _usable(alias, needed):
    state = _states.get(alias)
    stale = state is None or time.monotonic() - state.checked > settings.REPLICA_CHECK_SECONDS
    if stale or (not state.down and state.replayed < needed):
        state = replica_check(alias)  # behind for this page: it may have caught up since
    return (
        not state.down
        and state.lag <= settings.REPLICA_MAX_LAG_SECONDS
        and (state.replayed >= needed)
    )


def replica_for(needed):
    """A replica that has replayed up to `needed`, or None for the primary."""
    aliases = replica_aliases()
    random.shuffle(aliases)
    return next((alias for alias in aliases if _usable(alias, needed)), None)


def replicas_health():
    """ "ok" when every replica answers and keeps up, else "degraded" (reads use the primary)."""
    states = [replica_check(alias) for alias in replica_aliases()]
    keeping_up = all(
        not state.down and state.lag <= settings.REPLICA_MAX_LAG_SECONDS for state in states
    )
    return "ok" if keeping_up else "degraded"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        needed = _needed.get()
        if needed is None:
            return None
        alias = replica_for(needed)
        if alias is not None:
            _used.set(alias)
        return alias

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas are copies of the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaMiddleware:
    """After the page cache middleware: decides, per request, whether reads may go to a
    replica, and pins a client that writes to the primary for a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        generation = getattr(request, "page_generation", None)
        allowed = generation is not None and PIN_COOKIE not in request.COOKIES
        token = _needed.set(generation_wal_position(generation) if allowed else None)
        used = _used.set(None)
        try:
            response = self.get_response(request)
        finally:
            _needed.reset(token)
            _used.reset(used)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request, exception):
        """A replica failed while this page read from it: mark it down and render the page
        again from the primary."""
        alias = _used.get()
        if alias is None or not isinstance(exception, DatabaseError):
            return None
        replica_failed(alias, exception)
        _needed.set(None)
        _used.set(None)
        return self.get_response(request)
