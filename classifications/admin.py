from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from classifications.models import JobTitle, StyrkGroup, Trade
from pagecache.admin import InvalidatesPageCache


@admin.register(StyrkGroup)
class StyrkGroupAdmin(InvalidatesPageCache, admin.ModelAdmin):
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


class MappedFilter(admin.SimpleListFilter):
    title = _("kobling til yrke")
    parameter_name = "koblet"

    def lookups(self, request, model_admin):
        return [("nei", _("Ikke koblet til noe yrke")), ("ja", _("Koblet til yrke"))]

    def queryset(self, request, queryset):
        if self.value() == "nei":
            return queryset.unmapped()
        if self.value() == "ja":
            return queryset.filter(occupations__isnull=False).distinct()
        return queryset


@admin.register(JobTitle)
class JobTitleAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["code", "name", "unit_group", "occupation_count"]
    list_filter = [MappedFilter]
    search_fields = ["code", "name"]
    list_select_related = ["unit_group"]
    autocomplete_fields = ["unit_group"]

    def get_readonly_fields(self, request, obj=None):
        # The code is NAV's key; once a title exists it is never edited by hand.
        return ["code"] if obj else []

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(occupation_count=Count("occupations"))
            .order_by("code")
        )

    @admin.display(description=_("yrker"), ordering="occupation_count")
    def occupation_count(self, obj):
        return obj.occupation_count


@admin.register(Trade)
class TradeAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["name", "code", "programme"]
    search_fields = ["name", "code"]
    list_filter = ["programme"]
