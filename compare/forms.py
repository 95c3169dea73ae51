"""The comparison's region: the whole country or one county."""

from django import forms
from django.utils.translation import gettext_lazy as _

from employers.forms import RegionForm
from regions.resolve import resolve_county


class CountyForm(forms.Form):
    """`fylke`: a county number. An old number that became one county is accepted and
    `canonical` holds today's (the view redirects to it); a split one gets a message."""

    fylke = forms.CharField(label=_("Fylke"), required=False, widget=forms.Select)

    def __init__(self, *args, counties, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.counties = counties
        self.canonical = None
        self.fields["fylke"].widget.choices = [("", _("Hele landet"))] + [
            (county.code, county.name) for county in counties
        ]

    def clean_fylke(self):
        code = self.cleaned_data["fylke"].strip()
        messages = RegionForm.error_messages
        if not code:
            return None
        if not (code.isdigit() and len(code) == 2):
            raise forms.ValidationError(messages["county_format"], code="county_format")
        for county in self.counties:
            if county.code == code:
                return county
        resolution = resolve_county(code)
        if not resolution.regions:
            raise forms.ValidationError(
                messages["unknown_county"], code="unknown_county", params={"code": code}
            )
        if len(resolution.regions) > 1:
            raise forms.ValidationError(
                messages["county_split"],
                code="county_split",
                params={
                    "code": code,
                    "name": resolution.old_name,
                    "regions": ", ".join(f"{r.code} {r.name}" for r in resolution.regions),
                },
            )
        self.canonical = resolution.regions[0].code
        return resolution.regions[0]

    @property
    def county(self):
        return self.cleaned_data.get("fylke") if self.is_valid() else None
