"""/api/v1/styrk08 and /api/v1/job-titles: SSB's STYRK-08 and NAV's job titles."""

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema

from api.meta import meta
from api.paging import paginate
from api.params import PageParams, StyrkCode, code, reject_unknown
from api.problems import bad_parameter
from api.schemas import JobTitleList, StyrkList, StyrkOne
from classifications.models import JobTitle, StyrkGroup
from occupations.models import Occupation

router = Router(tags=["koder"])


class StyrkFilters(Schema):
    level: int | None = Field(None, ge=1, le=4, description="Nivå: 1 yrkesfelt … 4 yrkesgruppe.")
    parent: str | None = Field(
        None, description="Bare gruppene rett under denne koden.", pattern=r"^[0-9]{1,3}$"
    )


class JobTitleFilters(Schema):
    styrk08: str | None = Field(
        None, description="Bare titlene i denne yrkesgruppen (4 sifre).", pattern=r"^[0-9]{4}$"
    )


def group_out(group):
    return {
        "code": group.code,
        "name": group.name,
        "level": group.level,
        "parent": group.parent.code if group.parent else None,
    }


def job_title_out(title):
    return {
        "code": title.code,
        "name": title.name,
        "styrk08": title.unit_group.code if title.unit_group else None,
    }


@router.get("/styrk08", response=StyrkList, url_name="styrk08", summary="STYRK-08-gruppene")
def styrk_list(request, paging: Query[PageParams], filters: Query[StyrkFilters]):
    reject_unknown(request, PageParams, StyrkFilters)
    groups = StyrkGroup.objects.select_related("parent").order_by("code")
    if filters.level is not None:
        groups = groups.filter(level=filters.level)
    if filters.parent is not None:
        parent = code("parent", filters.parent, len(filters.parent))
        if not StyrkGroup.objects.filter(code=parent).exists():
            raise bad_parameter("parent", f"fant ingen STYRK-08-gruppe {parent}")
        groups = groups.filter(parent__code=parent)
    page, rows = paginate(request, groups, page=paging.page, limit=paging.limit)
    return {
        "meta": meta(request, ssb=["code", "name", "level", "parent"]),
        **page,
        "results": [group_out(group) for group in rows],
    }


@router.get(
    "/styrk08/{code}",
    response=StyrkOne,
    url_name="styrk08-group",
    summary="Én STYRK-08-gruppe, med undergrupper, stillingstitler og yrker",
)
def styrk_detail(request, code: StyrkCode):
    reject_unknown(request)
    if not (code.isascii() and code.isdigit() and 1 <= len(code) <= 4):
        raise Http404
    occupations = Occupation.objects.published().order_by("pk").only("slug", "title")
    group = (
        StyrkGroup.objects.select_related("parent")
        .prefetch_related(
            Prefetch("children", queryset=StyrkGroup.objects.order_by("code")),
            Prefetch("job_titles", queryset=JobTitle.objects.select_related("unit_group")),
            Prefetch("occupations", queryset=occupations),
        )
        .filter(code=code)
        .first()
    )
    if group is None:
        raise Http404
    return {
        "meta": meta(
            request,
            ssb=["code", "name", "level", "parent", "children"],
            aa_registeret=["job_titles"],
            yrke=["occupations"],
        ),
        "result": {
            **group_out(group),
            "children": [{"code": c.code, "name": c.name} for c in group.children.all()],
            "job_titles": [job_title_out(title) for title in group.job_titles.all()],
            "occupations": [
                {"id": o.pk, "slug": o.slug, "title": o.title} for o in group.occupations.all()
            ],
        },
    }


@router.get(
    "/job-titles", response=JobTitleList, url_name="job-titles", summary="NAVs stillingstitler"
)
def job_title_list(request, paging: Query[PageParams], filters: Query[JobTitleFilters]):
    reject_unknown(request, PageParams, JobTitleFilters)
    titles = JobTitle.objects.select_related("unit_group").order_by("code")
    if filters.styrk08 is not None:
        unit = code("styrk08", filters.styrk08, 4)
        if not StyrkGroup.objects.unit_groups().filter(code=unit).exists():
            raise bad_parameter("styrk08", f"fant ingen STYRK-08-yrkesgruppe {unit}")
        titles = titles.filter(unit_group__code=unit)
    page, rows = paginate(request, titles, page=paging.page, limit=paging.limit)
    return {
        "meta": meta(request, aa_registeret=["code", "name"], ssb=["styrk08"]),
        **page,
        "results": [job_title_out(title) for title in rows],
    }
