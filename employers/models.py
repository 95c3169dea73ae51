from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import orgnr as stdnum_orgnr

from classifications.models import JobTitle, Trade
from norwegian.fields import SortKeyField
from regions.models import County, Municipality, PostalCode
from registers.klass import rows_move


def validate_orgnr(value):
    """A Norwegian organisation number: nine digits with a valid mod-11 check digit."""
    try:
        stdnum_orgnr.validate(value)
    except StdnumValidationError as exc:
        raise ValidationError(
            _(
                "%(value)s er ikke et gyldig organisasjonsnummer "
                "(ni sifre med riktig kontrollsiffer)."
            ),
            params={"value": value},
            code="invalid_orgnr",
        ) from exc


class EmployerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(closed_on__isnull=True)

    def in_region(self, *, county=None, municipality=None):
        if municipality is not None:
            return self.filter(municipality=municipality)
        if county is not None:
            return self.filter(municipality__county=county)
        return self

    def follow_municipality_split(self, *, old, successors, default, label, described):
        """SSB splits the municipality `old` (a KLASS import, regions/importers/klass_json.py):
        each employer goes to the successor its postal code lies in. Those the postal code does
        not place stay, for the import to move to the `default` successor, and are listed.
        Returns (rows dropped, notes)."""
        for municipality in successors:
            postal_codes = PostalCode.objects.filter(municipality=municipality).values("code")
            rows_move(
                self.filter(postal_code__in=postal_codes),
                field="municipality",
                old=old,
                new=municipality,
            )
        confirmed = PostalCode.objects.filter(municipality__code=default[0]).values("code")
        unplaced = self.filter(municipality=old).exclude(postal_code__in=confirmed)
        notes = [
            f"Kontroller: {employer.name} ({employer.orgnr}) lå i {label}, og postnummeret "
            f"({employer.postal_code or 'mangler'}) viser ikke om den ligger i {described}. "
            f"Den er lagt i {' '.join(default)}."
            for employer in unplaced.order_by("orgnr")
        ]
        return 0, notes


class Employer(models.Model):
    """An establishment ("underenhet") in Brønnøysundregistrene's Enhetsregisteret."""

    orgnr = models.CharField(
        _("organisasjonsnummer"), max_length=9, unique=True, validators=[validate_orgnr]
    )
    name = models.CharField(_("navn"), max_length=200)
    # The name's place in Norwegian alphabetical order, as bytes: lists sort on it with an index.
    sort_name = SortKeyField(source="name", default=b"")
    parent_orgnr = models.CharField(
        _("overordnet enhet"),
        max_length=9,
        blank=True,
        validators=[validate_orgnr],
        help_text=_("Organisasjonsnummeret til den juridiske enheten som eier virksomheten."),
    )
    parent_name = models.CharField(_("navn på overordnet enhet"), max_length=200, blank=True)
    nace_code = models.CharField(_("næringskode"), max_length=6, blank=True)
    nace_text = models.CharField(_("næring"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    postal_place = models.CharField(_("poststed"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("kommune"),
    )
    employees = models.PositiveIntegerField(
        _("antall ansatte"),
        null=True,
        blank=True,
        help_text=_("Tom når registeret ikke oppgir det."),
    )
    registered_on = models.DateField(_("registrert"), null=True, blank=True)
    closed_on = models.DateField(
        _("nedlagt"),
        null=True,
        blank=True,
        help_text=_("Satt når virksomheten er nedlagt eller slettet."),
    )

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("virksomhet")
        verbose_name_plural = _("virksomheter")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(orgnr__regex=r"^[0-9]{9}$"), name="employer_orgnr_nine_digits"
            ),
        ]
        # The counsellors' search (/bedrifter/) lists open employers A–Å, in the whole country
        # or one municipality (a county is its municipalities), and, ticked, closed ones too.
        # The name filter has a trigram index on PostgreSQL (migration 0006).
        indexes = [
            models.Index(fields=["name"], name="employer_name"),
            models.Index(
                fields=["closed_on"],
                name="employer_open",
                condition=models.Q(closed_on__isnull=True),
            ),
            models.Index(
                fields=["sort_name", "id"],
                name="employer_open_sorted",
                condition=models.Q(closed_on__isnull=True),
            ),
            models.Index(
                fields=["municipality", "sort_name", "id"],
                name="employer_open_municipality",
                condition=models.Q(closed_on__isnull=True),
            ),
            # The county map's counts: open employers per municipality, from the index alone.
            models.Index(
                fields=["municipality"],
                name="employer_open_place",
                condition=models.Q(closed_on__isnull=True),
            ),
            models.Index(fields=["sort_name", "id"], name="employer_sorted"),
            models.Index(
                fields=["municipality", "sort_name", "id"], name="employer_municipality_sorted"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.orgnr})"

    def get_absolute_url(self):
        return reverse("employers:detail", kwargs={"orgnr": self.orgnr})

    @property
    def is_closed(self):
        return self.closed_on is not None

    @property
    def orgnr_display(self):
        return stdnum_orgnr.format(self.orgnr)


class Employment(models.Model):
    """Employment relationships in one job title at one establishment in one month (NAV)."""

    # Indexed by employment_unique, which leads with the employer.
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="employment", db_index=False
    )
    # Indexed by employment_period_title; a million-row month pays for every extra index.
    job_title = models.ForeignKey(
        JobTitle,
        on_delete=models.PROTECT,
        related_name="employment",
        verbose_name=_("stillingstittel"),
        db_index=False,
    )
    period = models.DateField(_("måned"), help_text=_("Første dag i måneden tallene gjelder."))
    count = models.PositiveIntegerField(_("arbeidsforhold"))

    class Meta:
        verbose_name = _("arbeidsforhold")
        verbose_name_plural = _("arbeidsforhold")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "job_title", "period"], name="employment_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(period__day=1), name="employment_period_first_of_month"
            ),
        ]
        indexes = [
            models.Index(
                fields=["period", "job_title", "employer"], name="employment_period_title"
            ),
        ]

    def __str__(self):
        return f"{self.employer.name}: {self.count} × {self.job_title.code} ({self.period:%Y-%m})"


class ApprenticeshipApprovalQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_approved=True)

    def follow_county_split(self, *, old, successors, default, label, described):
        """SSB splits the county `old`: each approval goes to the county of its employer's
        municipality (moved already). Those that cannot be placed stay, for the import to move
        to the `default` successor, and are listed. Returns (duplicates dropped, notes)."""
        dropped = sum(
            rows_move(
                self.filter(employer__municipality__county=county),
                field="county",
                old=old,
                new=county,
            )
            for county in successors
        )
        unplaced = (
            self.filter(county=old)
            .exclude(employer__municipality__county__code=default[0])
            .select_related("employer", "trade")
        )
        notes = [
            f"Kontroller: godkjenningen av {approval.employer} i {approval.trade} lå i {label}, "
            f"og virksomhetens kommune viser ikke om den hører til {described}. Den er lagt i "
            f"{' '.join(default)}."
            for approval in unplaced
        ]
        return dropped, notes


class ApprenticeshipApproval(models.Model):
    """A county's approval of an establishment as apprenticeship company in a trade (Vigo)."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("virksomhet")
    )
    trade = models.ForeignKey(
        Trade, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("lærefag")
    )
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("fylke")
    )
    is_approved = models.BooleanField(_("godkjent"), default=True)
    approved_from = models.DateField(_("godkjent fra"), null=True, blank=True)
    approved_to = models.DateField(_("godkjent til"), null=True, blank=True)
    running_contracts = models.PositiveIntegerField(_("løpende lærekontrakter"), default=0)

    objects = ApprenticeshipApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("godkjenning som lærebedrift")
        verbose_name_plural = _("godkjenninger som lærebedrift")
        constraints = [
            models.UniqueConstraint(fields=["employer", "trade", "county"], name="approval_unique"),
            models.CheckConstraint(
                condition=models.Q(approved_to__isnull=True)
                | models.Q(approved_from__isnull=True)
                | models.Q(approved_to__gte=models.F("approved_from")),
                name="approval_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(
                fields=["trade", "employer"],
                name="approval_current_trade",
                condition=models.Q(is_approved=True),
            ),
            models.Index(fields=["county", "trade"], name="approval_county_trade"),
            # "Is it an apprenticeship company?" for each employer a list shows or filters on.
            models.Index(
                fields=["employer"],
                name="approval_current_employer",
                condition=models.Q(is_approved=True),
            ),
        ]

    def __str__(self):
        return f"{self.employer.name}: {self.trade} ({self.county})"


class OccupationEmployer(models.Model):
    """Who employs an occupation: one row per occupation and open establishment that has
    employees in the occupation's job titles in the newest month, or is approved as an
    apprenticeship company in its trades.

    A read model derived from Employment and ApprenticeshipApproval, so that occupation pages
    list, count and sort employers with an index instead of summing a million rows per request.
    Rebuilt by `employers.summary.occupation_employers_refresh()`, which every write path that
    changes its inputs calls (imports, the demo generator, job-title mapping in the admin).
    """

    # Rebuilt in bulk, so it carries only the indexes its readers use (see Meta.indexes).
    occupation = models.ForeignKey(
        "occupations.Occupation",
        on_delete=models.CASCADE,
        related_name="employer_rows",
        db_index=False,
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="occupation_rows", db_index=False
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    employed = models.PositiveIntegerField(_("ansatte i yrket"))
    contracts = models.PositiveIntegerField(_("løpende lærekontrakter"))
    is_apprenticeship_company = models.BooleanField(_("godkjent lærebedrift"))

    class Meta:
        verbose_name = _("bedrift i yrke")
        verbose_name_plural = _("bedrifter i yrker")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "employer"], name="occupationemployer_unique"
            ),
        ]
        indexes = [
            models.Index(
                "occupation", "county", models.F("employed").desc(), name="occemp_county_employed"
            ),
            models.Index(
                "occupation",
                "municipality",
                models.F("employed").desc(),
                name="occemp_municipality_employed",
            ),
            models.Index("occupation", models.F("employed").desc(), name="occemp_employed"),
            models.Index(fields=["employer"], name="occemp_employer"),
        ]

    def __str__(self):
        return f"{self.occupation}: {self.employer.name} ({self.employed})"


class JobTitleEmployees(models.Model):
    """Employment relationships per job title in the newest month of Aa-registeret.

    A read model derived from Employment, so that the Dataforvalter's mapping list sorts its
    9,000 titles by a stored number instead of summing the month's rows per request. Rebuilt
    by `employers.summary.job_title_employees_refresh()` through the change path (derived/);
    a title without employees in the month has no row.
    """

    job_title = models.OneToOneField(
        JobTitle, on_delete=models.CASCADE, primary_key=True, related_name="employees_total"
    )
    employees = models.PositiveIntegerField(_("ansatte siste måned"))

    class Meta:
        verbose_name = _("ansatte per stillingstittel")
        verbose_name_plural = _("ansatte per stillingstittel")

    def __str__(self):
        return f"{self.job_title}: {self.employees}"
