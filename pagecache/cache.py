"""The full-page cache's store and its one invalidation function.

Every cached page is stored with the *generation* it was rendered in: a token (the time of
the last content change, in nanoseconds) kept in the "pages" cache. `pagecache_invalidate()`
replaces the token, so every page cached before is out of date at once; a copy is served as
fresh only when its generation is the current one, and one read (`page_lookup`) fetches the
generation and the page together. One global generation rather than per-page keys, because a
publication changes more than its own page (home page, A–Å index, employer pages, sitemap)
and content changes are rare (editors' saves, nightly imports) next to page views.

No thundering herd after a change: the last few generations are remembered, and a page not yet
rendered in the new one is answered from its copy from an earlier one while one request (holding
a short lock, `page_render_claim`) renders it anew, for at most PAGE_STALE_SECONDS after that
copy went stale (docs/caching-and-operations.md).

Called only by the change path (derived/apps.py installs it): right after every write commits,
and again once the search index and the employer read model are up to date.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpResponse

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


def page_key(request, language):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{language}:{digest}"


# The pages this process served last, each with the generation it was rendered in: a page asked
# for again in the same generation comes from here, and only the generation crosses the network
# (a 46 KB page from Redis, unpickled, was half the cost of a hit). Kept as (generation, status,
# headers, content), and a new response made for each request, because the middleware outside
# adds its headers to the response it is given.
_recent = OrderedDict()
_recent_lock = threading.Lock()


def _remember(key, generation, response):
    if settings.PAGE_CACHE_LOCAL_PAGES <= 0:
        return
    with _recent_lock:
        _recent[key] = (generation, response.status_code, dict(response.headers), response.content)
        _recent.move_to_end(key)
        while len(_recent) > settings.PAGE_CACHE_LOCAL_PAGES:
            _recent.popitem(last=False)


def _recall(key, generation):
    """A new response from this process's copy of the page, if it is of `generation`."""
    with _recent_lock:
        recent = _recent.get(key)
        if recent is None or recent[0] != generation:
            return None
        _recent.move_to_end(key)
    _generation, status, headers, content = recent
    return HttpResponse(content, status=status, headers=headers)


def page_lookup(key):
    """What the store holds for the page under `key`: (the current generation, the copy
    rendered in it or None, and else (copy, seconds since it went stale) for a copy from an
    earlier generation that went stale at most PAGE_STALE_SECONDS ago, or None).

    One round trip: the generations, with the page itself unless this process has a copy."""
    local = key in _recent
    found = store_get_many([GENERATION_KEY, PREVIOUS_KEY] + ([] if local else [key]))
    generation = found.get(GENERATION_KEY) or current_generation()
    if local:
        recalled = _recall(key, generation)
        if recalled is not None:
            return generation, recalled, None
        entry = store_get(key)  # this process's copy is out of date; another may have rendered
    else:
        entry = found.get(key)
    if entry is None:
        return generation, None, None
    rendered_in, response = entry
    if rendered_in == generation:
        _remember(key, generation, response)
        return generation, response, None
    newer = [generation, *(found.get(PREVIOUS_KEY) or [])]
    if rendered_in not in newer:  # older than the generations remembered, or from a lost one
        return generation, None, None
    # It went stale when the generation after its own began.
    stale_for = time.time() - generation_time(newer[newer.index(rendered_in) - 1])
    if stale_for > settings.PAGE_STALE_SECONDS:
        return generation, None, None
    return generation, None, (response, stale_for)


def page_set(key, generation, response):
    """Store the page as rendered in `generation`; it replaces the copy from before."""
    store_set(key, (generation, response), timeout=settings.PAGE_CACHE_SECONDS)
    _remember(key, generation, response)


def _lock_key(key, generation):
    return f"rendering:{generation}:{key}"


def page_render_claim(key, generation):
    """Claim the rendering of the page under `key` in `generation`; False when another request
    has it. The claim lapses after PAGE_RENDER_LOCK_SECONDS should its request die."""
    return store_add(_lock_key(key, generation), 1, timeout=settings.PAGE_RENDER_LOCK_SECONDS)


def page_render_release(key, generation):
    store_delete(_lock_key(key, generation))
