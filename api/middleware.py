"""What every /api/v1/ request meets before the page cache or a view sees it: a rate limit per
client address (429 with Retry-After), CORS for reads from any origin, HEAD answered as the GET
without its body, and 405 for any method that writes.

It sits outside the page cache (careersite/settings.py), so a page-cache hit counts against the
limit too, and a 429 is never stored (it is not a 200, and it says no-store).
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from accounts.addresses import client_ip
from api.problems import problem_response
from pagecache.store import STORE_ERRORS

logger = logging.getLogger(__name__)

PREFIX = "/api/v1/"
METHODS = "GET, HEAD, OPTIONS"


def cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After, Content-Disposition"
    return response


def preflight():
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = METHODS
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return cors(response)


def over_limit(request):
    """Seconds until the client's window ends when it has used up its requests, else 0.
    A fixed window per address in the default cache (Redis in production, so every app
    server counts together)."""
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
    if not limit:
        return 0
    now = time.time()
    start = int(now // window) * window
    key = f"api-rate:{client_ip(request)}:{start}"
    store = caches["default"]
    try:
        store.add(key, 0, timeout=window + 1)
        try:
            used = store.incr(key)
        except ValueError:  # expired between add and incr
            store.add(key, 1, timeout=window + 1)
            used = 1
    except STORE_ERRORS:
        # The cache is down (restarted, unreachable): the API keeps answering, uncounted.
        logger.warning("The API's rate limit cannot count: the cache is not answering")
        return 0
    if used <= limit:
        return 0
    return max(1, int(start + window - now + 0.999))


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in {"GET", "HEAD"}:
            response = problem_response(
                request, 405, "API-et kan bare leses (GET).", headers={"Allow": METHODS}
            )
            return cors(response)
        head = request.method == "HEAD"
        if head:  # answered as the GET it stands for, without the body
            request.method = "GET"
        wait = over_limit(request)
        if wait:
            response = problem_response(
                request,
                429,
                f"Over {settings.API_RATE_LIMIT} forespørsler per {settings.API_RATE_WINDOW} "
                f"sekunder fra denne adressen; prøv igjen om {wait} sekunder.",
                headers={"Retry-After": str(wait)},
            )
        else:
            response = self.get_response(request)
        if head and not response.streaming:
            response.content = b""
        return cors(response)
