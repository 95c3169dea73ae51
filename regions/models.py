from django.db import models
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """A county ("fylke") in today's structure, as SSB's KLASS writes it."""

    code = models.CharField(_("fylkesnummer"), max_length=2, unique=True)
    name = models.CharField(
        _("navn"), max_length=100, help_text=_("Offisielt navn, med samiske og kvenske former.")
    )

    class Meta:
        verbose_name = _("fylke")
        verbose_name_plural = _("fylker")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}$"), name="county_code_two_digits"
            ),
        ]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality ("kommune") in today's structure."""

    code = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("fylke")
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_four_digits"
            ),
        ]

    def __str__(self):
        return self.name


class PostalCode(models.Model):
    """A postal code from Bring's register, with the municipality it lies in."""

    class Category(models.TextChoices):
        STREET = "G", _("Gate-/stedsadresser")
        PO_BOX = "P", _("Postbokser")
        BOTH = "B", _("Både gateadresser og postbokser")
        SERVICE = "S", _("Servicepostnummer")
        OTHER = "F", _("Flere bruksområder")

    code = models.CharField(_("postnummer"), max_length=4, unique=True)
    place = models.CharField(_("poststed"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postal_codes",
        help_text=_("Tom for Svalbard og Jan Mayen, som ikke er kommuner i SSBs inndeling."),
    )
    category = models.CharField(_("kategori"), max_length=1, choices=Category.choices)

    class Meta:
        verbose_name = _("postnummer")
        verbose_name_plural = _("postnumre")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.place}"


class RegionChange(models.Model):
    """A change of number in SSB's county or municipality classification (KLASS 104/131)."""

    class Kind(models.TextChoices):
        COUNTY = "fylke", _("Fylke")
        MUNICIPALITY = "kommune", _("Kommune")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    old_code = models.CharField(_("gammelt nummer"), max_length=4)
    old_name = models.CharField(_("gammelt navn"), max_length=100)
    new_code = models.CharField(_("nytt nummer"), max_length=4)
    new_name = models.CharField(_("nytt navn"), max_length=100)
    changed_on = models.DateField(_("endret"))

    class Meta:
        verbose_name = _("endring i regionnummer")
        verbose_name_plural = _("endringer i regionnumre")
        ordering = ["changed_on", "old_code", "new_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "old_code", "new_code", "changed_on"], name="regionchange_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "old_code"], name="regionchange_old_code")]

    def __str__(self):
        return (
            f"{self.old_code} {self.old_name} → {self.new_code} {self.new_name} ({self.changed_on})"
        )
