"""The forms of the occupation admin: the change form with its checks and lock, and the
publish page's form."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from norwegian.slugs import norwegian_slugify
from occupations.history import (
    Version,
    version_diff,
)
from occupations.images import image_reencode, validate_image
from occupations.models import Occupation
from occupations.richtext import RICH_TEXT_FIELDS, RICH_TEXT_HELP

# The history page lists this many newest versions (every version stays in the database).


class OccupationForm(forms.ModelForm):
    """OccupationAdmin supplies the model and fields; this adds the editors' checks and the
    optimistic lock: the form carries the version number it was opened at, and saving is
    refused when someone else has saved since."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RICH_TEXT_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = RICH_TEXT_HELP
        # Filled from the title when left empty, so the page also works without JavaScript.
        if "slug" in self.fields:
            self.fields["slug"].required = False
        self.fields["opened_version"].initial = self.instance.lock_version
        self.conflict = None

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or norwegian_slugify(self.cleaned_data.get("title"))
        if not slug:
            raise forms.ValidationError(_("Skriv en adresse, for eksempel «rorlegger»."))
        own = {self.instance.pk, self.instance.draft_of_id} - {None}
        clash = Occupation.all_objects.filter(slug=slug).exclude(pk__in=own)
        if self.instance.pk:
            clash = clash.exclude(draft_of=self.instance)
        if clash.exists():
            raise forms.ValidationError(
                _("Et annet yrke har allerede adressen «%(slug)s».") % {"slug": slug}
            )
        return slug

    def clean_image(self):
        """A new upload is checked, then stored as Pillow writes it afresh (images.py)."""
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            validate_image(image)
            return image_reencode(image)
        return image

    def check_lock(self):
        """Refuse the save if the occupation was saved since this form was opened; then
        `conflict` holds who saved and what changed. Locks the row until the save ends."""
        if not self.instance.pk:
            return
        current = Occupation.all_objects.select_for_update().filter(pk=self.instance.pk).first()
        opened_at = self.cleaned_data.get("opened_version")
        if current is None or opened_at == current.lock_version:
            return
        versions = Occupation.history.model.objects.filter(id=current.pk)
        base = versions.filter(lock_version=opened_at).order_by("-history_id").first()
        latest = versions.select_related("history_user").order_by("-history_id").first()
        fields, lists = [], []
        if base is not None:
            fields, lists = version_diff(
                Version.from_record(base), Version.from_occupation(current)
            )
        self.conflict = {"latest": latest, "fields": fields, "lists": lists}
        who = latest.history_user if latest is not None else None
        message = _(
            "Noen andre har lagret dette yrket mens du redigerte%(who)s. Endringene dine er "
            "ikke lagret, så ingenting er overskrevet. Se hva som ble endret nedenfor, åpne "
            "siden på nytt og gjør endringene dine en gang til."
        ) % {"who": f" ({who.get_full_name() or who.get_username()})" if who else ""}
        raise forms.ValidationError(message, code="conflict")

    def clean(self):
        cleaned = super().clean()
        self.check_lock()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Beskriv bildet for dem som ikke ser det."))
        if cleaned.get("authorisation_required") and not cleaned.get("authorisation_authority"):
            self.add_error("authorisation_authority", _("Skriv hvem som gir autorisasjonen."))
        return cleaned


class PublishForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    publish_at = forms.DateTimeField(
        label=_("Publiser senere, dato og klokkeslett"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("Norsk tid. La stå tomt for å publisere nå."),
    )
