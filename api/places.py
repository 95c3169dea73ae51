"""/api/v1/counties and /api/v1/municipalities: today's regions (SSB KLASS 104 and 131)."""

from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from api.meta import absolute, meta
from api.paging import paginate
from api.params import CountyCode, PageParams, code, reject_unknown
from api.problems import bad_parameter
from api.schemas import CountyList, CountyOne, MunicipalityList
from regions.models import County, Municipality

router = Router(tags=["steder"])

SSB = ["code", "name"]


class MunicipalityFilters(Schema):
    county: str | None = Field(None, description="Fylkesnummer, 2 sifre.", pattern=r"^[0-9]{2}$")


@router.get("/counties", response=CountyList, url_name="counties", summary="Fylkene")
def county_list(request):
    reject_unknown(request)
    return {
        "meta": meta(request, ssb=SSB),
        "results": [
            {
                "code": county.code,
                "name": county.name,
                "api_url": absolute(
                    request, reverse("api-v1:county", kwargs={"code": county.code})
                ),
            }
            for county in County.objects.order_by("code")
        ],
    }


@router.get(
    "/counties/{code}", response=CountyOne, url_name="county", summary="Ett fylke og kommunene"
)
def county_detail(request, code: CountyCode):
    reject_unknown(request)
    is_code = code.isascii() and code.isdigit() and len(code) == 2
    county = County.objects.filter(code=code).first() if is_code else None
    if county is None:
        raise Http404
    municipalities = county.municipalities.order_by("code")
    return {
        "meta": meta(request, ssb=[*SSB, "municipalities"]),
        "result": {
            "code": county.code,
            "name": county.name,
            "municipalities": [{"code": m.code, "name": m.name} for m in municipalities],
        },
    }


@router.get(
    "/municipalities", response=MunicipalityList, url_name="municipalities", summary="Kommunene"
)
def municipality_list(request, paging: Query[PageParams], filters: Query[MunicipalityFilters]):
    reject_unknown(request, PageParams, MunicipalityFilters)
    municipalities = Municipality.objects.select_related("county").order_by("code")
    county_code = code("county", filters.county, 2)
    if county_code is not None:
        if not County.objects.filter(code=county_code).exists():
            raise bad_parameter("county", f"fant ikke fylke nummer {county_code}")
        municipalities = municipalities.filter(county__code=county_code)
    page, rows = paginate(request, municipalities, page=paging.page, limit=paging.limit)
    return {
        "meta": meta(request, ssb=["code", "name", "county"]),
        **page,
        "results": [
            {
                "code": m.code,
                "name": m.name,
                "county": {"code": m.county.code, "name": m.county.name},
            }
            for m in rows
        ],
    }
