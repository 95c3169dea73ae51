from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from changes.apply import RefreshFailed, changes_apply
from changes.models import PendingChange
from changes.record import changes_record


class RecordsChanges:
    """ModelAdmin mixin: every save (with its inlines) and every delete through the admin says
    what changed, so the pages that show it are brought up to date after the commit. Put it
    first in the bases. `tests/derived/test_every_write_reaches_every_page.py` fails for an
    admin of this project's models that can write without it."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rows = [form.instance]
        for formset in formsets:
            rows += formset.new_objects
            rows += [obj for obj, _changed in formset.changed_objects]
            rows += formset.deleted_objects
        changes_record(rows=rows, fields=form.changed_data if change else None)

    # A row is recorded before it is deleted (its foreign keys say what it belonged to), in
    # the same transaction, so the refresh runs after the delete has committed.

    def delete_model(self, request, obj):
        with transaction.atomic():
            changes_record(rows=[obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            changes_record(rows=list(queryset))
            super().delete_queryset(request, queryset)


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Changes whose derived data is not up to date yet: normally none for more than a moment.
    One that stays has an error; fix the cause and run the action (or `apply_changes`)."""

    list_display = ["created_at", "__str__", "attempts", "last_attempt_at", "last_error"]
    readonly_fields = ["created_at", "changes", "attempts", "last_attempt_at", "last_error"]
    actions = ["apply_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # deleting one would leave derived data stale for good

    @admin.action(description=_("Oppdater nå (alle ventende)"), permissions=["view"])
    def apply_now(self, request, queryset):
        try:
            applied = changes_apply()
        except RefreshFailed as exc:
            message = _("Oppdateringen feilet: %(error)s. Endringene venter fortsatt.")
            self.message_user(request, message % {"error": exc}, messages.ERROR)
            return
        if applied is None:
            self.message_user(
                request, _("En annen oppdatering kjører; den tar med det som venter.")
            )
            return
        message = ngettext(
            "%(count)d ventende endring er oppdatert.",
            "%(count)d ventende endringer er oppdatert.",
            applied,
        )
        self.message_user(request, message % {"count": applied})
