from django.contrib import admin

from scheduling.models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """Each slot of each scheduled job: queued, running (with its progress and last sign of
    life), done or failed with the error. Written by the scheduler and the workers only."""

    list_display = [
        "slot",
        "job",
        "status",
        "attempts",
        "progress",
        "heartbeat_at",
        "finished_at",
        "worker",
    ]
    list_filter = ["status", "job"]
    search_fields = ["job", "result", "last_error"]
    date_hierarchy = "slot"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the log of what ran stays whole
