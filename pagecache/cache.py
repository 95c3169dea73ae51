"""The full-page cache's store and its one invalidation function.

Every cached page's key holds the current *generation*: a token (the time of the last
content change, in nanoseconds) kept in the "pages" cache. `pagecache_invalidate()` replaces
the token, so every page cached before becomes unreachable at once and expires on its own.
One global generation rather than per-page keys, because a publication changes more than its
own page (home page, A–Å index, employer pages, sitemap) and content changes are rare
(editors' saves, nightly imports) next to page views.

Called only by the change path (derived/apps.py installs it): right after every write commits,
and again once the search index and the employer read model are up to date.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction

from pagecache.generation import new_generation, unknown_position_generation
from pagecache.store import store_add, store_get, store_set

GENERATION_KEY = "generation"


def _store():
    return caches["pages"]


def current_generation():
    """The current generation token; a new one when the store has lost it (evicted, restarted),
    so pages from before can never be found again. While the store is not answering, each
    request gets a token of its own (nothing cached is found; see store.py)."""
    generation = store_get(GENERATION_KEY)
    if generation is None:
        try:
            fresh = new_generation()
        except DatabaseError:
            # The database is down: this request gets a token of its own (nothing cached is
            # found, no replica is trusted) and the next one tries again.
            return unknown_position_generation()
        store_add(GENERATION_KEY, fresh, timeout=None)
        generation = store_get(GENERATION_KEY) or fresh
    return generation


def _replace_generation():
    _store().set(GENERATION_KEY, new_generation(), timeout=None)


def pagecache_invalidate():
    """Make every cached page stale. Call after any change that public pages show.

    Runs at once and, inside a transaction, again when it commits: a request that renders
    between the first bump and the commit still sees the old rows and may cache them under
    the new generation; the second bump drops that page too.
    """
    _replace_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(_replace_generation)


def page_key(request, generation, language):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{generation}:{language}:{digest}"


def page_get(key):
    return store_get(key)


def page_set(key, response):
    store_set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
