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
    """200 while the primary database answers, 503 when it does not; names no hosts or errors
    (the reason goes to the log, not to whoever asks). A cache that fails, or a read replica
    that is down or lags, makes the answer "degraded" with a 200: the site still serves every
    page (uncached, or from the primary), and every instance shares the cache and the replicas,
    so taking instances out of the load balancer would not help."""
    checks = {}
    for name, check in (("database", _database_ok), ("cache", _caches_ok)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception:
            log.exception("Health check %s failed", name)
            checks[name] = "error"
    if replicas.replica_aliases():
        checks["replicas"] = replicas.replicas_health()
    if checks["database"] != "ok":
        status = "error"
    elif all(state == "ok" for state in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "error" else 200
    )
