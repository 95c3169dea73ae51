from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from changes.admin import RecordsChanges
from classifications.admin import JobTitleAdmin
from classifications.models import JobTitle
from employers.models import ApprenticeshipApproval, Employer, Employment
from occupations.models import Occupation
from occupations.services import occupation_job_titles_add
from regions.models import County

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
class EmployerAdmin(RecordsChanges, admin.ModelAdmin):
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
class EmploymentAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["employer", "job_title", "period", "count"]
    list_filter = ["period"]
    list_select_related = ["employer", "job_title"]
    raw_id_fields = ["employer"]
    autocomplete_fields = ["job_title"]
    search_fields = ["=employer__orgnr", "job_title__code"]
    show_full_result_count = False


@admin.register(ApprenticeshipApproval)
class ApprenticeshipApprovalAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["employer", "trade", "county", "is_approved", "running_contracts"]
    list_filter = ["is_approved", "county"]
    list_select_related = ["employer", "trade", "county"]
    raw_id_fields = ["employer"]
    autocomplete_fields = ["trade"]
    search_fields = ["=employer__orgnr", "employer__name", "trade__name"]
    show_full_result_count = False


class MappedFilter(admin.SimpleListFilter):
    title = _("kobling til yrke")
    parameter_name = "koblet"

    def lookups(self, request, model_admin):
        return [("nei", _("Ikke koblet til noe yrke")), ("ja", _("Koblet til yrke"))]

    def queryset(self, request, queryset):
        # EXISTS rather than a join: a join would count the employees once per occupation.
        mapped = Exists(Occupation.job_titles.through.objects.filter(jobtitle=OuterRef("pk")))
        if self.value() == "nei":
            return queryset.filter(~mapped)
        if self.value() == "ja":
            return queryset.filter(mapped)
        return queryset


class MostEmployeesFirstChangeList(ChangeList):
    """The list starts with the titles most people work in. An annotation cannot go in
    ModelAdmin.ordering, which the occupation form's job-title field also uses."""

    def _get_default_ordering(self):
        return ["-employees", "code"]


class MapToOccupationForm(forms.Form):
    occupation = forms.ModelChoiceField(
        label=_("Yrke"),
        queryset=Occupation.objects.alphabetical(),
        help_text=_("Stillingstitlene legges til yrkets stillingstitler; ingen fjernes."),
    )


class JobTitleMappingAdmin(JobTitleAdmin):
    """The Dataforvalter's mapping tool on the job-title list: `?koblet=nei` lists the titles
    no occupation uses, most employees in the newest month first, and the action links the
    selected ones to an occupation. It replaces classifications' JobTitleAdmin here because it
    needs NAV's employment figures and the occupations, which sit above classifications."""

    list_display = ["code", "name", "unit_group", "employees", "occupation_count"]
    list_filter = [MappedFilter]
    # Counting the annotated list costs as much as a page of it; one count is enough.
    show_full_result_count = False
    actions = ["map_to_occupation"]

    def get_changelist(self, request, **kwargs):
        return MostEmployeesFirstChangeList

    def get_queryset(self, request):
        occupations = (
            Occupation.job_titles.through.objects.filter(jobtitle=OuterRef("pk"))
            .values("jobtitle")
            .annotate(count=Count("pk"))
            .values("count")
        )
        # The employees come from the read model the change path keeps (JobTitleEmployees):
        # summing the month's employment here took most of a second at 9,000 titles.
        return self.model._default_manager.annotate(
            occupation_count=Subquery(occupations),
            employees=Coalesce("employees_total__employees", 0),
        ).order_by("code")

    @admin.display(description=_("ansatte siste måned"), ordering="employees")
    def employees(self, obj):
        return obj.employees

    @admin.display(description=_("yrker"), ordering="occupation_count")
    def occupation_count(self, obj):
        return obj.occupation_count or 0

    @admin.action(description=_("Koble valgte stillingstitler til et yrke"), permissions=["change"])
    def map_to_occupation(self, request, queryset):
        form = MapToOccupationForm(request.POST if "apply" in request.POST else None)
        job_titles = list(queryset.order_by("code"))
        if form.is_valid():
            occupation = form.cleaned_data["occupation"]
            linked = occupation_job_titles_add(occupation=occupation, job_titles=job_titles)
            message = ngettext(
                "%(count)d stillingstittel ble koblet til %(occupation)s.",
                "%(count)d stillingstitler ble koblet til %(occupation)s.",
                linked,
            ) % {"count": linked, "occupation": occupation}
            self.log_change(request, occupation, message)
            self.message_user(request, message, messages.SUCCESS)
            return None  # back to the list
        context = {
            **self.admin_site.each_context(request),
            "title": _("Koble stillingstitler til et yrke"),
            "opts": self.opts,
            "form": form,
            "job_titles": job_titles,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/classifications/jobtitle/map_to_occupation.html", context
        )


admin.site.unregister(JobTitle)
admin.site.register(JobTitle, JobTitleMappingAdmin)
