from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Kode"),
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        help_text=_("Sekssifret kode fra autentiseringsappen på telefonen din."),
        error_messages={"invalid": _("Koden er seks sifre.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()
