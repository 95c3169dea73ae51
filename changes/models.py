from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingChange(models.Model):
    """A committed write whose derived data (search index, employers per occupation, cached
    pages) has not been brought up to date yet.

    Written in the same transaction as the change itself, so a change is never lost: if the
    process dies before the refresh, or the refresh fails, the row stays until a later run of
    `changes_apply` succeeds (the next change, the worker, or `manage.py apply_changes`).
    """

    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    changes = models.JSONField(_("endringer"))
    attempts = models.PositiveIntegerField(_("forsøk"), default=0)
    last_attempt_at = models.DateTimeField(_("siste forsøk"), null=True, blank=True)
    last_error = models.TextField(_("siste feil"), blank=True)

    class Meta:
        verbose_name = _("ventende oppdatering")
        verbose_name_plural = _("ventende oppdateringer")
        ordering = ["pk"]

    def __str__(self):
        labels = sorted({*self.changes.get("rows", {}), *self.changes.get("models", [])})
        return f"{self.created_at:%Y-%m-%d %H:%M:%S}: {', '.join(labels)}"
