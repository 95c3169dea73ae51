import logging
import secrets

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


def _database_ok():
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    return True


def _caches_ok():
    for cache in caches.all():
        key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
        cache.set(key, value, 10)
        found = cache.get(key)
        cache.delete(key)
        if found != value:
            return False
    return True


@never_cache
def healthz(request):
    """200 when the database and every cache answer, 503 otherwise; names no hosts or errors
    (the reason goes to the log, not to whoever asks)."""
    checks = {}
    for name, check in (("database", _database_ok), ("cache", _caches_ok)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception:
            log.exception("Health check %s failed", name)
            checks[name] = "error"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
