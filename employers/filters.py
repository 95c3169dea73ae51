"""The counsellors' employer search: region, occupation, trade, apprenticeship and name/orgnr."""

from functools import cached_property

import django_filters
from django import forms
from django.db.models import BinaryField, Count, Exists, F, IntegerField, OuterRef, Value
from django.db.models.functions import Coalesce, Collate
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr as stdnum_orgnr

from classifications.models import Trade
from employers.forms import RegionForm
from employers.models import ApprenticeshipApproval, Employer
from employers.queries import (
    OccupationEmployers,
    employer_ordering,
    in_occupation,
    with_apprenticeship,
)
from norwegian.collation import NORWEGIAN
from occupations.models import Occupation

# A name filter of three characters or more is served by the trigram index (PostgreSQL), and
# its matches are then sorted. Ordered by the bare sort key, PostgreSQL would rather walk the
# name index and skip every name before the first match, which for a word at the start of
# names late in the alphabet is most of the table. The same order, not served by an index.
NAME_ORDER_AFTER_MATCHING = (Coalesce(F("sort_name"), Value(b"", BinaryField())), "pk")
TRIGRAM = 3


class EmployerSearchForm(RegionForm):
    """The filters' form; closed employers and the order are options, not filters.

    The occupation and trade lists are plain (value, label) rows: a counsellor's list of 600
    occupations is built from one small query, not 600 model instances.
    """

    nedlagte = forms.BooleanField(label=_("Ta med nedlagte bedrifter"), required=False)
    sorter = forms.ChoiceField(
        label=_("Sorter etter"),
        required=False,
        choices=[
            ("", _("Standard (flest ansatte i yrket, ellers navn)")),
            ("navn", _("Navn")),
            ("ansatte", _("Flest ansatte i yrket")),
            ("kommune", _("Kommune")),
            ("laerekontrakter", _("Flest lærekontrakter")),
        ],
        error_messages={"invalid_choice": _("Ukjent sortering «%(value)s».")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        occupations = Occupation.objects.published().alphabetical()
        self.occupation_ids = {}
        choices = [("", _("Alle yrker"))]
        for pk, slug, title in occupations.values_list("pk", "slug", "title"):
            self.occupation_ids[slug] = pk
            choices.append((slug, title))
        self.fields["yrke"].choices = choices
        trades = Trade.objects.filter(
            Exists(ApprenticeshipApproval.objects.current().filter(trade=OuterRef("pk")))
        ).order_by(Collate("name", NORWEGIAN))
        self.fields["fag"].choices = [("", _("Alle lærefag"))] + [
            (str(pk), name) for pk, name in trades.values_list("pk", "name")
        ]

    def clean_yrke(self):
        return self.occupation_ids.get(self.cleaned_data.get("yrke"))

    def clean_fag(self):
        return int(self.cleaned_data["fag"]) if self.cleaned_data.get("fag") else None

    def clean_q(self):
        query = " ".join(self.cleaned_data.get("q", "").split())
        digits = query.replace(" ", "")
        if digits.isdigit() and len(digits) == 9 and not stdnum_orgnr.is_valid(digits):
            raise forms.ValidationError(
                _(
                    "%(value)s er ikke et gyldig organisasjonsnummer; "
                    "kontrollsifferet stemmer ikke."
                ),
                params={"value": query},
                code="invalid_orgnr",
            )
        return query


class EmployerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Navn eller organisasjonsnummer"), method="filter_name_or_orgnr", max_length=100
    )
    yrke = django_filters.ChoiceFilter(
        label=_("Yrke"),
        method="filter_nothing",
        empty_label=None,
        error_messages={"invalid_choice": _("Fant ikke yrket «%(value)s».")},
    )
    fag = django_filters.ChoiceFilter(
        label=_("Lærefag"),
        method="filter_trade",
        empty_label=None,
        error_messages={"invalid_choice": _("Fant ingen lærebedrifter i lærefaget «%(value)s».")},
    )
    laerebedrift = django_filters.BooleanFilter(
        label=_("Bare godkjente lærebedrifter"), method="filter_nothing", widget=forms.CheckboxInput
    )

    class Meta:
        model = Employer
        fields = []
        form = EmployerSearchForm

    def filter_name_or_orgnr(self, queryset, name, value):
        digits = value.replace(" ", "")
        if digits.isdigit() and len(digits) == 9:
            return queryset.filter(orgnr=digits)
        return queryset.filter(name__icontains=value) if value else queryset

    def filter_trade(self, queryset, name, trade_id):
        if not trade_id:
            return queryset
        approvals = ApprenticeshipApproval.objects.current().filter(trade_id=trade_id)
        return queryset.filter(Exists(approvals.filter(employer=OuterRef("pk"))))

    def filter_nothing(self, queryset, name, value):
        return queryset  # Applied together with the region in filter_queryset.

    def count(self):
        """The number of results, from the occupation's read-model rows when they alone decide
        it (no name or trade filter), which saves joining every employer just to count."""
        data = self.form.cleaned_data
        if data.get("yrke") and not data.get("q") and not data.get("fag"):
            rows = OccupationEmployers(
                data["yrke"], county=data.get("county"), municipality=data.get("municipality")
            ).rows()
            if data.get("laerebedrift"):
                rows = rows.filter(is_apprenticeship_company=True)
            return rows.count()
        if not data.get("yrke") and not data.get("municipality"):
            # The country or one county: the county map's counts already hold it.
            counts = self.counts_by_county()
            if data.get("county"):
                return counts.get(data["county"].pk, 0)
            return sum(counts.values())
        return self.qs.count()

    def _narrowed(self, queryset, *, county=None, municipality=None):
        """The employers the filters choose, in the given region, not yet ordered."""
        data = self.form.cleaned_data
        occupation, trade = data.get("yrke"), data.get("fag")
        apprenticeship = bool(data.get("laerebedrift"))
        for name, search_filter in self.filters.items():  # The form has options besides filters.
            queryset = search_filter.filter(queryset, data.get(name))
        if occupation:
            # An occupation's employers are open ones already (see OccupationEmployer).
            return in_occupation(
                queryset,
                occupation,
                county=county,
                municipality=municipality,
                apprenticeship=apprenticeship,
            )
        if not data.get("nedlagte"):
            queryset = queryset.active()
        if county is not None and municipality is None:
            # The county's municipalities, as the form has them: the employer indexes lead
            # with the municipality, or give the A–Å order to filter in.
            ids = [pk for pk, *_ in self.form.municipalities[county.pk]]
            queryset = queryset.filter(municipality__in=ids)
        else:
            queryset = queryset.in_region(municipality=municipality)
        if apprenticeship:
            current = ApprenticeshipApproval.objects.current()
            queryset = queryset.filter(Exists(current.filter(employer=OuterRef("pk"))))
        return with_apprenticeship(
            queryset.annotate(employed=Value(None, output_field=IntegerField())),
            trade_ids=[trade] if trade else None,
        )

    def counts_by_county(self):
        """{county id: number of employers} the filters choose in each county (None: employers
        without a place), in one grouped query, made once: from the occupation's read-model
        rows when they alone decide it, like count()."""
        return self._county_counts

    @cached_property
    def _county_counts(self):
        data = self.form.cleaned_data
        occupation = data.get("yrke")
        if occupation and not data.get("q") and not data.get("fag"):
            return OccupationEmployers(
                occupation, apprenticeship=bool(data.get("laerebedrift"))
            ).counts_by_county()
        if occupation:
            rows = (
                self._narrowed(Employer.objects.all())
                .values("occupation_rows__county")
                .annotate(employers=Count("pk"))
                .order_by()
            )
            return {row["occupation_rows__county"]: row["employers"] for row in rows}
        # Counted per municipality, without joining the municipalities, which the open
        # employers' index on the municipality (employer_open_place) answers alone; the form
        # knows each municipality's county.
        county_of = {
            pk: county
            for county, municipalities in self.form.municipalities.items()
            for pk, *_ in municipalities
        }
        rows = (
            self._narrowed(Employer.objects.all())
            .values("municipality")
            .annotate(employers=Count("pk"))
            .order_by()
        )
        counts = {}
        for row in rows:
            county = county_of.get(row["municipality"])
            counts[county] = counts.get(county, 0) + row["employers"]
        return counts

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        occupation, county = data.get("yrke"), data.get("county")
        queryset = self._narrowed(queryset, county=county, municipality=data.get("municipality"))
        order = data.get("sorter") or ("ansatte" if occupation else "navn")
        if order == "ansatte" and not occupation:
            order = "navn"
        shown = [pk for pk, *_ in self.form.municipalities[county.pk]] if county else None
        ordering = employer_ordering(order, municipalities=shown or self.form.municipality_order)
        name = data.get("q", "")
        if order == "navn" and len(name) >= TRIGRAM and not name.replace(" ", "").isdigit():
            ordering = NAME_ORDER_AFTER_MATCHING
        return queryset.select_related("municipality__county").order_by(*ordering)
