"""Quality assurance of the descriptions by outside organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewOrganisation(models.Model):
    """An outside organisation that quality-assures descriptions (a union, a council)."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    url = models.URLField(_("nettsted"), blank=True)

    class Meta:
        verbose_name = _("kvalitetssikrende organisasjon")
        verbose_name_plural = _("kvalitetssikrende organisasjoner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class QualityReview(models.Model):
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="reviews"
    )
    organisation = models.ForeignKey(
        ReviewOrganisation,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("organisasjon"),
    )
    reviewed_on = models.DateField(_("dato"))
    reviewer = models.CharField(_("kvalitetssikret av"), max_length=200, blank=True)
    note = models.TextField(_("merknad"), blank=True)

    class Meta:
        verbose_name = _("kvalitetssikring")
        verbose_name_plural = _("kvalitetssikringer")
        ordering = ["-reviewed_on", "-pk"]
        indexes = [
            models.Index(fields=["occupation", "-reviewed_on"], name="review_occupation_date"),
        ]

    def __str__(self):
        return f"{self.occupation} – {self.organisation} {self.reviewed_on:%d.%m.%Y}"
