"""Education programmes, what their graduates work as (SSB), and an occupation's programmes."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from classifications.models import StyrkGroup
from occupations.models.lists import OrderedItem

TOP_OUTCOMES = 10

validate_nus_code = RegexValidator(r"^\d{6}$", _("En NUS-kode har 6 sifre, for eksempel 464201."))


class Education(models.Model):
    """An education programme, identified by its code in SSB's standard NUS where it has one."""

    nus_code = models.CharField(
        _("NUS-kode"),
        max_length=6,
        blank=True,
        validators=[validate_nus_code],
        help_text=_("Utdanningens kode i SSBs standard for utdanningsgruppering (NUS), 6 sifre."),
    )
    name = models.CharField(_("navn"), max_length=200)
    level = models.CharField(
        _("nivå"),
        max_length=60,
        blank=True,
        help_text=_("For eksempel «Vg3», «fagbrev» eller «bachelor»."),
    )
    graduates_term = models.CharField(
        _("betegnelse på de utdannede"),
        max_length=120,
        blank=True,
        help_text=_(
            "Brukes i overskriften «Hva jobber … som?», for eksempel «tannhelsesekretærutdannede»."
        ),
    )
    statistics_note = models.CharField(
        _("kilde for statistikken"),
        max_length=300,
        blank=True,
        help_text=_("For eksempel «Kilde: Statistisk sentralbyrå 2020. Tall fra høsten 2019.»"),
    )

    class Meta:
        verbose_name = _("utdanning")
        verbose_name_plural = _("utdanninger")
        ordering = ["name", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["nus_code"],
                condition=~models.Q(nus_code=""),
                name="education_unique_nus_code",
            ),
        ]

    def __str__(self):
        label = f"{self.name}, {self.level}" if self.level else self.name
        return f"{self.nus_code} - {label}" if self.nus_code else label

    def latest_outcomes(self):
        """The ten largest shares from the newest year of statistics (uses prefetched rows)."""
        outcomes = list(self.outcomes.all())
        if not outcomes:
            return []
        year = max(outcome.year for outcome in outcomes)
        return sorted(
            (outcome for outcome in outcomes if outcome.year == year),
            key=lambda outcome: (-outcome.share_percent, outcome.styrk_group.name),
        )[:TOP_OUTCOMES]


class GraduateOutcome(models.Model):
    """What share of an education's graduates work in a STYRK-08 unit group (SSB)."""

    education = models.ForeignKey(Education, on_delete=models.CASCADE, related_name="outcomes")
    styrk_group = models.ForeignKey(
        StyrkGroup,
        on_delete=models.PROTECT,
        related_name="graduate_outcomes",
        limit_choices_to={"level": StyrkGroup.Level.UNIT},
        verbose_name=_("yrkesgruppe"),
    )
    share_percent = models.DecimalField(_("andel (prosent)"), max_digits=4, decimal_places=1)
    year = models.PositiveSmallIntegerField(_("år"))

    class Meta:
        verbose_name = _("hva de utdannede jobber som")
        verbose_name_plural = _("hva de utdannede jobber som")
        ordering = ["-year", "-share_percent"]
        constraints = [
            models.UniqueConstraint(
                fields=["education", "styrk_group", "year"], name="graduateoutcome_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(share_percent__gte=0, share_percent__lte=100),
                name="graduateoutcome_share_is_percent",
            ),
        ]

    def __str__(self):
        return f"{self.education}: {self.styrk_group.name} {self.share_percent} % ({self.year})"


class OccupationEducation(OrderedItem):
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="programmes"
    )
    education = models.ForeignKey(
        Education,
        on_delete=models.PROTECT,
        related_name="occupation_links",
        verbose_name=_("utdanning"),
    )

    class Meta(OrderedItem.Meta):
        verbose_name = _("utdanning")
        verbose_name_plural = _("utdanninger")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "education"], name="occupationeducation_unique"
            ),
        ]

    def __str__(self):
        return str(self.education)
