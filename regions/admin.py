from django.contrib import admin

from regions.models import County, Municipality, PostalCode, RegionChange


class ReadOnlyAdmin(admin.ModelAdmin):
    """Register data: loaded from SSB and Bring, looked up here, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(County)
class CountyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    list_select_related = ["county"]
    search_fields = ["code", "name"]


@admin.register(PostalCode)
class PostalCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "place", "municipality", "category"]
    list_filter = ["category"]
    list_select_related = ["municipality"]
    search_fields = ["code", "place"]


@admin.register(RegionChange)
class RegionChangeAdmin(ReadOnlyAdmin):
    list_display = ["kind", "old_code", "old_name", "new_code", "new_name", "changed_on"]
    list_filter = ["kind", "changed_on"]
    search_fields = ["old_code", "old_name", "new_code", "new_name"]
