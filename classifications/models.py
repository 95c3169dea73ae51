from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

validate_styrk_code = RegexValidator(
    r"^\d{1,4}$", _("En STYRK-08-kode har 1–4 sifre, for eksempel 3256.")
)
validate_job_title_code = RegexValidator(
    r"^\d{7}$", _("En stillingstittelkode har 7 sifre, for eksempel 5134103.")
)


class StyrkGroupQuerySet(models.QuerySet):
    def unit_groups(self):
        return self.filter(level=StyrkGroup.Level.UNIT)


class StyrkGroup(models.Model):
    """A group in SSB's STYRK-08, from major group (1 digit) down to unit group (4 digits)."""

    class Level(models.IntegerChoices):
        MAJOR = 1, _("Yrkesfelt")
        SUB_MAJOR = 2, _("Hovedgruppe")
        MINOR = 3, _("Undergruppe")
        UNIT = 4, _("Yrkesgruppe")

    code = models.CharField(_("kode"), max_length=4, unique=True, validators=[validate_styrk_code])
    level = models.PositiveSmallIntegerField(_("nivå"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("overordnet gruppe"),
    )
    name = models.CharField(_("navn"), max_length=200)

    objects = StyrkGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("STYRK-08-gruppe")
        verbose_name_plural = _("STYRK-08-grupper")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=Length("code")),
                name="styrkgroup_level_matches_code_length",
            ),
            models.CheckConstraint(
                condition=models.Q(level=1, parent__isnull=True)
                | models.Q(level__gt=1, parent__isnull=False),
                name="styrkgroup_parent_unless_major",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class JobTitle(models.Model):
    """One of NAV's 7-digit job titles ("stillingstitler") that employers report employees under."""

    code = models.CharField(
        _("kode"), max_length=7, unique=True, validators=[validate_job_title_code]
    )
    name = models.CharField(
        _("navn"),
        max_length=200,
        blank=True,
        help_text=_("Tom for titler Aa-registeret har brukt før de kom med i tittellisten."),
    )
    unit_group = models.ForeignKey(
        StyrkGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_titles",
        limit_choices_to={"level": StyrkGroup.Level.UNIT},
        verbose_name=_("STYRK-08-yrkesgruppe"),
        help_text=_("Yrkesgruppen i STYRK-08 som stillingstittelen hører til, der den er kjent."),
    )

    class Meta:
        verbose_name = _("stillingstittel")
        verbose_name_plural = _("stillingstitler")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{7}$"), name="jobtitle_code_seven_digits"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name or _('(uten navn)')}"


class Trade(models.Model):
    """An apprenticeship trade ("lærefag"), a programme area in Vigo."""

    code = models.CharField(
        _("programområdekode"),
        max_length=20,
        blank=True,
        help_text=_("Vigos kode for programområdet. Fylles ut av Vigo-importen."),
    )
    name = models.CharField(_("navn"), max_length=200, unique=True)
    programme = models.CharField(
        _("utdanningsprogram"),
        max_length=200,
        blank=True,
        help_text=_("For eksempel «Vg1 Helse- og oppvekstfag»."),
    )

    class Meta:
        verbose_name = _("lærefag")
        verbose_name_plural = _("lærefag")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="trade_unique_code"
            ),
        ]

    def __str__(self):
        return self.name


class FieldOfWorkQuerySet(models.QuerySet):
    def areas(self):
        return self.filter(level=FieldOfWork.Level.AREA)

    def fields(self):
        return self.filter(level=FieldOfWork.Level.FIELD)


class FieldOfWork(models.Model):
    """One of NAV's occupation categories (arbeidsplassen.no), in two levels: an area such as
    «Helse og sosial» and the fields under it such as «Tannhelse/-pleie». Each STYRK-08 unit
    group belongs to one field; an occupation gets its fields through its unit groups."""

    class Level(models.IntegerChoices):
        AREA = 1, _("Område")
        FIELD = 2, _("Yrkesområde")

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=200, unique=True)
    level = models.PositiveSmallIntegerField(_("nivå"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("område"),
    )
    styrk_groups = models.ManyToManyField(
        StyrkGroup,
        blank=True,
        related_name="fields_of_work",
        limit_choices_to={"level": StyrkGroup.Level.UNIT},
        verbose_name=_("STYRK-08-yrkesgrupper"),
    )

    objects = FieldOfWorkQuerySet.as_manager()

    class Meta:
        verbose_name = _("yrkesområde")
        verbose_name_plural = _("yrkesområder")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="fieldofwork_unique_name"),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(parent__isnull=True),
                name="fieldofwork_unique_area_name",
            ),
            models.CheckConstraint(
                condition=models.Q(level=1, parent__isnull=True)
                | models.Q(level=2, parent__isnull=False),
                name="fieldofwork_parent_only_for_fields",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("occupations:field", kwargs={"slug": self.slug})

    @property
    def is_area(self):
        return self.level == self.Level.AREA
