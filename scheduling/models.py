from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScheduledRunQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[ScheduledRun.Status.QUEUED, ScheduledRun.Status.RUNNING])

    def ready(self, now):
        """Queued runs whose next attempt may start now."""
        return self.filter(status=ScheduledRun.Status.QUEUED, not_before__lte=now)


class ScheduledRun(models.Model):
    """One slot of a scheduled job (e.g. the Enhetsregisteret import of 29 November, 01:30).

    The unique (job, slot) makes it run once however many schedulers claim it; attempts,
    heartbeat and lease make a crashed worker's run start again, up to `max_attempts`.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Kjører")
        SUCCEEDED = "succeeded", _("Fullført")
        FAILED = "failed", _("Feilet")

    job = models.CharField(_("jobb"), max_length=100)
    slot = models.DateTimeField(_("planlagt til"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("forsøk"), default=0)
    max_attempts = models.PositiveIntegerField(_("største antall forsøk"), default=3)
    not_before = models.DateTimeField(_("neste forsøk tidligst"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("sendt til arbeider"), null=True, blank=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("siste livstegn"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    worker = models.CharField(_("arbeider"), max_length=200, blank=True)
    progress = models.CharField(_("framdrift"), max_length=500, blank=True)
    result = models.TextField(_("resultat"), blank=True)
    last_error = models.TextField(_("siste feil"), blank=True)

    objects = ScheduledRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("planlagt kjøring")
        verbose_name_plural = _("planlagte kjøringer")
        ordering = ["-slot", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="scheduledrun_once_per_slot"),
            models.CheckConstraint(
                condition=Q(attempts__lte=F("max_attempts")),
                name="scheduledrun_attempts_within_max",
            ),
        ]
        indexes = [
            # The scheduler's questions: ready runs, and successful runs old enough to prune.
            models.Index(fields=["status", "not_before"], name="scheduledrun_status_due"),
            models.Index(fields=["status", "finished_at"], name="scheduledrun_status_finished"),
            # The admin's list (newest first) and its filter by job.
            models.Index(fields=["-slot", "job"], name="scheduledrun_newest"),
            models.Index(fields=["job", "-slot"], name="scheduledrun_job_slot"),
        ]

    def __str__(self):
        return f"{self.job} {timezone.localtime(self.slot):%Y-%m-%d %H:%M}"
