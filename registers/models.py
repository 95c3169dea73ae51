from django.db import models
from django.utils.translation import gettext_lazy as _


class DataSource(models.Model):
    """An external register the site shows data from, with its explanation and refresh date."""

    class Key(models.TextChoices):
        VIGO = "vigo", "Vigo"
        AA_REGISTERET = "aa-registeret", "NAV Aa-registeret"
        ENHETSREGISTERET = "enhetsregisteret", "Enhetsregisteret"
        SSB = "ssb", "Statistisk sentralbyrå"

    key = models.CharField(_("kilde"), max_length=30, choices=Key.choices, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    explanation = models.TextField(
        _("forklaring"),
        blank=True,
        help_text=_("Vises på yrkessidene sammen med datoen for siste oppdatering. Markdown."),
    )
    refreshed_at = models.DateTimeField(
        _("oppdatert"),
        null=True,
        blank=True,
        help_text=_("Når dataene sist ble hentet. Settes av importen; kan rettes for hånd til da."),
    )

    class Meta:
        verbose_name = _("datakilde")
        verbose_name_plural = _("datakilder")
        ordering = ["name"]

    def __str__(self):
        return self.name
