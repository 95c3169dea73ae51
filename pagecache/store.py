"""The page cache's store, stepped around while it fails.

The pages live in a shared cache (Redis in production). When it stops answering (restarted,
unreachable, out of memory) the site must keep serving: a read that fails counts as a miss
and a page that cannot be stored is not stored. After a failure the store is left alone for
`PAGE_CACHE_RETRY_SECONDS`, so that an unreachable server does not cost every request its
timeouts, and one warning is logged per pause. Replacing the generation (invalidation) does
not go through here: a failed invalidation must fail the change path's refresh, which keeps
the change and tries again (changes/apply.py).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches

try:
    from redis.exceptions import RedisError
except ImportError:  # Redis is optional: a laptop uses the file-based cache
    RedisError = OSError

log = logging.getLogger(__name__)

STORE_ERRORS = (RedisError, OSError)

_paused_until = 0.0


def _available():
    return time.monotonic() >= _paused_until


def _failed(operation):
    global _paused_until
    _paused_until = time.monotonic() + settings.PAGE_CACHE_RETRY_SECONDS
    log.warning(
        "The page cache failed on %s; pages are served uncached for %s s",
        operation,
        settings.PAGE_CACHE_RETRY_SECONDS,
        exc_info=True,
    )


def store_reset():
    """Forget an earlier failure (tests, and a store known to be back)."""
    global _paused_until
    _paused_until = 0.0


def store_get(key):
    """The stored value, or None when there is none or the store is not answering."""
    if not _available():
        return None
    try:
        return caches["pages"].get(key)
    except STORE_ERRORS:
        _failed("get")
        return None


def store_get_many(keys):
    """{key: value} of the keys stored; {} when the store is not answering."""
    if not _available():
        return {}
    try:
        return caches["pages"].get_many(keys)
    except STORE_ERRORS:
        _failed("get_many")
        return {}


def store_add(key, value, timeout):
    """Whether the value was added (the key was free); False when the store is not answering."""
    if not _available():
        return False
    try:
        return caches["pages"].add(key, value, timeout=timeout)
    except STORE_ERRORS:
        _failed("add")
        return False


def store_delete(key):
    if not _available():
        return
    try:
        caches["pages"].delete(key)
    except STORE_ERRORS:
        _failed("delete")


def store_set(key, value, timeout):
    if not _available():
        return
    try:
        caches["pages"].set(key, value, timeout=timeout)
    except STORE_ERRORS:
        _failed("set")
