"""Bulk CSV downloads: every published occupation with its codes, and the employers of an
occupation (in a county or municipality). Streamed row by row from the database
(`.iterator()`), so memory stays flat however long the list is. Same dialect as the site's
employer export (employers/export.py): UTF-8 with a byte-order mark, semicolons."""

import csv

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone
from ninja import Query, Router

from api.meta import address_maker
from api.occupations import ORDER, EmployerFilters, occupation_or_404, region_filter
from api.params import OccupationSlug, reject_unknown
from classifications.models import JobTitle, StyrkGroup, Trade
from employers.export import csv_lines
from employers.models import Employer
from employers.queries import ORDERINGS, in_occupation
from occupations.models import Occupation

router = Router(tags=["nedlastinger"])

OCCUPATION_HEADER = [
    "id",
    "slug",
    "tittel",
    "url",
    "sist_endret",
    "publisert",
    "styrk08",
    "stillingstitler",
    "laerefag",
]
CHUNK = 500


class _Echo:
    def write(self, value):
        return value


def occupation_lines(request, occupations):
    writer = csv.writer(_Echo(), delimiter=";")
    page = address_maker(request, "occupations:detail", "slug")
    yield "\ufeff"
    yield writer.writerow(OCCUPATION_HEADER)
    for occupation in occupations.iterator(chunk_size=CHUNK):
        yield writer.writerow(
            [
                occupation.pk,
                occupation.slug,
                occupation.title,
                page(occupation.slug),
                occupation.updated_at.isoformat(),
                occupation.published_at.isoformat() if occupation.published_at else "",
                " ".join(group.code for group in occupation.styrk_groups.all()),
                " ".join(title.code for title in occupation.job_titles.all()),
                " | ".join(trade.name for trade in occupation.trades.all()),
            ]
        )


def csv_response(lines, name):
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


@router.get("/occupations.csv", url_name="occupations-csv", summary="Alle yrkene med koder (CSV)")
def occupations_csv(request):
    reject_unknown(request)
    occupations = (
        Occupation.objects.published()
        .order_by("pk")
        .prefetch_related(
            Prefetch("styrk_groups", queryset=StyrkGroup.objects.order_by("code").only("code")),
            Prefetch("job_titles", queryset=JobTitle.objects.order_by("code").only("code")),
            Prefetch("trades", queryset=Trade.objects.order_by("name").only("name")),
        )
    )
    return csv_response(occupation_lines(request, occupations), "yrker")


@router.get(
    "/occupations/{slug}/employers.csv",
    url_name="occupation-employers-csv",
    summary="Alle bedriftene i et yrke, i hele landet, et fylke eller en kommune (CSV)",
)
def occupation_employers_csv(request, slug: OccupationSlug, filters: Query[EmployerFilters]):
    reject_unknown(request, EmployerFilters)
    occupation = occupation_or_404(slug, Occupation.objects.published())
    county, municipality, _counties = region_filter(filters)
    employers = in_occupation(
        Employer.objects.select_related("municipality__county"),
        occupation,
        county=county,
        municipality=municipality,
    ).order_by(*ORDERINGS[ORDER[filters.order]])
    return csv_response(csv_lines(employers), f"bedrifter-{occupation.slug}")
