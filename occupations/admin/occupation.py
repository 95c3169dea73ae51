"""The occupation admin: list, change form with its inlines, saving and bulk actions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from changes.admin import RecordsChanges
from occupations.admin.editorial import EditorialViews
from occupations.admin.forms import OccupationForm
from occupations.history import occupation_version_record
from occupations.images import image_renditions_create
from occupations.models import (
    AlternativeTitle,
    Duty,
    Occupation,
    OccupationEducation,
    QualityReview,
    Workplace,
)
from occupations.reviews import years_before
from occupations.services import (
    PublishError,
    occupation_draft_publish,
    occupation_slug_changed,
    occupation_unpublish,
)

# The history page lists this many newest versions (every version stays in the database).


class NotReviewedFilter(admin.SimpleListFilter):
    title = _("kvalitetssikring")
    parameter_name = "kvalitetssikret"

    def lookups(self, request, model_admin):
        return [
            ("eldre-enn-12-mnd", _("Ikke kvalitetssikret siste 12 måneder")),
            ("eldre-enn-24-mnd", _("Ikke kvalitetssikret siste 24 måneder")),
            ("aldri", _("Aldri kvalitetssikret")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "eldre-enn-12-mnd":
            return queryset.originals().not_reviewed_since(years_before(today, 1))
        if self.value() == "eldre-enn-24-mnd":
            return queryset.originals().not_reviewed_since(years_before(today, 2))
        if self.value() == "aldri":
            return queryset.originals().filter(latest_review_on__isnull=True)
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
    """Reviews as recorded; a Redaktør records them (here on an unpublished page, or under
    Kvalitetssikringer for a published one)."""

    model = QualityReview
    extra = 0
    fields = ["reviewed_on", "organisation", "reviewer", "note"]
    # One line is enough for a note in a table row.
    formfield_overrides = {models.TextField: {"widget": forms.TextInput}}


@admin.register(Occupation)
class OccupationAdmin(RecordsChanges, EditorialViews, admin.ModelAdmin):
    """Published occupations are read-only here: editors change them in a working draft
    ("Rediger som utkast"), which a Redaktør publishes (now or at a set time)."""

    form = OccupationForm
    change_form_template = "admin/occupations/occupation/change_form.html"
    list_display = ["title", "state", "published_at", "latest_review_on", "updated_at"]
    list_filter = ["status", NotReviewedFilter]
    search_fields = ["title", "alternative_titles__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["job_titles", "styrk_groups", "trades", "fields_added", "fields_removed"]
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
        (
            None,
            {
                "fields": [
                    "title",
                    "title_plural",
                    "slug",
                    "status",
                    "published_at",
                    "opened_version",
                ]
            },
        ),
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
        (_("Yrkesområder"), {"fields": ["fields_added", "fields_removed"]}),
        (_("Historikk"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return Occupation.all_objects.with_latest_review().select_related("draft_of")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "draft_of"] if obj is not None and obj.draft_of_id else readonly

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.draft_of_id:
            # Reviews belong to the published page, not to a draft of its text.
            inlines = [i for i in inlines if not isinstance(i, QualityReviewInline)]
        return inlines

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request):
        return request.user.has_perm("occupations.publish_occupation")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False  # edited through its working draft
        return super().has_change_permission(request, obj)

    def _require(self, allowed):
        if not allowed:
            raise PermissionDenied

    @admin.display(description=_("status"))
    def state(self, obj):
        if obj.draft_of_id:
            label = _("Utkast til publisert side")
        elif obj.is_published:
            label = _("Publisert")
        elif obj.published_at:
            label = _("Avpublisert")
        else:
            label = _("Utkast")
        if obj.publish_scheduled_at:
            when = timezone.localtime(obj.publish_scheduled_at).strftime("%d.%m.%Y %H:%M")
            label = _("%(state)s, planlagt publisert %(when)s") % {"state": label, "when": when}
        return label

    @admin.display(description=_("sist kvalitetssikret"), ordering="latest_review_on")
    def latest_review_on(self, obj):
        return obj.latest_review_on

    # Saving --------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if obj.publish_scheduled_at and not self.has_publish_permission(request):
            # A Redaktør scheduled the text as it was; a changed text needs a new decision.
            obj.publish_scheduled_at, obj.publish_scheduled_by = None, None
            self.message_user(
                request,
                _("Den planlagte publiseringen er avbrutt fordi utkastet ble endret."),
                messages.WARNING,
            )
        if change:
            obj.lock_version += 1
        # The version is recorded in save_related, once the lists are saved too.
        obj.save_without_historical_record()
        if "image" in form.changed_data and obj.image:
            image_renditions_create(field_file=obj.image)
        if change and "slug" in form.changed_data and obj.draft_of_id is None:
            occupation_slug_changed(occupation=obj, old_slug=form.initial.get("slug"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # RecordsChanges records it
        occupation_version_record(
            occupation=form.instance,
            by=request.user,
            reason=_("Lagret") if change else _("Opprettet"),
            created=not change,
        )

    # Actions -------------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if (
            request.method == "POST"
            and request.POST.get("action") in {"publish", "unpublish"}
            and not self.has_publish_permission(request)
        ):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Publiser valgte utkast"), permissions=["publish"])
    def publish(self, request, queryset):
        published = 0
        for draft in queryset.awaiting_publication():
            try:
                occupation_draft_publish(draft=draft, by=request.user)
                published += 1
            except PublishError as error:
                self.message_user(request, f"{draft}: {error}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%d yrke ble publisert.", "%d yrker ble publisert.", published) % published,
            messages.SUCCESS,
        )

    @admin.action(description=_("Avpubliser valgte yrker"), permissions=["publish"])
    def unpublish(self, request, queryset):
        published = list(queryset.published())
        for occupation in published:
            occupation_unpublish(occupation=occupation, by=request.user)
        self.message_user(
            request,
            ngettext("%d yrke ble avpublisert.", "%d yrker ble avpublisert.", len(published))
            % len(published),
            messages.SUCCESS,
        )
