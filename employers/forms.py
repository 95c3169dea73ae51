from collections import defaultdict

from django import forms
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from norwegian.collation import NORWEGIAN
from regions.models import County, Municipality
from regions.resolve import Resolution, resolve_county, resolve_municipality


def _names(regions):
    return ", ".join(f"{region.code} {region.name}" for region in regions)


class RegionForm(forms.Form):
    """Hele landet, a county, or a municipality within it; old numbers resolve to today's.

    After validation, cleaned_data has `county` and `municipality` (objects or None), and
    `canonical` is the query with today's numbers when an old number was given (or with the
    county filled in when only a municipality was).
    """

    # Plain text fields shown as lists, so that old and mistyped numbers get our own messages.
    fylke = forms.CharField(label=_("Fylke"), required=False, widget=forms.Select)
    kommune = forms.CharField(label=_("Kommune"), required=False, widget=forms.Select)

    error_messages = {
        "county_format": _("Fylkesnummeret har to sifre, for eksempel 46."),
        "municipality_format": _("Kommunenummeret har fire sifre, for eksempel 4601."),
        "unknown_county": _("Fant ikke fylke nummer %(code)s."),
        "unknown_municipality": _("Fant ikke kommune nummer %(code)s."),
        "county_split": _(
            "Fylke %(code)s %(name)s finnes ikke lenger; det ble delt i %(regions)s. "
            "Velg ett av dem."
        ),
        "municipality_split": _(
            "Kommune %(code)s %(name)s finnes ikke lenger; den ble delt i %(regions)s. "
            "Velg én av dem."
        ),
        "outside_county": _("Kommunen %(municipality)s ligger ikke i %(county)s."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Plain rows, not model instances: every page with the form builds these lists.
        self.counties = list(County.objects.all())
        self.municipalities = defaultdict(list)
        self.municipality_order = []  # ids, A–Å (the order "sorter=kommune" lists employers in)
        ordered = Municipality.objects.order_by(Collate("name", NORWEGIAN))
        for pk, code, name, county_id in ordered.values_list("pk", "code", "name", "county_id"):
            self.municipalities[county_id].append((pk, code, name))
            self.municipality_order.append(pk)
        self.renumbered = False
        self.canonical = None
        self.fields["fylke"].widget.choices = [("", _("Hele landet"))] + [
            (county.code, county.name) for county in self.counties
        ]
        self.fields["kommune"].widget.choices = [("", _("Alle kommuner"))]

    def _offer_municipalities_of(self, county):
        """Offer the chosen county's municipalities, so the form works without JavaScript."""
        municipalities = self.municipalities[county.pk] if county else []
        self.fields["kommune"].widget.choices = [("", _("Alle kommuner"))] + [
            (code, name) for _pk, code, name in municipalities
        ]

    def municipalities_by_county(self):
        """{county code: [[code, name], …]} for the script that fills the list at once."""
        return {
            county.code: [[code, name] for _pk, code, name in self.municipalities[county.pk]]
            for county in self.counties
        }

    def _resolve(self, code, resolve, kind):
        if not code:
            return None
        width = 2 if kind == "county" else 4
        if not (code.isdigit() and len(code) == width):
            raise forms.ValidationError(
                self.error_messages[f"{kind}_format"], code=f"{kind}_format"
            )
        resolution = self._known(code) or resolve(code)
        if not resolution.regions:
            raise forms.ValidationError(
                self.error_messages[f"unknown_{kind}"],
                code=f"unknown_{kind}",
                params={"code": code},
            )
        if len(resolution.regions) > 1:
            raise forms.ValidationError(
                self.error_messages[f"{kind}_split"],
                code=f"{kind}_split",
                params={
                    "code": code,
                    "name": resolution.old_name,
                    "regions": _names(resolution.regions),
                },
            )
        region = resolution.regions[0]
        self.renumbered = self.renumbered or region.code != code
        return region

    def _known(self, code):
        """Today's region with this number from the lists already loaded, or None."""
        for county in self.counties:
            if county.code == code:
                return Resolution(code, [county])
            for pk, municipality_code, name in self.municipalities[county.pk]:
                if municipality_code == code:
                    return Resolution(
                        code, [Municipality(pk=pk, code=code, name=name, county=county)]
                    )
        return None

    def clean_fylke(self):
        return self._resolve(self.cleaned_data["fylke"], resolve_county, "county")

    def clean_kommune(self):
        return self._resolve(self.cleaned_data["kommune"], resolve_municipality, "municipality")

    def clean(self):
        cleaned = super().clean()
        county, municipality = cleaned.get("fylke"), cleaned.get("kommune")
        if municipality and county and municipality.county_id != county.pk:
            self.add_error(
                "kommune",
                forms.ValidationError(
                    self.error_messages["outside_county"],
                    code="outside_county",
                    params={"municipality": municipality.name, "county": county.name},
                ),
            )
        elif municipality and not county:
            cleaned["fylke"] = county = municipality.county
            self.renumbered = True  # The address should name the county too.
        cleaned["county"], cleaned["municipality"] = county, municipality
        self._offer_municipalities_of(county)
        if self.renumbered:
            self.canonical = {
                "fylke": county.code if county else "",
                "kommune": municipality.code if municipality else "",
            }
        return cleaned
