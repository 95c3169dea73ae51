import logging
import secrets

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from operations import replicas

log = logging.getLogger(__name__)


def _database_ok():
    """The primary; the replicas are reported apart (a replica down degrades, not fails)."""
    with connections["default"].cursor() as cursor:
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
    """200 when the primary database and every cache answer, 503 otherwise; names no hosts or
    errors (the reason goes to the log, not to whoever asks). With read replicas, "replicas"
    is "degraded" while one is down or lags (the site then reads from the primary: still 200)."""
    checks = {}
    for name, check in (("database", _database_ok), ("cache", _caches_ok)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception:
            log.exception("Health check %s failed", name)
            checks[name] = "error"
    healthy = all(state == "ok" for state in checks.values())
    status = "ok" if healthy else "error"
    if replicas.replica_aliases():
        checks["replicas"] = replicas.replicas_health()
        if healthy and checks["replicas"] != "ok":
            status = "degraded"
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)
