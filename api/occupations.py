"""/api/v1/occupations: the published occupations, one with every section, and its employers."""

from collections import defaultdict
from typing import Literal

from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from api.meta import absolute, address_maker, meta
from api.paging import paginate
from api.params import SLUG, OccupationSlug, PageParams, moment, reject_unknown
from api.problems import ApiProblem
from api.schemas import EmployerList, OccupationList, OccupationOne
from employers.forms import RegionForm
from employers.models import Employer, OccupationEmployer
from employers.queries import ORDERINGS, OccupationEmployers, in_occupation, latest_period
from occupations.models import Occupation, SlugRedirect
from regions.models import County
from related.models import RelatedOccupation

router = Router(tags=["yrker"])

# Which fields are the site's own text (NLOD 2.0) and which SSB's (CC BY 4.0).
SUMMARY_FIELDS = ["id", "slug", "title", "title_plural", "lead", "url", "api_url", "modified",
                  "published", "last_reviewed"]  # fmt: skip
DETAIL_FIELDS = [*SUMMARY_FIELDS, "description", "alternative_titles", "duties_intro", "duties",
                 "delegated_tasks", "authorisation", "workplaces_text", "workplaces",
                 "personal_traits", "education_text", "educations.name", "educations.level",
                 "codes.trades", "image", "last_review", "related"]  # fmt: skip
SSB_FIELDS = ["styrk08", "codes.styrk08", "educations.nus_code", "educations.outcomes", "salaries"]
ORDER = {
    "employed": "ansatte",
    "name": "navn",
    "municipality": "kommune",
    "contracts": "laerekontrakter",
}


class ListFilters(Schema):
    modified_since: str | None = Field(
        None,
        description="Bare yrker lagret dette tidspunktet eller senere (ISO 8601, for eksempel "
        "2026-01-31T12:00:00+01:00; uten tidssone gjelder norsk tid).",
        json_schema_extra={"format": "date-time"},
    )


class EmployerFilters(Schema):
    county: str | None = Field(None, description="Fylkesnummer, 2 sifre.", pattern=r"^[0-9]{2}$")
    municipality: str | None = Field(
        None, description="Kommunenummer, 4 sifre.", pattern=r"^[0-9]{4}$"
    )
    order: Literal["employed", "name", "municipality", "contracts"] = "employed"


def published():
    return Occupation.objects.published().with_latest_review()


def occupation_or_404(slug, queryset):
    """The published occupation with this slug; an old slug redirects to today's (301)."""
    if not SLUG.match(slug):
        raise Http404
    occupation = queryset.filter(slug=slug).first()
    if occupation is None:
        moved = SlugRedirect.objects.filter(old_slug=slug, occupation__status="published")
        moved = moved.values_list("occupation__slug", flat=True).first()
        if moved is None:
            raise Http404
        raise MovedOccupation(moved)
    return occupation


class MovedOccupation(Exception):
    def __init__(self, slug):
        super().__init__(slug)
        self.slug = slug


def moved_response(request, exc):
    match = request.resolver_match
    target = reverse(match.view_name, kwargs={**match.kwargs, "slug": exc.slug})
    if request.GET:
        target = f"{target}?{request.GET.urlencode()}"
    return redirect(target, permanent=True)


class Addresses:
    """The page and API addresses of occupations, built without a reverse() per row."""

    def __init__(self, request):
        self.page = address_maker(request, "occupations:detail", "slug")
        self.api = address_maker(request, "api-v1:occupation", "slug")


def summary(addresses, occupation, styrk08):
    return {
        "id": occupation.pk,
        "slug": occupation.slug,
        "title": occupation.title,
        "title_plural": occupation.title_plural,
        "lead": occupation.lead,
        "url": addresses.page(occupation.slug),
        "api_url": addresses.api(occupation.slug),
        "modified": occupation.updated_at,
        "published": occupation.published_at,
        "styrk08": styrk08,
        "last_reviewed": occupation.latest_review_on,
    }


def styrk_codes(occupations):
    """{occupation id: [STYRK-08 codes]} for these occupations, in one query of plain rows."""
    links = Occupation.styrk_groups.through.objects.filter(occupation__in=occupations)
    codes = defaultdict(list)
    for occupation_id, code in links.order_by("styrkgroup__code").values_list(
        "occupation_id", "styrkgroup__code"
    ):
        codes[occupation_id].append(code)
    return codes


@router.get("/occupations", response=OccupationList, url_name="occupations", summary="Yrkene")
def occupation_list(request, paging: Query[PageParams], filters: Query[ListFilters]):
    reject_unknown(request, PageParams, ListFilters)
    occupations = published().only(
        "title", "title_plural", "slug", "lead", "updated_at", "published_at"
    )
    since = moment("modified_since", filters.modified_since)
    if since is not None:
        occupations = occupations.filter(updated_at__gte=since)
    page, rows = paginate(request, occupations.order_by("pk"), page=paging.page, limit=paging.limit)
    codes = styrk_codes([occupation.pk for occupation in rows])
    addresses = Addresses(request)
    return {
        "meta": meta(request, yrke=SUMMARY_FIELDS, ssb=["styrk08"]),
        **page,
        "results": [summary(addresses, occupation, codes[occupation.pk]) for occupation in rows],
    }


def image(request, occupation):
    if not occupation.image:
        return None
    return {
        "url": absolute(request, occupation.image.url),
        "width": occupation.image_width,
        "height": occupation.image_height,
        "alt": occupation.image_alt,
        "caption": occupation.image_caption,
        "credit": occupation.image_credit,
    }


def education(programme):
    education = programme.education
    return {
        "nus_code": education.nus_code or None,
        "name": education.name,
        "level": education.level,
        "outcomes": [
            {
                "styrk08": outcome.styrk_group.code,
                "name": outcome.styrk_group.name,
                "share_percent": float(outcome.share_percent),
                "year": outcome.year,
            }
            for outcome in education.latest_outcomes()
        ],
    }


def salaries(occupation):
    return [
        {
            "styrk08": group.code,
            "year": row.year,
            "sector_code": row.sector_code,
            "sector": row.sector_label,
            "gender_code": row.gender_code,
            "gender": row.gender_label,
            "measure": row.measure,
            "value": row.value,
            "status": row.status,
        }
        for group in occupation.styrk_groups.all()
        for row in sorted(
            group.salary_statistics.all(),
            key=lambda row: (row.sector_order, row.gender_order, row.measure),
        )
    ]


def last_review(occupation):
    review = occupation.latest_review()
    if review is None:
        return None
    return {
        "organisation": review.organisation.name,
        "organisation_url": review.organisation.url,
        "reviewed_on": review.reviewed_on,
        "reviewer": review.reviewer,
    }


def fields(request, occupation):
    return [
        {
            "slug": field.slug,
            "name": field.name,
            "area": field.parent.name,
            "url": absolute(request, field.get_absolute_url()),
        }
        for field in occupation.fields_of_work()
    ]


def related(addresses, occupation):
    return [
        {
            "id": item.related.pk,
            "slug": item.related.slug,
            "title": item.related.title,
            "url": addresses.page(item.related.slug),
            "api_url": addresses.api(item.related.slug),
            "reason": item.reason,
            "label": item.label,
            "shared_employers": item.shared,
            "employers": item.total,
        }
        for item in RelatedOccupation.objects.for_page(occupation).only(
            "rank", "reason", "label", "shared", "total", "related__slug", "related__title"
        )
    ]


def detail(request, occupation):
    addresses = Addresses(request)
    styrk08 = [group.code for group in occupation.styrk_groups.all()]
    job_titles = sorted(occupation.job_titles.all(), key=lambda title: title.code)
    trades = sorted(occupation.trades.all(), key=lambda trade: trade.name)
    return {
        **summary(addresses, occupation, styrk08),
        "description": occupation.description,
        "alternative_titles": [title.title for title in occupation.alternative_titles.all()],
        "duties_intro": occupation.duties_intro,
        "duties": [duty.text for duty in occupation.duties.all()],
        "delegated_tasks": occupation.delegated_tasks,
        "authorisation": {
            "required": occupation.authorisation_required,
            "authority": occupation.authorisation_authority,
            "text": occupation.authorisation_text,
        },
        "workplaces_text": occupation.workplaces_text,
        "workplaces": [workplace.name for workplace in occupation.workplaces.all()],
        "personal_traits": occupation.personal_traits,
        "education_text": occupation.education_text,
        "educations": [education(programme) for programme in occupation.programmes.all()],
        "salaries": salaries(occupation),
        "codes": {
            "styrk08": [{"code": g.code, "name": g.name} for g in occupation.styrk_groups.all()],
            "job_titles": [
                {
                    "code": title.code,
                    "name": title.name,
                    "styrk08": title.unit_group.code if title.unit_group else None,
                }
                for title in job_titles
            ],
            "trades": [
                {"code": trade.code or None, "name": trade.name, "programme": trade.programme}
                for trade in trades
            ],
        },
        "image": image(request, occupation),
        "last_review": last_review(occupation),
        "fields": fields(request, occupation),
        "related": related(addresses, occupation),
    }


@router.get(
    "/occupations/{slug}",
    response=OccupationOne,
    url_name="occupation",
    summary="Ett yrke, med alle avsnitt",
)
def occupation_detail(request, slug: OccupationSlug):
    reject_unknown(request)
    occupation = occupation_or_404(slug, published().for_page())
    return {
        "meta": meta(
            request,
            yrke=DETAIL_FIELDS,
            ssb=SSB_FIELDS,
            aa_registeret=["codes.job_titles", "related.shared_employers", "related.employers"],
            nav_yrkeskategorier=["fields"],
        ),
        "result": detail(request, occupation),
    }


def employer(employer_address, row):
    municipality = row.municipality
    county = municipality.county if municipality else None
    return {
        "orgnr": row.orgnr,
        "name": row.name,
        "url": employer_address(row.orgnr),
        "address": row.address,
        "postal_code": row.postal_code,
        "postal_place": row.postal_place,
        "municipality": {"code": municipality.code, "name": municipality.name}
        if municipality
        else None,
        "county": {"code": county.code, "name": county.name} if county else None,
        "employed": row.employed,
        "contracts": row.contracts,
        "is_apprenticeship_company": row.is_apprenticeship_company,
    }


def region_filter(filters):
    """(county, municipality) as the occupation page's region form reads them: today's numbers,
    old ones resolved, a municipality outside the county refused. The whole country needs no
    form (it reads every municipality), only the county names."""
    if filters.county is None and filters.municipality is None:
        return None, None, list(County.objects.all())
    form = RegionForm({"fylke": filters.county or "", "kommune": filters.municipality or ""})
    if not form.is_valid():
        names = {"fylke": "county", "kommune": "municipality", "__all__": "county"}
        errors = [
            {"parameter": names[field], "message": message}
            for field, messages in form.errors.items()
            for message in messages
        ]
        raise ApiProblem(400, "; ".join(e["message"] for e in errors), errors=errors)
    return form.cleaned_data["county"], form.cleaned_data["municipality"], form.counties


def employer_numbers(employers):
    """({county id: {employers, employed}} for the whole country, {count, employed} for the
    chosen region): the read model's rows that the page counts (OccupationEmployers), summed by
    county in one query; a municipality needs a second."""
    by_county = (
        OccupationEmployer.objects.filter(occupation=employers.occupation)
        .values("county")
        .annotate(employers=Count("*"), employed=Sum("employed"))
        .order_by()
    )
    counts = {row["county"]: row for row in by_county}
    if employers.municipality is not None:
        totals = employers.rows().aggregate(count=Count("*"), employed=Sum("employed"))
        return counts, {"count": totals["count"], "employed": totals["employed"] or 0}
    rows = list(counts.values())
    if employers.county is not None:
        rows = [counts[employers.county.pk]] if employers.county.pk in counts else []
    return counts, {
        "count": sum(row["employers"] for row in rows),
        "employed": sum(row["employed"] for row in rows),
    }


def region(place):
    return {"code": place.code, "name": place.name} if place else None


@router.get(
    "/occupations/{slug}/employers",
    response=EmployerList,
    url_name="occupation-employers",
    summary="Bedriftene i et yrke, i hele landet, et fylke eller en kommune",
)
def occupation_employers(
    request, slug: OccupationSlug, paging: Query[PageParams], filters: Query[EmployerFilters]
):
    reject_unknown(request, PageParams, EmployerFilters)
    occupation = occupation_or_404(slug, Occupation.objects.published())
    county, municipality, counties = region_filter(filters)
    employers = OccupationEmployers(occupation, county=county, municipality=municipality)
    counts, totals = employer_numbers(employers)
    rows = in_occupation(
        Employer.objects.select_related("municipality__county"),
        occupation,
        county=county,
        municipality=municipality,
    ).order_by(*ORDERINGS[ORDER[filters.order]])
    page, rows = paginate(
        request, rows, page=paging.page, limit=paging.limit, count=totals["count"]
    )
    period = latest_period()
    employer_address = address_maker(request, "employers:detail", "orgnr")
    return {
        "meta": meta(
            request,
            yrke=["occupation"],
            enhetsregisteret=["results.orgnr", "results.name", "results.address"],
            bring=["results.postal_code", "results.postal_place"],
            ssb=["county", "municipality", "by_county", "results.municipality", "results.county"],
            aa_registeret=["period", "total_employed", "results.employed"],
            vigo=["results.contracts", "results.is_apprenticeship_company"],
        ),
        "occupation": {"id": occupation.pk, "slug": occupation.slug, "title": occupation.title},
        "county": region(county),
        "municipality": region(municipality),
        "period": period.strftime("%Y-%m") if period else None,
        "total_employed": totals["employed"],
        "by_county": [
            {"code": c.code, "name": c.name, "employers": counts[c.pk]["employers"]}
            for c in counties
            if c.pk in counts
        ],
        **page,
        "results": [employer(employer_address, row) for row in rows],
    }
