from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from classifications.models import JobTitle, StyrkGroup, Trade
from classifications.services import job_titles_map
from occupations.models import Occupation
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


@admin.register(JobTitle)
class JobTitleAdmin(InvalidatesPageCache, admin.ModelAdmin):
    """The Dataforvalter's mapping tool: `?koblet=nei` lists the titles no occupation uses,
    most employees first, and the action links the selected ones to an occupation."""

    list_display = ["code", "name", "unit_group", "employees", "occupation_count"]
    list_filter = [MappedFilter]
    search_fields = ["code", "name"]
    list_select_related = ["unit_group"]
    autocomplete_fields = ["unit_group"]
    actions = ["map_to_occupation"]

    def get_changelist(self, request, **kwargs):
        return MostEmployeesFirstChangeList

    def get_readonly_fields(self, request, obj=None):
        # The code is NAV's key; once a title exists it is never edited by hand.
        return ["code"] if obj else []

    def get_queryset(self, request):
        return (
            self.model._default_manager.annotate(occupation_count=Count("occupations"))
            .with_employees()
            .order_by("code")
        )

    @admin.display(description=_("ansatte siste måned"), ordering="employees")
    def employees(self, obj):
        return obj.employees

    @admin.display(description=_("yrker"), ordering="occupation_count")
    def occupation_count(self, obj):
        return obj.occupation_count

    @admin.action(description=_("Koble valgte stillingstitler til et yrke"), permissions=["change"])
    def map_to_occupation(self, request, queryset):
        form = MapToOccupationForm(request.POST if "apply" in request.POST else None)
        job_titles = list(queryset.order_by("code"))
        if form.is_valid():
            occupation = form.cleaned_data["occupation"]
            linked = job_titles_map(job_titles=job_titles, occupation=occupation)
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


@admin.register(Trade)
class TradeAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["name", "code", "programme"]
    search_fields = ["name", "code"]
    list_filter = ["programme"]
