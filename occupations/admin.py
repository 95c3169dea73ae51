from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from changes.admin import RecordsChanges
from norwegian.slugs import norwegian_slugify
from occupations.history import (
    Version,
    occupation_version_record,
    occupation_versions,
    version_diff,
)
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
from occupations.reviews import review_buckets, years_before
from occupations.richtext import RICH_TEXT_FIELDS, RICH_TEXT_HELP
from occupations.services import (
    PublishError,
    occupation_draft_create,
    occupation_draft_publish,
    occupation_publish_schedule,
    occupation_publish_unschedule,
    occupation_slug_changed,
    occupation_unpublish,
    occupation_version_restore,
)

# The history page lists this many newest versions (every version stays in the database).
HISTORY_LIMIT = 200


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


class OccupationForm(forms.ModelForm):
    """OccupationAdmin supplies the model and fields; this adds the editors' checks and the
    optimistic lock: the form carries the version number it was opened at, and saving is
    refused when someone else has saved since."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RICH_TEXT_FIELDS:
            if name in self.fields:
                self.fields[name].help_text = RICH_TEXT_HELP
        # Filled from the title when left empty, so the page also works without JavaScript.
        if "slug" in self.fields:
            self.fields["slug"].required = False
        self.fields["opened_version"].initial = self.instance.lock_version
        self.conflict = None

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or norwegian_slugify(self.cleaned_data.get("title"))
        if not slug:
            raise forms.ValidationError(_("Skriv en adresse, for eksempel «rorlegger»."))
        own = {self.instance.pk, self.instance.draft_of_id} - {None}
        clash = Occupation.all_objects.filter(slug=slug).exclude(pk__in=own)
        if self.instance.pk:
            clash = clash.exclude(draft_of=self.instance)
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

    def check_lock(self):
        """Refuse the save if the occupation was saved since this form was opened; then
        `conflict` holds who saved and what changed. Locks the row until the save ends."""
        if not self.instance.pk:
            return
        current = Occupation.all_objects.select_for_update().filter(pk=self.instance.pk).first()
        opened_at = self.cleaned_data.get("opened_version")
        if current is None or opened_at == current.lock_version:
            return
        versions = Occupation.history.model.objects.filter(id=current.pk)
        base = versions.filter(lock_version=opened_at).order_by("-history_id").first()
        latest = versions.select_related("history_user").order_by("-history_id").first()
        fields, lists = [], []
        if base is not None:
            fields, lists = version_diff(
                Version.from_record(base), Version.from_occupation(current)
            )
        self.conflict = {"latest": latest, "fields": fields, "lists": lists}
        who = latest.history_user if latest is not None else None
        message = _(
            "Noen andre har lagret dette yrket mens du redigerte%(who)s. Endringene dine er "
            "ikke lagret, så ingenting er overskrevet. Se hva som ble endret nedenfor, åpne "
            "siden på nytt og gjør endringene dine en gang til."
        ) % {"who": f" ({who.get_full_name() or who.get_username()})" if who else ""}
        raise forms.ValidationError(message, code="conflict")

    def clean(self):
        cleaned = super().clean()
        self.check_lock()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Beskriv bildet for dem som ikke ser det."))
        if cleaned.get("authorisation_required") and not cleaned.get("authorisation_authority"):
            self.add_error("authorisation_authority", _("Skriv hvem som gir autorisasjonen."))
        return cleaned


@admin.register(Occupation)
class OccupationAdmin(RecordsChanges, admin.ModelAdmin):
    """Published occupations are read-only here: editors change them in a working draft
    ("Rediger som utkast"), which a Redaktør publishes (now or at a set time)."""

    form = OccupationForm
    change_form_template = "admin/occupations/occupation/change_form.html"
    list_display = ["title", "state", "published_at", "latest_review_on", "updated_at"]
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

    # Editorial pages -----------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "oversikt/",
                view(self.dashboard_view),
                name="occupations_occupation_dashboard",
            ),
            path(
                "<int:pk>/utkast/",
                view(self.draft_view),
                name="occupations_occupation_draft",
            ),
            path(
                "<int:pk>/publiser/",
                view(self.publish_view),
                name="occupations_occupation_publish",
            ),
            path(
                "<int:pk>/avpubliser/",
                view(self.unpublish_view),
                name="occupations_occupation_unpublish",
            ),
            path(
                "<int:pk>/historikk/sammenlign/",
                view(self.compare_view),
                name="occupations_occupation_compare",
            ),
            path(
                "<int:pk>/historikk/<int:history_id>/gjenopprett/",
                view(self.restore_view),
                name="occupations_occupation_restore",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, occupation, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": occupation,
            "title": title,
            "has_publish_permission": self.has_publish_permission(request),
            "has_change_permission": super().has_change_permission(request),
            **extra,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_publish_permission": self.has_publish_permission(request),
            "can_edit_drafts": super().has_change_permission(request),
            "can_record_reviews": request.user.has_perm("occupations.add_qualityreview"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context.get("adminform") and context["adminform"].form
        context["conflict"] = getattr(form, "conflict", None)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def draft_view(self, request, pk):
        """'Rediger som utkast': open (creating it if needed) the working draft."""
        self._require(request.method == "POST")
        self._require(super().has_change_permission(request))
        occupation = get_object_or_404(Occupation.objects, pk=pk)
        if not occupation.is_published:
            return redirect("admin:occupations_occupation_change", occupation.pk)
        draft = occupation_draft_create(occupation=occupation, by=request.user)
        return redirect("admin:occupations_occupation_change", draft.pk)

    def _gone(self, request, pk):
        """Where a publish page leads when its draft is no longer waiting: to the page it was
        published as (a second click, or cron came first), or back to the list."""
        draft = Occupation.all_objects.filter(pk=pk).first()
        if draft is not None:  # a new occupation that is public now
            self.message_user(request, _("«%(title)s» er allerede publisert.") % {"title": draft})
            return redirect("admin:occupations_occupation_change", draft.pk)
        last = Occupation.history.model.objects.filter(id=pk).order_by("-history_id").first()
        page = last and Occupation.objects.filter(pk=last.draft_of_id).first()
        if page is not None and page.is_published:
            self.message_user(
                request, _("Utkastet er allerede publisert på «%(title)s».") % {"title": page}
            )
            return redirect("admin:occupations_occupation_change", page.pk)
        self.message_user(
            request, _("Utkastet finnes ikke lenger; det er slettet."), messages.WARNING
        )
        return redirect("admin:occupations_occupation_changelist")

    def publish_view(self, request, pk):
        """Publish a draft now or at a set time, after seeing what will change. The lock
        version the page was opened at is compared under the row lock, in the service."""
        self._require(self.has_publish_permission(request))
        draft = Occupation.all_objects.awaiting_publication().filter(pk=pk).first()
        if draft is None:
            return self._gone(request, pk)
        form = PublishForm(request.POST or None, initial={"lock_version": draft.lock_version})
        if request.method == "POST" and form.is_valid():
            seen = form.cleaned_data["lock_version"]
            at = form.cleaned_data.get("publish_at")
            if "_schedule" in request.POST and (at is None or at <= timezone.now()):
                form.add_error("publish_at", _("Velg et tidspunkt fram i tid."))
            else:
                try:
                    return self._publish_post(request, draft, seen, at)
                except PublishError as error:
                    self.message_user(request, str(error), messages.ERROR)
                    if not Occupation.all_objects.awaiting_publication().filter(pk=pk).exists():
                        return self._gone(request, pk)
                    return redirect("admin:occupations_occupation_publish", draft.pk)
        fields, lists = [], []
        if draft.draft_of_id:
            fields, lists = version_diff(
                Version.from_occupation(draft.draft_of), Version.from_occupation(draft)
            )
        return TemplateResponse(
            request,
            "admin/occupations/occupation/publish.html",
            self._context(
                request,
                draft,
                _("Publiser «%(title)s»") % {"title": draft.title},
                form=form,
                fields=fields,
                lists=lists,
            ),
        )

    def _publish_post(self, request, draft, seen, at):
        by = request.user
        if "_unschedule" in request.POST:
            occupation_publish_unschedule(draft=draft, by=by, expected_version=seen)
            self.message_user(request, _("Den planlagte publiseringen er avbrutt."))
            return redirect("admin:occupations_occupation_change", draft.pk)
        if "_schedule" in request.POST:
            occupation_publish_schedule(draft=draft, at=at, by=by, expected_version=seen)
            when = timezone.localtime(at).strftime("%d.%m.%Y kl. %H:%M")
            self.message_user(request, _("Utkastet publiseres %(when)s.") % {"when": when})
            return redirect("admin:occupations_occupation_change", draft.pk)
        published = occupation_draft_publish(draft=draft, by=by, expected_version=seen)
        self.message_user(request, _("«%(title)s» er publisert.") % {"title": published.title})
        return redirect("admin:occupations_occupation_change", published.pk)

    def unpublish_view(self, request, pk):
        self._require(request.method == "POST" and self.has_publish_permission(request))
        occupation = get_object_or_404(Occupation.objects.published(), pk=pk)
        occupation_unpublish(occupation=occupation, by=request.user)
        self.message_user(request, _("«%(title)s» er avpublisert.") % {"title": occupation.title})
        return redirect("admin:occupations_occupation_change", occupation.pk)

    def history_view(self, request, object_id, extra_context=None):
        """Every version of the occupation and its drafts, with who and when; pick two to
        compare, or restore one as a draft."""
        occupation = self.get_object(request, object_id)
        if occupation is None:
            raise Http404
        self._require(self.has_view_permission(request, occupation))
        original = occupation.draft_of or occupation
        return TemplateResponse(
            request,
            "admin/occupations/occupation/history.html",
            self._context(
                request,
                original,
                _("Historikk for «%(title)s»") % {"title": original.title},
                versions=list(occupation_versions(original)[:HISTORY_LIMIT]),
                limit=HISTORY_LIMIT,
            ),
        )

    def compare_view(self, request, pk):
        occupation = get_object_or_404(Occupation.all_objects, pk=pk)
        self._require(self.has_view_permission(request, occupation))
        original = occupation.draft_of or occupation
        versions = occupation_versions(original)
        try:
            old = versions.get(history_id=int(request.GET.get("fra", "")))
            new = versions.get(history_id=int(request.GET.get("til", "")))
        except (ValueError, Occupation.history.model.DoesNotExist):
            raise Http404 from None
        if (old.history_date, old.history_id) > (new.history_date, new.history_id):
            old, new = new, old
        fields, lists = version_diff(Version.from_record(old), Version.from_record(new))
        return TemplateResponse(
            request,
            "admin/occupations/occupation/compare.html",
            self._context(
                request,
                original,
                _("Endringer i «%(title)s»") % {"title": original.title},
                old=old,
                new=new,
                fields=fields,
                lists=lists,
            ),
        )

    def restore_view(self, request, pk, history_id):
        self._require(request.method == "POST" and super().has_change_permission(request))
        occupation = get_object_or_404(Occupation.all_objects, pk=pk)
        original = occupation.draft_of or occupation
        record = get_object_or_404(occupation_versions(original), history_id=history_id)
        draft, missing = occupation_version_restore(record=record, by=request.user)
        self.message_user(
            request,
            _(
                "Versjonen er lagt inn i utkastet. Den publiserte siden er uendret til utkastet "
                "publiseres."
            ),
        )
        if missing:
            self.message_user(
                request,
                _("Finnes ikke lenger og ble utelatt: %(items)s") % {"items": ", ".join(missing)},
                messages.WARNING,
            )
        return redirect("admin:occupations_occupation_change", draft.pk)

    def dashboard_view(self, request):
        """Review age buckets (never, over 24 months, 12–24 months, within 12 months) and
        the drafts waiting for publishing."""
        self._require(self.has_view_permission(request))
        waiting = (
            Occupation.all_objects.awaiting_publication()
            .select_related("draft_of", "publish_scheduled_by")
            .order_by("publish_scheduled_at", "-updated_at")
        )
        return TemplateResponse(
            request,
            "admin/occupations/occupation/dashboard.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Oversikt: kvalitetssikring og publisering"),
                "buckets": review_buckets(today=timezone.localdate()),
                "waiting": waiting,
                "has_publish_permission": self.has_publish_permission(request),
            },
        )


class PublishForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    publish_at = forms.DateTimeField(
        label=_("Publiser senere, dato og klokkeslett"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("Norsk tid. La stå tomt for å publisere nå."),
    )


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
