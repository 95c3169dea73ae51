from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from richtext.fields import RenderedMarkdownField


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
    # The explanation as the pages print it: sanitised HTML, rendered at each save.
    explanation_html = RenderedMarkdownField(source="explanation", default="", editable=False)
    rejection_threshold = models.DecimalField(
        _("grense for avviste rader (prosent)"),
        max_digits=4,
        decimal_places=1,
        default=1,
        help_text=_(
            "Avvises en større andel av radene i en fil, lagres ingenting og importen feiler."
        ),
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


class ImportRun(models.Model):
    """One run of a register import: what it read, what it changed, and what it refused."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Kjører")
        SUCCEEDED = "succeeded", _("Fullført")
        FAILED = "failed", _("Feilet")
        DRY_RUN = "dry-run", _("Prøvekjøring")

    source = models.ForeignKey(
        DataSource, on_delete=models.PROTECT, related_name="runs", verbose_name=_("kilde")
    )
    file = models.CharField(_("fil"), max_length=500)
    started_at = models.DateTimeField(_("startet"), default=timezone.now)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    read = models.PositiveIntegerField(_("lest"), default=0)
    created = models.PositiveIntegerField(_("opprettet"), default=0)
    updated = models.PositiveIntegerField(_("oppdatert"), default=0)
    unchanged = models.PositiveIntegerField(_("uendret"), default=0)
    closed = models.PositiveIntegerField(_("lukket/fjernet"), default=0)
    rejected = models.PositiveIntegerField(_("avvist"), default=0)
    rejected_rows = models.JSONField(
        _("avviste rader"),
        default=list,
        blank=True,
        help_text=_("De første 100, med linje og årsak."),
    )
    message = models.TextField(_("melding"), blank=True)

    class Meta:
        verbose_name = _("importkjøring")
        verbose_name_plural = _("importkjøringer")
        ordering = ["-started_at"]
        indexes = [
            models.Index(
                fields=["source", "status", "-finished_at"], name="importrun_source_status"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    def summary(self):
        return (
            f"{self.read} lest, {self.created} opprettet, {self.updated} oppdatert, "
            f"{self.unchanged} uendret, {self.closed} lukket, {self.rejected} avvist"
        )


class SourceDownload(models.Model):
    """An address a scheduled job downloads a register from, and what its server said the last
    time a download was imported: the ETag and Last-Modified sent back on the next request, so
    an unchanged file is neither downloaded nor imported again (registers/fetch.py)."""

    key = models.CharField(_("nøkkel"), max_length=100, unique=True)
    source = models.CharField(_("kilde"), max_length=30, choices=DataSource.Key.choices)
    url = models.URLField(_("adresse"), max_length=2000)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    file = models.CharField(
        _("fil i arkivet"),
        max_length=1000,
        blank=True,
        help_text=_("Den siste filen som ble hentet og importert."),
    )
    size = models.PositiveBigIntegerField(_("størrelse (byte)"), null=True, blank=True)
    imported_at = models.DateTimeField(_("sist hentet ny fil"), null=True, blank=True)
    checked_at = models.DateTimeField(_("sist sjekket"), null=True, blank=True)

    class Meta:
        verbose_name = _("nedlasting")
        verbose_name_plural = _("nedlastinger")
        ordering = ["key"]

    def __str__(self):
        return self.key
