"""The full-page cache's store and its one invalidation function.

Every cached page's key holds the current *generation*: a token (the time of the last
content change, in nanoseconds) kept in the "pages" cache. `pagecache_invalidate()` replaces
the token, so every page cached before becomes unreachable at once and expires on its own.
One global generation rather than per-page keys, because a publication changes more than its
own page (home page, A–Å index, employer pages, sitemap) and content changes are rare
(editors' saves, nightly imports) next to page views.

No thundering herd after a change: the last few generations are remembered, and a page not yet
cached in the new one is answered from its copy in an earlier one while one request (holding
a short lock, `page_render_claim`) renders it anew, for at most PAGE_STALE_SECONDS after that
copy went stale (docs/caching-and-operations.md).

Called only by the change path (derived/apps.py installs it): right after every write commits,
and again once the search index and the employer read model are up to date.
"""

import hashlib
import itertools
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction

from pagecache.generation import generation_time, new_generation, unknown_position_generation
from pagecache.store import store_add, store_delete, store_get, store_get_many, store_set

GENERATION_KEY = "generation"
# The generations before the current one, newest first. A change bumps the generation two to
# four times (at once and at the commit, for the write and again for the refresh after it), so
# several are kept: the pages there are belong to the one from before the change.
PREVIOUS_KEY = "generation:previous"
PREVIOUS_KEPT = 8


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
    store = _store()
    fresh = new_generation()
    old = store.get(GENERATION_KEY)
    if old is not None:
        previous = [old, *(store.get(PREVIOUS_KEY) or [])][:PREVIOUS_KEPT]
        store.set(PREVIOUS_KEY, previous, timeout=None)
    store.set(GENERATION_KEY, fresh, timeout=None)


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


def page_get_stale(request, generation, language):
    """The newest copy of the page from a generation before `generation` that went stale at
    most PAGE_STALE_SECONDS ago, as (response, seconds since it went stale), or None."""
    newer = [generation, *(store_get(PREVIOUS_KEY) or [])]
    now = time.time()
    candidates = []
    for later, earlier in itertools.pairwise(newer):
        stale_for = now - generation_time(later)
        if stale_for > settings.PAGE_STALE_SECONDS:
            break  # older copies went stale even earlier
        candidates.append((page_key(request, earlier, language), stale_for))
    if not candidates:
        return None
    found = store_get_many([key for key, _stale_for in candidates])
    for key, stale_for in candidates:
        if key in found:
            return found[key], stale_for
    return None


def _lock_key(key):
    return f"rendering:{key}"


def page_render_claim(key):
    """Claim the rendering of the page under `key`; False when another request has it. The
    claim lapses after PAGE_RENDER_LOCK_SECONDS should its request die."""
    return store_add(_lock_key(key), 1, timeout=settings.PAGE_RENDER_LOCK_SECONDS)


def page_render_release(key):
    store_delete(_lock_key(key))
