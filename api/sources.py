"""/api/v1/sources: each register's last import, so a client knows how fresh the data are."""

from django.db.models import Max, OuterRef, Q, Subquery
from ninja import Router

from api.licences import source_terms
from api.meta import meta
from api.params import reject_unknown
from api.schemas import SourceList
from registers.models import DataSource, ImportRun

router = Router(tags=["kilder"])


@router.get("/sources", response=SourceList, url_name="sources", summary="Kildene og importene")
def source_list(request):
    reject_unknown(request)
    newest = ImportRun.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-pk")
    sources = DataSource.objects.order_by("key").annotate(
        last_success_at=Max("runs__finished_at", filter=Q(runs__status="succeeded")),
        last_status=Subquery(newest.values("status")[:1]),
        last_started_at=Subquery(newest.values("started_at")[:1]),
        last_finished_at=Subquery(newest.values("finished_at")[:1]),
    )
    return {
        "meta": meta(request, yrke=["key", "name", "refreshed_at", "last_success_at", "last_run"]),
        "results": [
            {
                "key": source.key,
                "name": source.name,
                "refreshed_at": source.refreshed_at,
                "last_success_at": source.last_success_at,
                "last_run": None
                if source.last_status is None
                else {
                    "status": source.last_status,
                    "started_at": source.last_started_at,
                    "finished_at": source.last_finished_at,
                },
                "licence": source_terms(source.key).describe(["*"]),
            }
            for source in sources
        ],
    }
