"""The API's documentation page (/api/, in the site's style and languages) and the answer for
an address under /api/v1/ that names no resource (a problem document, not the HTML 404)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from api.licences import SOURCES
from api.paging import DEFAULT_LIMIT, MAX_LIMIT
from api.problems import PROBLEM_TYPES, problem_response
from occupations.models import Occupation

EXAMPLE_SLUG = "tannhelsesekretaer"


def examples(slug):
    """(heading, what it gives, address) for every resource, for the curl examples."""
    occupation = {"slug": slug}
    return [
        (_("Yrkene"), _("Alle publiserte yrker, side for side; endret siden et tidspunkt."),
         reverse("api-v1:occupations") + "?modified_since=2026-01-01T00:00:00Z&limit=100"),
        (_("Ett yrke"), _("Alle avsnittene, kodene og siste kvalitetssikring."),
         reverse("api-v1:occupation", kwargs=occupation)),
        (_("Bedrifter i et yrke"),
         _("Bedriftene i et fylke (county) eller en kommune (municipality), med antall ansatte."),
         reverse("api-v1:occupation-employers", kwargs=occupation) + "?county=46&order=employed"),
        (_("Stillingstitler"), _("NAVs stillingstitler, eventuelt i én STYRK-08-gruppe."),
         reverse("api-v1:job-titles") + "?styrk08=3251"),
        (_("STYRK-08"), _("SSBs yrkesklassifisering, nivå for nivå."),
         reverse("api-v1:styrk08") + "?level=1"),
        (_("Én STYRK-08-gruppe"), _("Med undergrupper, stillingstitler og yrker."),
         reverse("api-v1:styrk08-group", kwargs={"code": "3251"})),
        (_("Fylker"), _("Dagens fylker."), reverse("api-v1:counties")),
        (_("Ett fylke"), _("Med kommunene."), reverse("api-v1:county", kwargs={"code": "46"})),
        (_("Kommuner"), _("Alle kommuner, eller kommunene i ett fylke."),
         reverse("api-v1:municipalities") + "?county=46"),
        (_("Kilder"), _("Når hvert register sist ble importert."), reverse("api-v1:sources")),
        (_("Yrkene som CSV"), _("Alle publiserte yrker med koder, i én fil."),
         reverse("api-v1:occupations-csv")),
        (_("Bedriftene i et yrke som CSV"), _("Hele listen, for et fylke eller hele landet."),
         reverse("api-v1:occupation-employers-csv", kwargs=occupation) + "?county=46"),
    ]  # fmt: skip


def api_docs(request):
    first = Occupation.objects.published().order_by("pk").values_list("slug", flat=True).first()
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "api/docs.html",
        {
            "base": base,
            "openapi": base + reverse("api-v1:openapi-json"),
            "examples": examples(first or EXAMPLE_SLUG),
            "sources": SOURCES.values(),
            "problems": PROBLEM_TYPES.items(),
            "default_limit": DEFAULT_LIMIT,
            "max_limit": MAX_LIMIT,
        },
    )


def not_found(request, path):
    return problem_response(request, 404, "Fant ingen ressurs med denne adressen.")
