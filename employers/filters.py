"""The counsellors' employer search: region, occupation, trade, apprenticeship and name/orgnr."""

import django_filters
from django import forms
from django.db.models import Exists, IntegerField, OuterRef, Value
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr as stdnum_orgnr

from classifications.models import Trade
from employers.forms import RegionForm
from employers.models import ApprenticeshipApproval, Employer
from employers.queries import ORDERINGS, EmployerMatch, latest_period, with_apprenticeship
from norwegian.collation import NORWEGIAN
from occupations.models import Occupation


class EmployerSearchForm(RegionForm):
    """The filters' form; closed employers and the order are options, not filters."""

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
    yrke = django_filters.ModelChoiceFilter(
        label=_("Yrke"),
        queryset=Occupation.objects.published().alphabetical(),
        to_field_name="slug",
        method="filter_occupation",
        empty_label=_("Alle yrker"),
        error_messages={"invalid_choice": _("Fant ikke yrket «%(value)s».")},
    )
    fag = django_filters.ModelChoiceFilter(
        label=_("Lærefag"),
        queryset=Trade.objects.filter(
            Exists(ApprenticeshipApproval.objects.current().filter(trade=OuterRef("pk")))
        ).order_by(Collate("name", NORWEGIAN)),
        method="filter_trade",
        empty_label=_("Alle lærefag"),
        error_messages={"invalid_choice": _("Fant ingen lærebedrifter i lærefaget «%(value)s».")},
    )
    laerebedrift = django_filters.BooleanFilter(
        label=_("Bare godkjente lærebedrifter"),
        method="filter_apprenticeship",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Employer
        fields = []
        form = EmployerSearchForm

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period if period is not None else latest_period()
        self._matches = {}

    def filter_name_or_orgnr(self, queryset, name, value):
        digits = value.replace(" ", "")
        if digits.isdigit() and len(digits) == 9:
            return queryset.filter(orgnr=digits)
        return queryset.filter(name__icontains=value) if value else queryset

    def filter_occupation(self, queryset, name, occupation):
        return self.occupation_match(occupation).filter(queryset) if occupation else queryset

    def filter_trade(self, queryset, name, trade):
        if not trade:
            return queryset
        approvals = ApprenticeshipApproval.objects.current().filter(trade=trade)
        return queryset.filter(Exists(approvals.filter(employer=OuterRef("pk"))))

    def filter_apprenticeship(self, queryset, name, value):
        if not value:
            return queryset
        approvals = ApprenticeshipApproval.objects.current().filter(employer=OuterRef("pk"))
        if occupation := self.form.cleaned_data.get("yrke"):
            approvals = approvals.filter(trade__in=occupation.trades.all())
        return queryset.filter(Exists(approvals))

    def occupation_match(self, occupation):
        if occupation.pk not in self._matches:
            self._matches[occupation.pk] = EmployerMatch(
                job_title_ids=tuple(occupation.job_titles.values_list("pk", flat=True)),
                trade_ids=tuple(occupation.trades.values_list("pk", flat=True)),
                period=self.period,
            )
        return self._matches[occupation.pk]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        if not data.get("nedlagte"):
            queryset = queryset.active()
        queryset = queryset.in_region(
            county=data.get("county"), municipality=data.get("municipality")
        )
        for name, search_filter in self.filters.items():  # The form has options besides filters.
            queryset = search_filter.filter(queryset, data.get(name))
        occupation, trade = data.get("yrke"), data.get("fag")
        if occupation:
            queryset = self.occupation_match(occupation).annotate(queryset)
        else:
            queryset = with_apprenticeship(
                queryset.annotate(employed=Value(None, output_field=IntegerField())),
                trade_ids=[trade.pk] if trade else None,
            )
        order = data.get("sorter") or ("ansatte" if occupation else "navn")
        if order == "ansatte" and not occupation:
            order = "navn"
        return queryset.select_related("municipality__county").order_by(*ORDERINGS[order])
