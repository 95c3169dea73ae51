"""The "Bedrifter" section of an occupation page: region form, counts and a page of employers."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from employers.forms import RegionForm
from employers.queries import OccupationEmployers, latest_period
from regions.maps import county_map
from registers.models import DataSource

PAGE_SIZE = 20


class CountedPaginator(Paginator):
    """A paginator told its total, when a cheaper query than the list's own COUNT knows it."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class OccupationEmployersForm(RegionForm):
    sorter = forms.ChoiceField(
        label=_("Sorter etter"),
        required=False,
        choices=[
            ("ansatte", _("Flest ansatte i yrket")),
            ("navn", _("Navn")),
            ("kommune", _("Kommune")),
            ("laerekontrakter", _("Flest lærekontrakter")),
        ],
        error_messages={"invalid_choice": _("Ukjent sortering «%(value)s».")},
    )
    laerebedrift = forms.BooleanField(label=_("Bare godkjente lærebedrifter"), required=False)
    side = forms.IntegerField(
        label=_("Side"),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Sidenummeret må være et helt tall."),
            "min_value": _("Sidenummeret må være 1 eller mer."),
            "max_value": _("Sidenummeret er for stort."),
        },
    )


def county_url(query, county, anchor=""):
    """The address of the same list in `county` (any municipality and page dropped)."""
    params = query.copy() if query is not None else QueryDict(mutable=True)
    params["fylke"] = county.code
    for name in ("kommune", "side"):
        params.pop(name, None)
    return f"?{params.urlencode()}{anchor}"


@dataclass
class EmployerSection:
    form: OccupationEmployersForm
    sources: list
    period: object = None
    page: object = None
    county_map: object = None
    total_employed: int = 0
    redirect_query: dict | None = None

    @property
    def status(self):
        return 400 if self.form.errors else 200

    @property
    def county(self):
        return self.form.cleaned_data.get("county") if self.form.is_valid() else None

    @property
    def municipality(self):
        return self.form.cleaned_data.get("municipality") if self.form.is_valid() else None

    @property
    def apprenticeship(self):
        return self.form.is_valid() and bool(self.form.cleaned_data.get("laerebedrift"))

    @property
    def order(self):
        return (self.form.is_valid() and self.form.cleaned_data.get("sorter")) or "ansatte"


def occupation_employer_section(*, occupation, query):
    """Everything the section shows for `query` (the request's GET parameters)."""
    keys = [DataSource.Key.VIGO, DataSource.Key.AA_REGISTERET]
    shown = DataSource.objects.only("key", "name", "explanation_html", "refreshed_at")
    found = shown.in_bulk(keys, field_name="key")
    sources = [found[key] for key in keys if key in found]
    form = OccupationEmployersForm(query or None)
    section = EmployerSection(form=form, sources=sources)
    if query and not form.is_valid():
        return section
    if form.is_bound and form.canonical:
        section.redirect_query = {**query.dict(), **form.canonical}
        return section

    section.period = latest_period()
    employers = OccupationEmployers(
        occupation,
        county=section.county,
        municipality=section.municipality,
        apprenticeship=section.apprenticeship,
    )
    county = section.county
    shown = [pk for pk, *_ in form.municipalities[county.pk]] if county else None
    listed = employers.employers(section.order, municipalities=shown or form.municipality_order)
    paginator = CountedPaginator(listed, PAGE_SIZE, count=employers.count())
    number = (form.cleaned_data.get("side") or 1) if form.is_bound else 1
    if number > paginator.num_pages:
        form.add_error(
            "side",
            _("Siden finnes ikke; listen har %(pages)s sider.") % {"pages": paginator.num_pages},
        )
        return section
    section.page = paginator.page(number)
    section.county_map = county_map(
        counties=form.counties,
        counts=employers.counts_by_county(),
        url_for=lambda county: county_url(query, county, "#bedrifter"),
        current=section.county,
        kind="apprenticeships" if section.apprenticeship else "employers",
    )
    section.total_employed = employers.total_employed()
    return section
