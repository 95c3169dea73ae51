"""The comparison page (/yrker/sammenlign/) and the shortlist (/mine-yrker/)."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from compare.forms import CountyForm
from compare.queries import comparison_columns, occupations_for_comparison
from compare.selection import MAX_OCCUPATIONS, MIN_OCCUPATIONS, selection_read
from employers.queries import latest_period
from occupations.models import Occupation, SlugRedirect
from regions.models import County
from registers.models import DataSource


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
    if missing and well_formed and len(missing) <= MAX_OCCUPATIONS:
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
