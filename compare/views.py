"""The comparison page (/yrker/sammenlign/) and the shortlist (/mine-yrker/)."""

import re
from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from compare.forms import CountyForm
from compare.queries import comparison_columns, occupations_for_comparison
from compare.selection import MAX_OCCUPATIONS, MIN_OCCUPATIONS, SLUG, selection_read
from compare.shortlist import (
    MAX_ITEMS,
    request_is_same_origin,
    shortlist_read,
    shortlist_write,
)
from employers.queries import latest_period
from occupations.models import Occupation, SlugRedirect
from regions.models import County
from registers.models import DataSource

# Where a shortlist form may send the visitor back to: a plain path of this site (the pages
# with the forms are /yrker/<slug>/ and /mine-yrker/, with or without a language prefix).
LOCAL_PATH = re.compile(r"/[-\w/.]*")


def comparison_url(slugs, county_code=""):
    """The comparison's address: `?yrker=a,b,c` (commas kept readable) and the county."""
    query = {"yrker": ",".join(slugs)}
    if county_code:
        query["fylke"] = county_code
    return f"{reverse('compare:comparison')}?{urlencode(query, safe=',')}"


def _moved(slugs):
    """{old slug: today's slug} for renamed published occupations among `slugs`."""
    rows = SlugRedirect.objects.filter(
        old_slug__in=slugs, occupation__status=Occupation.Status.PUBLISHED
    ).values_list("old_slug", "occupation__slug")
    return dict(rows)


def comparison(request):
    selection = selection_read(request.GET.getlist("yrker"))
    form = CountyForm(request.GET, counties=list(County.objects.all()))
    county = form.county
    county_code = county.code if county else ""
    occupations = occupations_for_comparison(selection.lookup())
    well_formed = not selection.errors
    missing = selection.unknown({occupation.slug for occupation in occupations})
    if missing and well_formed and all(SLUG.match(slug) for slug in missing):
        moved = _moved(missing)
        if len(moved) == len(missing):
            # Every slug we did not find is an old address: follow the occupations.
            slugs = [moved.get(slug, slug) for slug in selection.unique]
            return redirect(comparison_url(slugs, county_code))
    errors = selection.errors
    if not errors and form.is_valid() and (not selection.is_canonical or form.canonical):
        return redirect(comparison_url(selection.unique, county_code))

    columns = []
    notice = ""
    if not errors and len(occupations) >= MIN_OCCUPATIONS:
        slugs = [occupation.slug for occupation in occupations]
        columns = comparison_columns(
            occupations,
            county=county,
            remove_url=lambda occupation: comparison_url(
                [slug for slug in slugs if slug != occupation.slug], county_code
            ),
        )
    elif not errors and occupations:
        notice = _(
            "Du har valgt %(title)s. Velg minst ett yrke til i listen, og høyst %(more)s til."
        ) % {"title": occupations[0].title, "more": MAX_OCCUPATIONS - 1}
    elif not errors:
        notice = _("Velg to til fire yrker i listen for å se dem side om side.")

    sources = DataSource.objects.in_bulk(
        [DataSource.Key.AA_REGISTERET, DataSource.Key.VIGO], field_name="key"
    )
    context = {
        "columns": columns,
        "errors": errors,
        "notice": notice,
        "form": form,
        "county": county,
        "canonical": selection.canonical,
        "period": latest_period() if columns else None,
        "sources": [sources[key] for key in sorted(sources)],
        "choices": Occupation.objects.published().alphabetical().values_list("slug", "title"),
        "chosen": {occupation.slug for occupation in occupations},
        "max_occupations": MAX_OCCUPATIONS,
    }
    status = 400 if errors or form.errors else 200
    return render(request, "compare/comparison.html", context, status=status)


def _published(slugs):
    """The published occupations with these slugs, in the order given (one query)."""
    found = Occupation.objects.published().filter(slug__in=slugs).only("title", "slug", "lead")
    by_slug = {occupation.slug: occupation for occupation in found}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def _shortlist_page(request, *, status=200, error="", unreadable=False):
    slugs, unreadable_now = shortlist_read(request)
    occupations = _published(slugs) if slugs else []
    removed = request.GET.get("fjernet", "")
    context = {
        "occupations": occupations,
        "error": error,
        "unreadable": unreadable or unreadable_now,
        "removed": next(iter(_published([removed])), None) if SLUG.match(removed) else None,
        "compare_url": comparison_url([o.slug for o in occupations])
        if MIN_OCCUPATIONS <= len(occupations) <= MAX_OCCUPATIONS
        else "",
        "max_items": MAX_ITEMS,
        "max_occupations": MAX_OCCUPATIONS,
    }
    response = render(request, "compare/shortlist.html", context, status=status)
    if unreadable_now:
        shortlist_write(response, [])
    return response


@never_cache
def shortlist(request):
    """/mine-yrker/: what this browser has saved. Never cached: it differs per visitor."""
    return _shortlist_page(request)


def _back(request, fragment):
    """Where to go after a change: the page the form was on (this site's only), at `fragment`."""
    target = request.POST.get("neste", "")
    if not (
        LOCAL_PATH.fullmatch(target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = reverse("compare:shortlist")
    return f"{target}#{fragment}"


@never_cache
@csrf_exempt  # Checked by request_is_same_origin: the form is on cached pages (see there).
@require_POST
def shortlist_change(request):
    """Save (`handling=lagre`) or remove (`handling=fjern`) the occupation `yrke`, then go back."""
    if not request_is_same_origin(request):
        error = _(
            "Listen ble ikke endret: skjemaet må sendes fra en av sidene på dette nettstedet."
        )
        return _shortlist_page(request, status=403, error=error)
    slug, action = request.POST.get("yrke", ""), request.POST.get("handling", "")
    if action not in {"lagre", "fjern"} or not SLUG.match(slug):
        error = _("Listen ble ikke endret: vi forstod ikke hva skjemaet ba om.")
        return _shortlist_page(request, status=400, error=error)
    slugs, unreadable = shortlist_read(request)
    if action == "fjern":
        response = redirect(_back(request, "fjernet"))
        if request.POST.get("neste", "").split("#")[0] == reverse("compare:shortlist"):
            response = redirect(f"{reverse('compare:shortlist')}?{urlencode({'fjernet': slug})}")
        shortlist_write(response, [s for s in slugs if s != slug])
        return response
    if not _published([slug]):
        error = _("Listen ble ikke endret: fant ikke yrket «%(slug)s».") % {"slug": slug}
        return _shortlist_page(request, status=400, error=error, unreadable=unreadable)
    if slug in slugs:
        return redirect(_back(request, "lagret"))
    if len(slugs) >= MAX_ITEMS:
        return redirect(_back(request, "listen-er-full"))
    response = redirect(_back(request, "lagret"))
    shortlist_write(response, [*slugs, slug])
    return response
