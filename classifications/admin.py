from django.contrib import admin

from changes.admin import RecordsChanges
from classifications.models import FieldOfWork, JobTitle, StyrkGroup, Trade


@admin.register(StyrkGroup)
class StyrkGroupAdmin(RecordsChanges, admin.ModelAdmin):
    """STYRK-08 comes from SSB: editors look it up, the loader writes it."""

    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "name", "level", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JobTitle)
class JobTitleAdmin(RecordsChanges, admin.ModelAdmin):
    """NAV's job titles. employers/admin.py extends this into the Dataforvalter's mapping tool
    (employees per title, mapping to occupations): both of those live in apps above this one."""

    list_display = ["code", "name", "unit_group"]
    search_fields = ["code", "name"]
    list_select_related = ["unit_group"]
    autocomplete_fields = ["unit_group"]

    def get_readonly_fields(self, request, obj=None):
        # The code is NAV's key; once a title exists it is never edited by hand.
        return ["code"] if obj else []


@admin.register(Trade)
class TradeAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["name", "code", "programme"]
    search_fields = ["name", "code"]
    list_filter = ["programme"]


@admin.register(FieldOfWork)
class FieldOfWorkAdmin(RecordsChanges, admin.ModelAdmin):
    """NAV's fields of work come from its file (load_fields_of_work): editors look them up and
    add or remove them per occupation, in the occupation's form."""

    list_display = ["name", "parent", "level"]
    list_filter = ["level", "parent"]
    search_fields = ["name", "parent__name"]
    list_select_related = ["parent"]
    readonly_fields = ["name", "slug", "level", "parent", "styrk_groups"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
