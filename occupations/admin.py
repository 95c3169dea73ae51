from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from employers.summary import occupation_employers_refresh
from norwegian.slugs import norwegian_slugify
from occupations.images import image_reencode, image_renditions_create, validate_image
from occupations.models import (
    AlternativeTitle,
    Duty,
    Education,
    GraduateOutcome,
    Occupation,
    OccupationEducation,
    QualityReview,
    ReviewOrganisation,
    SalaryStatistic,
    SlugRedirect,
    Workplace,
)
from occupations.richtext import RICH_TEXT_HELP
from occupations.services import (
    occupation_publish,
    occupation_slug_changed,
    occupation_unpublish,
)
from pagecache.admin import InvalidatesPageCache
from search.index import search_index_update


def one_year_before(today):
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


class NotReviewedFilter(admin.SimpleListFilter):
    title = _("kvalitetssikring")
    parameter_name = "kvalitetssikret"

    def lookups(self, request, model_admin):
        return [("eldre-enn-12-mnd", _("Ikke kvalitetssikret siste 12 måneder"))]

    def queryset(self, request, queryset):
        if self.value() == "eldre-enn-12-mnd":
            return queryset.not_reviewed_since(one_year_before(timezone.localdate()))
        return queryset


class AlternativeTitleInline(admin.TabularInline):
    model = AlternativeTitle
    extra = 1


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 1


class WorkplaceInline(admin.TabularInline):
    model = Workplace
    extra = 1


class OccupationEducationInline(admin.TabularInline):
    model = OccupationEducation
    autocomplete_fields = ["education"]
    extra = 1


class QualityReviewInline(admin.TabularInline):
    model = QualityReview
    extra = 0
    fields = ["reviewed_on", "organisation", "reviewer", "note"]
    # One line is enough for a note in a table row.
    formfield_overrides = {models.TextField: {"widget": forms.TextInput}}


# Fields shown through the Markdown filter; the admin tells editors which subset they accept.
RICH_TEXT_FIELDS = [
    "description",
    "delegated_tasks",
    "authorisation_text",
    "workplaces_text",
    "personal_traits",
    "education_text",
]


class OccupationForm(forms.ModelForm):
    """OccupationAdmin supplies the model and fields; this adds the editors' checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RICH_TEXT_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = RICH_TEXT_HELP
        # Filled from the title when left empty, so the page also works without JavaScript.
        self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or norwegian_slugify(self.cleaned_data.get("title"))
        if not slug:
            raise forms.ValidationError(_("Skriv en adresse, for eksempel «rorlegger»."))
        clash = Occupation.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Et annet yrke har allerede adressen «%(slug)s».") % {"slug": slug}
            )
        return slug

    def clean_image(self):
        """A new upload is checked, then stored as Pillow writes it afresh (images.py)."""
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            validate_image(image)
            return image_reencode(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Beskriv bildet for dem som ikke ser det."))
        if cleaned.get("authorisation_required") and not cleaned.get("authorisation_authority"):
            self.add_error("authorisation_authority", _("Skriv hvem som gir autorisasjonen."))
        return cleaned


@admin.register(Occupation)
class OccupationAdmin(InvalidatesPageCache, admin.ModelAdmin):
    form = OccupationForm
    list_display = ["title", "status", "published_at", "latest_review_on", "updated_at"]
    list_filter = ["status", NotReviewedFilter]
    search_fields = ["title", "alternative_titles__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["job_titles", "styrk_groups", "trades"]
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    inlines = [
        AlternativeTitleInline,
        DutyInline,
        WorkplaceInline,
        OccupationEducationInline,
        QualityReviewInline,
    ]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "title_plural", "slug", "status", "published_at"]}),
        (_("Bilde"), {"fields": ["image", "image_alt", "image_caption", "image_credit"]}),
        (_("Ingress og beskrivelse"), {"fields": ["lead", "description", "duties_intro"]}),
        (
            _("Selvstendige oppgaver og autorisasjon"),
            {
                "fields": [
                    "delegated_tasks",
                    "authorisation_required",
                    "authorisation_authority",
                    "authorisation_text",
                ]
            },
        ),
        (_("Hvor de jobber"), {"fields": ["workplaces_text"]}),
        (_("Personlige egenskaper"), {"fields": ["personal_traits"]}),
        (_("Utdanning"), {"fields": ["education_text"]}),
        (_("Koder og lærefag"), {"fields": ["job_titles", "styrk_groups", "trades"]}),
        (_("Historikk"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_latest_review()

    @admin.display(description=_("sist kvalitetssikret"), ordering="latest_review_on")
    def latest_review_on(self, obj):
        return obj.latest_review_on

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data and obj.image:
            image_renditions_create(field_file=obj.image)
        if change and "slug" in form.changed_data:
            occupation_slug_changed(occupation=obj, old_slug=form.initial.get("slug"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if {"job_titles", "trades"} & set(form.changed_data):
            occupation_employers_refresh(occupations=[form.instance])
        search_index_update(occupations=[form.instance])

    @admin.action(description=_("Publiser valgte yrker"), permissions=["change"])
    def publish(self, request, queryset):
        drafts = list(queryset.filter(status=Occupation.Status.DRAFT))
        for occupation in drafts:
            occupation_publish(occupation=occupation)
        self.message_user(
            request,
            ngettext("%d yrke ble publisert.", "%d yrker ble publisert.", len(drafts))
            % len(drafts),
            messages.SUCCESS,
        )

    @admin.action(description=_("Avpubliser valgte yrker"), permissions=["change"])
    def unpublish(self, request, queryset):
        published = list(queryset.published())
        for occupation in published:
            occupation_unpublish(occupation=occupation)
        self.message_user(
            request,
            ngettext("%d yrke ble avpublisert.", "%d yrker ble avpublisert.", len(published))
            % len(published),
            messages.SUCCESS,
        )


class GraduateOutcomeInline(admin.TabularInline):
    model = GraduateOutcome
    autocomplete_fields = ["styrk_group"]
    extra = 0


@admin.register(Education)
class EducationAdmin(InvalidatesPageCache, admin.ModelAdmin):
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
class ReviewOrganisationAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["old_slug", "occupation", "created_at"]
    search_fields = ["old_slug", "occupation__title"]
    autocomplete_fields = ["occupation"]
