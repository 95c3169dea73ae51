from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from employers.models import ApprenticeshipApproval, Employer, Employment
from pagecache.admin import InvalidatesPageCache

REGISTER_FIELDS = [
    "orgnr",
    "name",
    "parent_orgnr",
    "parent_name",
    "nace_code",
    "nace_text",
    "address",
    "postal_code",
    "postal_place",
    "municipality",
    "employees",
    "registered_on",
    "closed_on",
]


class CountyFilter(admin.SimpleListFilter):
    title = _("fylke")
    parameter_name = "fylke"

    def lookups(self, request, model_admin):
        from regions.models import County

        return [(county.code, county.name) for county in County.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(municipality__county__code=self.value())
        return queryset


class ApprovedFilter(admin.SimpleListFilter):
    title = _("lærebedrift")
    parameter_name = "laerebedrift"

    def lookups(self, request, model_admin):
        return [("ja", _("Godkjent lærebedrift")), ("nei", _("Ikke godkjent"))]

    def queryset(self, request, queryset):
        approved = {"approvals__is_approved": True}
        if self.value() == "ja":
            return queryset.filter(**approved).distinct()
        if self.value() == "nei":
            return queryset.exclude(**approved)
        return queryset


class ApprovalInline(admin.TabularInline):
    model = ApprenticeshipApproval
    extra = 0
    autocomplete_fields = ["trade"]
    readonly_fields = [
        "trade",
        "county",
        "is_approved",
        "approved_from",
        "approved_to",
        "running_contracts",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Employer)
class EmployerAdmin(InvalidatesPageCache, admin.ModelAdmin):
    """Employers come from Enhetsregisteret; the register fields are read-only here."""

    list_display = ["name", "orgnr", "municipality", "employees", "closed_on"]
    list_filter = [CountyFilter, ApprovedFilter]
    list_select_related = ["municipality"]
    search_fields = ["name", "=orgnr"]
    readonly_fields = REGISTER_FIELDS
    inlines = [ApprovalInline]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(Employment)
class EmploymentAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["employer", "job_title", "period", "count"]
    list_filter = ["period"]
    list_select_related = ["employer", "job_title"]
    raw_id_fields = ["employer"]
    autocomplete_fields = ["job_title"]
    search_fields = ["=employer__orgnr", "job_title__code"]
    show_full_result_count = False


@admin.register(ApprenticeshipApproval)
class ApprenticeshipApprovalAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["employer", "trade", "county", "is_approved", "running_contracts"]
    list_filter = ["is_approved", "county"]
    list_select_related = ["employer", "trade", "county"]
    raw_id_fields = ["employer"]
    autocomplete_fields = ["trade"]
    search_fields = ["=employer__orgnr", "employer__name", "trade__name"]
    show_full_result_count = False
