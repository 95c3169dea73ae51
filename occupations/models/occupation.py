"""The occupation description itself: one row per public page (and per working draft)."""

from itertools import groupby

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from classifications.models import FieldOfWork, JobTitle, StyrkGroup, Trade
from norwegian.collation import ALPHABET, NORWEGIAN, initial_letter
from occupations.images import validate_image
from occupations.models.education import GraduateOutcome, OccupationEducation
from occupations.models.reviews import QualityReview
from occupations.models.statistics import SalaryStatistic
from occupations.richtext import RICH_TEXT_HELP, RICH_TEXT_HTML_FIELDS
from richtext.fields import RenderedMarkdownField


class OccupationQuerySet(models.QuerySet):
    def originals(self):
        """The occupations themselves, without the working drafts of published pages."""
        return self.filter(draft_of__isnull=True)

    def working_drafts(self):
        return self.filter(draft_of__isnull=False)

    def awaiting_publication(self):
        """What a Redaktør can publish: working drafts, and pages not (or no longer) public."""
        return self.filter(status="draft")

    def published(self):
        return self.filter(status=Occupation.Status.PUBLISHED)

    def visible_to(self, user):
        """What a visitor may open: staff who can see drafts also get the unpublished pages."""
        if user.is_active and user.is_staff and user.has_perm("occupations.view_occupation"):
            return self
        return self.published()

    def alphabetical(self):
        return self.order_by(Collate("title", NORWEGIAN), "pk")

    def letter_index(self):
        """The published occupations A–Å, grouped by index letter, as the index pages show
        them: {"groups": [(letter, [occupation, …]), …], "alphabet", "letters"}."""
        occupations = self.published().alphabetical().only("title", "slug")
        groups = [
            (letter, list(items))
            for letter, items in groupby(occupations, key=lambda o: initial_letter(o.title))
        ]
        return {"groups": groups, "alphabet": ALPHABET, "letters": {g for g, _ in groups}}

    def in_field(self, field):
        """Occupations in a field, or in any field of an area: through their STYRK-08 unit
        groups and the fields editors added, less the fields editors removed."""
        placed = (
            FieldOfWork.objects.filter(models.Q(pk=field.pk) | models.Q(parent=field.pk))
            .filter(
                models.Q(styrk_groups__occupations=models.OuterRef("pk"))
                | models.Q(occupations_added=models.OuterRef("pk"))
            )
            .exclude(occupations_removed=models.OuterRef("pk"))
        )
        return self.filter(models.Exists(placed))

    def with_latest_review(self):
        return self.annotate(latest_review_on=models.Max("reviews__reviewed_on"))

    def not_reviewed_since(self, date):
        return self.with_latest_review().filter(
            models.Q(latest_review_on__isnull=True) | models.Q(latest_review_on__lt=date)
        )

    def for_page(self):
        """Everything the public occupation page shows, in a fixed number of queries."""
        return self.prefetch_related(
            "alternative_titles",
            "duties",
            "workplaces",
            "trades",
            models.Prefetch("job_titles", queryset=JobTitle.objects.select_related("unit_group")),
            models.Prefetch(
                "styrk_groups",
                queryset=StyrkGroup.objects.order_by("code").prefetch_related(
                    models.Prefetch(
                        "salary_statistics", queryset=SalaryStatistic.objects.newest_year()
                    )
                ),
            ),
            models.Prefetch(
                "programmes",
                queryset=OccupationEducation.objects.select_related("education").prefetch_related(
                    models.Prefetch(
                        "education__outcomes",
                        queryset=GraduateOutcome.objects.select_related("styrk_group"),
                    )
                ),
            ),
            models.Prefetch(
                "reviews",
                queryset=QualityReview.objects.select_related("organisation"),
            ),
        )


class OccupationVersionLists(models.Model):
    """What a saved version of an occupation keeps besides its own fields: its lists (duties,
    workplaces, alternative titles, educations, codes), so one version is complete on its own."""

    lists = models.JSONField(_("lister"), default=dict, blank=True)

    class Meta:
        abstract = True


# django-simple-history records a version at each save; `occupations.history` adds the lists
# and records versions explicitly where a write path saves the lists after the row.
# Addresses under /yrker/ that are pages of their own (pages/urls.py, compare/urls.py): an
# occupation with one of these slugs could never be reached.
RESERVED_SLUGS = {"omrader", "sammenlign"}


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("/yrker/%(slug)s/ er en annen side på nettstedet; velg en annen adresse."),
            params={"slug": slug},
            code="reserved",
        )


OCCUPATION_HISTORY = HistoricalRecords(
    bases=[OccupationVersionLists],
    excluded_fields=["created_at", "updated_at", *RICH_TEXT_HTML_FIELDS.values()],
    verbose_name=_("versjon av yrke"),
    verbose_name_plural=_("versjoner av yrker"),
)


class OccupationManager(models.Manager.from_queryset(OccupationQuerySet)):
    """Occupations without the working drafts, so no query for the public can show one."""

    def get_queryset(self):
        return super().get_queryset().filter(draft_of__isnull=True)


class Occupation(models.Model):
    """An occupation description ("yrkesbeskrivelse"): everything on one public page.

    Editing a published occupation happens in its working draft: a second row with `draft_of`
    pointing here, which `occupation_draft_publish` copies onto this row. The default manager
    `objects` never returns working drafts; the admin reads `all_objects`.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publisert")

    title = models.CharField(
        _("tittel"), max_length=120, help_text=_("Yrkets navn i entall, for eksempel «Rørlegger».")
    )
    title_plural = models.CharField(
        _("tittel i flertall"),
        max_length=120,
        help_text=_("Med liten forbokstav; brukes i overskrifter som «Hvor jobber rørleggere?»."),
    )
    slug = models.SlugField(
        _("adresse"),
        max_length=140,
        validators=[validate_not_reserved],
        help_text=_(
            "Siste del av nettadressen, /yrker/<adresse>/. Fylles ut fra tittelen; æ, ø og å "
            "skrives ae, o og a. Endrer du den, sendes gamle lenker videre hit."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("publisert"), null=True, blank=True, editable=False)
    draft_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="working_draft",
        verbose_name=_("utkast til"),
        help_text=_("Den publiserte siden dette utkastet endrer."),
    )
    lock_version = models.PositiveIntegerField(
        _("versjonsnummer"),
        default=1,
        editable=False,
        help_text=_("Øker ved hver lagring; hindrer at to redaktører overskriver hverandre."),
    )
    publish_scheduled_at = models.DateTimeField(
        _("planlagt publisert"), null=True, blank=True, editable=False
    )
    publish_scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("planlagt av"),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    image = models.ImageField(
        _("bilde"),
        upload_to="occupations/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), validate_image],
        help_text=_("JPEG, PNG eller WebP, minst 640 piksler bredt og høyst 5 MB."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alternativ tekst"),
        max_length=250,
        blank=True,
        help_text=_("Hva bildet viser, for dem som ikke ser det. Påkrevd når det er et bilde."),
    )
    image_caption = models.CharField(_("bildetekst"), max_length=300, blank=True)
    image_credit = models.CharField(
        _("fotograf/kreditering"),
        max_length=120,
        blank=True,
        help_text=_("For eksempel «Foto: Ola Nordmann»."),
    )

    lead = models.TextField(
        _("ingress"), help_text=_("Én eller to setninger som sier hva yrket går ut på.")
    )
    description = models.TextField(_("beskrivelse"), blank=True, help_text=RICH_TEXT_HELP)
    duties_intro = models.CharField(
        _("innledning til oppgavelisten"),
        max_length=200,
        blank=True,
        help_text=_("For eksempel «Vanlige oppgaver for en rørlegger:»."),
    )
    delegated_tasks = models.TextField(
        _("selvstendige og delegerte oppgaver"),
        blank=True,
        help_text=_("Oppgaver yrket kan utføre selvstendig eller etter delegering."),
    )
    authorisation_required = models.BooleanField(
        _("krever autorisasjon"),
        default=False,
        help_text=_("Kryss av hvis man må ha offentlig autorisasjon for å jobbe i yrket."),
    )
    authorisation_authority = models.CharField(
        _("autorisasjon gis av"),
        max_length=200,
        blank=True,
        help_text=_("Myndigheten som gir autorisasjon, for eksempel «Helsedirektoratet»."),
    )
    authorisation_text = models.TextField(
        _("om autorisasjon"), blank=True, help_text=RICH_TEXT_HELP
    )
    workplaces_text = models.TextField(_("hvor de jobber"), blank=True, help_text=RICH_TEXT_HELP)
    personal_traits = models.TextField(
        _("personlige egenskaper"), blank=True, help_text=RICH_TEXT_HELP
    )
    education_text = models.TextField(_("om utdanning"), blank=True, help_text=RICH_TEXT_HELP)
    # What the page prints: the Markdown fields above as sanitised HTML, rendered at each save.
    description_html = RenderedMarkdownField(source="description", default="", editable=False)
    delegated_tasks_html = RenderedMarkdownField(
        source="delegated_tasks", default="", editable=False
    )
    authorisation_text_html = RenderedMarkdownField(
        source="authorisation_text", default="", editable=False
    )
    workplaces_text_html = RenderedMarkdownField(
        source="workplaces_text", default="", editable=False
    )
    personal_traits_html = RenderedMarkdownField(
        source="personal_traits", default="", editable=False
    )
    education_text_html = RenderedMarkdownField(source="education_text", default="", editable=False)

    job_titles = models.ManyToManyField(
        JobTitle,
        blank=True,
        related_name="occupations",
        verbose_name=_("stillingstitler"),
        help_text=_(
            "NAVs stillingstitler (7 sifre) som arbeidsgivere bruker for dette yrket. En "
            "stillingstittel kan høre til flere yrker."
        ),
    )
    styrk_groups = models.ManyToManyField(
        StyrkGroup,
        blank=True,
        related_name="occupations",
        limit_choices_to={"level": StyrkGroup.Level.UNIT},
        verbose_name=_("STYRK-08-yrkesgrupper"),
        help_text=_("Yrkesgruppene (4 sifre) i SSBs STYRK-08 som yrket hører til."),
    )
    trades = models.ManyToManyField(
        Trade,
        blank=True,
        related_name="occupations",
        verbose_name=_("lærefag"),
        help_text=_(
            "Lærefagene som fører til yrket; bedrifter godkjent i dem vises som lærebedrifter."
        ),
    )
    fields_added = models.ManyToManyField(
        FieldOfWork,
        blank=True,
        related_name="occupations_added",
        limit_choices_to={"level": FieldOfWork.Level.FIELD},
        verbose_name=_("yrkesområder lagt til"),
        help_text=_(
            "Yrket får områdene til sine STYRK-08-yrkesgrupper (NAVs inndeling). Legg til "
            "områder yrket også hører hjemme i."
        ),
    )
    fields_removed = models.ManyToManyField(
        FieldOfWork,
        blank=True,
        related_name="occupations_removed",
        limit_choices_to={"level": FieldOfWork.Level.FIELD},
        verbose_name=_("yrkesområder fjernet"),
        help_text=_("Områder yrket får fra STYRK-08, men som ikke passer for det."),
    )

    objects = OccupationManager()
    all_objects = OccupationQuerySet.as_manager()
    history = OCCUPATION_HISTORY

    class Meta:
        verbose_name = _("yrke")
        verbose_name_plural = _("yrker")
        ordering = ["title"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        permissions = [("publish_occupation", _("Kan publisere og avpublisere yrker"))]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(draft_of__isnull=True),
                name="occupation_unique_slug",
            ),
            models.CheckConstraint(
                condition=models.Q(draft_of__isnull=True) | models.Q(status="draft"),
                name="occupation_working_draft_is_draft",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="occupation_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(authorisation_required=False)
                | ~models.Q(authorisation_authority=""),
                name="occupation_authorisation_names_authority",
            ),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="occupation_image_has_alt_text",
            ),
        ]
        indexes = [models.Index(fields=["status", "title"], name="occupation_status_title")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("occupations:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_working_draft(self):
        return self.draft_of_id is not None

    def fields_of_work(self):
        """The occupation's fields (each with its area), A–Å: one query."""
        return (
            FieldOfWork.objects.fields()
            .filter(models.Q(styrk_groups__occupations=self) | models.Q(occupations_added=self))
            .exclude(occupations_removed=self)
            .select_related("parent")
            .distinct()
            .order_by(Collate("name", NORWEGIAN), "pk")
        )

    def latest_review(self):
        """The newest quality-assurance review; uses the prefetched reviews when present.
        A working draft shows its published page's reviews, as the public will see them."""
        if self.draft_of_id is not None:
            return self.draft_of.latest_review()
        reviews = sorted(self.reviews.all(), key=lambda review: (review.reviewed_on, review.pk))
        return reviews[-1] if reviews else None
