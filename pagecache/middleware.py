"""Serve anonymous GETs from the full-page cache, and tell browsers and CDNs what to keep.

A page is stored only when it is the same for every anonymous visitor:
- the request is a GET (HEAD is answered from a stored GET) without a session cookie or an
  Authorization header, so editors and their draft previews are never stored;
- the response is a 200, not streamed, sets no cookie, does not say private/no-store/no-cache
  (the admin and /healthz do), and varies on nothing but language and encoding;
- its template did not use the CSP nonce. The nonce is in the header and in the page; a
  stored page would replay one nonce to everyone, which would defeat it. Public templates use
  no nonce (no inline scripts or styles), so this only keeps a future inline block correct.

It sits near the top of the middleware (careersite/settings.py), so that a page served from the
cache costs little more than a static file: the session, locale and common middleware run
inside it, once, when a page is rendered, and their headers (Content-Language,
Content-Length) are stored with it. The key holds the language the address decides and the
scheme, host, path and query string; the copy carries the generation it was rendered in (see
cache.py). Responses that may be stored get
`Cache-Control: public, max-age, s-maxage, stale-while-revalidate`, an ETag and a Last-Modified (the
generation's start); django.middleware.http.ConditionalGetMiddleware, outside this one,
answers If-None-Match / If-Modified-Since with 304 for fresh and cached pages alike.
Responses to a request with a session cookie get `Cache-Control: private`, so no shared cache
keeps what an editor saw.

After a change, the first request for a page renders it; requests for the same page meanwhile
get its copy from before the change (`X-Page-Cache: stale`, `Age`, and no shared cache may keep
it), for at most PAGE_STALE_SECONDS. Editors (a session cookie) and a client that has just
written (the replica pin cookie, settings.WRITE_PIN_COOKIE) never get a stale copy.
"""

import math
import re

from django.conf import settings
from django.utils import translation
from django.utils.cache import (
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date

from pagecache.cache import (
    page_key,
    page_lookup,
    page_render_claim,
    page_render_release,
    page_set,
)
from pagecache.generation import generation_time

HEADER_LIST = re.compile(r"\s*,\s*")
ALLOWED_VARY = {"accept-language", "accept-encoding", "cookie"}
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}


def request_is_anonymous_read(request):
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def response_is_shareable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {
        part.split("=")[0].strip().lower()
        for part in HEADER_LIST.split(response.get("Cache-Control", ""))
    }
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    vary = {part.strip().lower() for part in HEADER_LIST.split(response.get("Vary", "")) if part}
    if vary - ALLOWED_VARY:
        return False
    # The nonce is lazy: it is true only when a template (or view) has used it.
    return not getattr(request, "_csp_nonce", None)


def add_public_headers(response, generation):
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        s_maxage=settings.PAGE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
    )
    response.headers.setdefault("Last-Modified", http_date(generation_time(generation)))
    if not response.has_header("ETag"):
        set_response_etag(response)


def mark_stale(response, stale_for):
    """A copy from before the last change: say so, and let no cache keep it."""
    response["X-Page-Cache"] = "stale"
    response["Age"] = str(math.ceil(stale_for))
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, public=True, max_age=0, s_maxage=0)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_anonymous_read(request):
            request.page_cache = "bypass"
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)
            return response

        # The address alone decides the language (careersite/urls.py): /nn/… and /en/… by their
        # prefix, bokmål for every other address, as the locale middleware inside decides too.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        key = page_key(request, language)
        generation, cached, stale = page_lookup(key)
        # For the read-replica routing (operations/replicas.py): what the page must show.
        request.page_generation = generation
        if cached is not None:
            request.page_cache = "hit"
            return cached

        claimed = False
        if stale is not None and settings.WRITE_PIN_COOKIE not in request.COOKIES:
            claimed = page_render_claim(key, generation)
            if not claimed:  # another request is rendering this page right now
                request.page_cache = "stale"
                return mark_stale(*stale)
        try:
            response = self.get_response(request)
        finally:
            if claimed:
                page_render_release(key, generation)
        if response_is_shareable(request, response):
            add_public_headers(response, generation)
            if request.method == "GET":
                page_set(key, generation, response)
            request.page_cache = "miss"
        else:
            request.page_cache = "bypass"
        return response
