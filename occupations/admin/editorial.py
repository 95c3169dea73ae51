"""The editorial pages of the occupation admin: draft, publish, unpublish, history, compare,
restore and the review dashboard (OccupationAdmin mixes them in)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from occupations.admin.forms import PublishForm
from occupations.history import (
    Version,
    occupation_versions,
    version_diff,
)
from occupations.models import Occupation
from occupations.reviews import review_buckets
from occupations.services import (
    PublishError,
    occupation_draft_create,
    occupation_draft_publish,
    occupation_publish_schedule,
    occupation_publish_unschedule,
    occupation_unpublish,
    occupation_version_restore,
)

# The history page lists this many newest versions (every version stays in the database).
HISTORY_LIMIT = 200


class EditorialViews:
    """Views added to OccupationAdmin's URLs; they call the write paths in services.py."""

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
