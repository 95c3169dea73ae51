from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    """The nightly and monthly jobs: each runs once per slot across every server, is retried
    when its worker dies, and is listed in the admin (docs/workers.md)."""

    name = "scheduling"
    verbose_name = _("Planlagte jobber")
