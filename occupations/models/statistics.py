"""SSB's monthly earnings per STYRK-08 unit group, as imported."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from classifications.models import StyrkGroup


class SalaryStatisticQuerySet(models.QuerySet):
    def newest_year(self):
        """Each unit group's rows from its newest year of statistics."""
        newest = (
            self.model.objects.filter(styrk_group=models.OuterRef("styrk_group"))
            .order_by("-year")
            .values("year")[:1]
        )
        return self.filter(year=models.Subquery(newest))


class SalaryStatistic(models.Model):
    """One figure of SSB's monthly earnings for a STYRK-08 unit group, sector and gender."""

    class Measure(models.TextChoices):
        MEDIAN = "median", _("Median")
        MEAN = "mean", _("Gjennomsnitt")
        LOWER_QUARTILE = "lower-quartile", _("Nedre kvartil")
        UPPER_QUARTILE = "upper-quartile", _("Øvre kvartil")

    styrk_group = models.ForeignKey(
        StyrkGroup,
        on_delete=models.PROTECT,
        related_name="salary_statistics",
        limit_choices_to={"level": StyrkGroup.Level.UNIT},
        verbose_name=_("yrkesgruppe"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    sector_code = models.CharField(
        _("sektorkode"), max_length=20, help_text=_("SSBs kode for sektoren, for eksempel ALLE.")
    )
    sector_label = models.CharField(
        _("sektor"),
        max_length=200,
        help_text=_("SSBs navn på sektoren, for eksempel «Alle sektorer»."),
    )
    sector_order = models.PositiveSmallIntegerField(
        _("sektorens plass"),
        help_text=_("Plassen i SSBs tabell; summen for alle sektorer står først."),
    )
    gender_code = models.CharField(
        _("kjønnskode"), max_length=10, help_text=_("SSBs kode for kjønn, for eksempel 0.")
    )
    gender_label = models.CharField(
        _("kjønn"), max_length=100, help_text=_("SSBs tekst, for eksempel «Begge kjønn».")
    )
    gender_order = models.PositiveSmallIntegerField(
        _("kjønnets plass"), help_text=_("Plassen i SSBs tabell; «Begge kjønn» står først.")
    )
    measure = models.CharField(_("mål"), max_length=20, choices=Measure.choices)
    value = models.PositiveIntegerField(
        _("månedslønn (kr)"),
        null=True,
        blank=True,
        help_text=_("Tom når SSB ikke publiserer tallet, for eksempel for små grupper."),
    )
    status = models.CharField(
        _("standardtegn"),
        max_length=5,
        blank=True,
        help_text=_(
            "SSBs standardtegn: «:» publiseres ikke (for få personer), «..» mangler, "
            "«.» kan ikke forekomme. Tomt for vanlige tall."
        ),
    )

    objects = SalaryStatisticQuerySet.as_manager()

    class Meta:
        verbose_name = _("lønnstall")
        verbose_name_plural = _("lønnstall")
        ordering = ["-year", "sector_order", "gender_order", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["styrk_group", "year", "sector_code", "gender_code", "measure"],
                name="salarystatistic_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(status=""),
                name="salarystatistic_missing_value_has_status",
            ),
        ]

    def __str__(self):
        figure = self.status if self.value is None else f"{self.value} kr"
        return (
            f"{self.styrk_group.code} {self.year}, {self.sector_label}, {self.gender_label}: "
            f"{self.get_measure_display()} {figure}"
        )
