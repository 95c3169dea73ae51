"""Related occupations: the editors' choices and the read model the occupation page shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SHOWN = 6  # related occupations on a page


class Reason(models.TextChoices):
    """Why two occupations are related, best first (the order ranks them)."""

    PINNED = "pinned", _("Valgt av redaksjonen")
    UNIT_GROUP = "unit_group", _("Samme yrkesgruppe")
    MINOR_GROUP = "minor_group", _("Samme yrkesfamilie")
    EDUCATION = "education", _("Samme utdanning")
    TRADE = "trade", _("Samme lærefag")
    EMPLOYERS = "employers", _("Felles bedrifter")
    FIELD = "field", _("Samme yrkesområde")
    AREA = "area", _("Samme område")


# The rank of each reason: a pair with several reasons shows its best.
PRIORITY = {reason: order for order, reason in enumerate(Reason)}


class RelatedChoice(models.Model):
    """An editor's choice for one occupation's related list: pin another occupation with a
    reason of their own (shown first), or hide one the data would show."""

    class Kind(models.TextChoices):
        PIN = "pin", _("Vis først, med egen begrunnelse")
        HIDE = "hide", _("Skjul")

    occupation = models.ForeignKey(
        "occupations.Occupation",
        on_delete=models.CASCADE,
        related_name="related_choices",
        limit_choices_to={"draft_of__isnull": True},
        verbose_name=_("yrke"),
    )
    related = models.ForeignKey(
        "occupations.Occupation",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"draft_of__isnull": True},
        verbose_name=_("relatert yrke"),
    )
    kind = models.CharField(_("valg"), max_length=10, choices=Kind.choices, default=Kind.PIN)
    reason = models.CharField(
        _("begrunnelse"),
        max_length=200,
        blank=True,
        help_text=_(
            "Vises under yrket, for eksempel «jobber tett sammen på tannklinikken». Påkrevd "
            "når yrket vises først."
        ),
    )

    class Meta:
        verbose_name = _("relatert yrke valgt av redaksjonen")
        verbose_name_plural = _("relaterte yrker valgt av redaksjonen")
        ordering = ["occupation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "related"],
                name="relatedchoice_unique",
                violation_error_message=_(
                    "Dette yrket har allerede et valg for det relaterte yrket."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(occupation=models.F("related")),
                name="relatedchoice_not_itself",
                violation_error_message=_("Et yrke kan ikke være relatert til seg selv."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="pin") | ~models.Q(reason=""),
                name="relatedchoice_pin_has_reason",
                violation_error_message=_("Skriv en begrunnelse når yrket skal vises først."),
            ),
        ]

    def __str__(self):
        return f"{self.occupation} → {self.related} ({self.get_kind_display()})"


class RelatedOccupationQuerySet(models.QuerySet):
    def for_page(self, occupation):
        """The related occupations an occupation page shows, best first: one query. A working
        draft shows those of its published page."""
        source = occupation.draft_of_id or occupation.pk
        return (
            self.filter(occupation=source, related__status="published")
            .select_related("related")
            .only(
                "rank",
                "reason",
                "label",
                "shared",
                "total",
                "related__title",
                "related__title_plural",
                "related__slug",
            )
            .order_by("rank")[:SHOWN]
        )


class RelatedOccupation(models.Model):
    """A read model: up to six related occupations per occupation, each with its best reason.

    Derived from the occupations' codes, educations, trades and fields, the employer read
    model and the editors' choices; rebuilt by `related.compute.related_refresh()`, which only
    the change path calls (derived/refresh.py).
    """

    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # A deleted occupation leaves a NULL in the lists that showed it, so the change path
    # finds those lists (derived/rules.py) after the delete.
    related = models.ForeignKey(
        "occupations.Occupation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("plass"))
    reason = models.CharField(_("begrunnelse"), max_length=20, choices=Reason.choices)
    label = models.CharField(
        _("navn i begrunnelsen"),
        max_length=400,
        help_text=_(
            "Yrkesgruppen, utdanningen, lærefaget eller området, eller redaksjonens tekst."
        ),
    )
    shared = models.PositiveIntegerField(_("felles bedrifter"), null=True)
    total = models.PositiveIntegerField(_("bedrifter med yrket"), null=True)

    objects = RelatedOccupationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relatert yrke")
        verbose_name_plural = _("relaterte yrker")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "rank"], name="relatedoccupation_rank"),
        ]

    def __str__(self):
        return f"{self.occupation_id} → {self.related_id} ({self.reason})"
