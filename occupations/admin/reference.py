"""The admin of what occupation pages link to: educations, statistics, reviews, redirects."""

from django.contrib import admin

from changes.admin import RecordsChanges
from occupations.models import (
    Education,
    GraduateOutcome,
    QualityReview,
    ReviewOrganisation,
    SalaryStatistic,
    SlugRedirect,
)

# The history page lists this many newest versions (every version stays in the database).


class GraduateOutcomeInline(admin.TabularInline):
    model = GraduateOutcome
    autocomplete_fields = ["styrk_group"]
    extra = 0


@admin.register(Education)
class EducationAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["name", "level", "nus_code"]
    search_fields = ["name", "nus_code"]
    inlines = [GraduateOutcomeInline]


@admin.register(SalaryStatistic)
class SalaryStatisticAdmin(admin.ModelAdmin):
    """SSB's figures as imported (import_ssb_salary); editors look them up, never type them."""

    list_display = [
        "styrk_group",
        "year",
        "sector_label",
        "gender_label",
        "measure",
        "value",
        "status",
    ]
    list_filter = ["year", "measure", "sector_label", "gender_label", "status"]
    search_fields = ["styrk_group__code", "styrk_group__name"]
    list_select_related = ["styrk_group"]
    ordering = ["styrk_group__code", "-year", "sector_order", "gender_order", "measure"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewOrganisation)
class ReviewOrganisationAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["old_slug", "occupation", "created_at"]
    search_fields = ["old_slug", "occupation__title"]
    autocomplete_fields = ["occupation"]


@admin.register(QualityReview)
class QualityReviewAdmin(RecordsChanges, admin.ModelAdmin):
    """Where a Redaktør records a quality-assurance review; it shows on the public page at once
    (a review is a fact about the page, not a change to its text)."""

    list_display = ["occupation", "organisation", "reviewed_on", "reviewer"]
    list_filter = ["organisation"]
    list_select_related = ["occupation", "organisation"]
    search_fields = ["occupation__title", "organisation__name", "reviewer"]
    autocomplete_fields = ["occupation", "organisation"]
    date_hierarchy = "reviewed_on"
