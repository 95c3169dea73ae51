"""The editorial workflow through the admin: two editors, preview, history and restore, the
publish page, scheduling and the review dashboard."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from occupations.models import Occupation
from tests.admin_forms import admin_form_data
from tests.factories import (
    DutyFactory,
    OccupationFactory,
    QualityReviewFactory,
    ReviewOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def change_url(occupation):
    return reverse("admin:occupations_occupation_change", args=[occupation.pk])


def start_draft(client, occupation):
    client.post(reverse("admin:occupations_occupation_draft", args=[occupation.pk]))
    return Occupation.all_objects.get(draft_of=occupation)


@pytest.fixture
def second_editor_client(django_user_model):
    user = django_user_model.objects.create_superuser("redaktor2", "r2@example.no", None)
    client = Client()
    client.force_login(user)
    return client


def test_published_page_is_read_only_and_offers_a_draft(editor_client):
    occupation = OccupationFactory(lead="Publisert ingress.")

    page = editor_client.get(change_url(occupation))

    html = page.content.decode()
    assert "Rediger som utkast" in html
    assert editor_client.post(change_url(occupation), {"lead": "x"}).status_code == 403


def test_second_editor_gets_a_conflict_showing_what_changed(editor_client, second_editor_client):
    occupation = OccupationFactory(draft=True, lead="Opprinnelig ingress.")
    occupation.save()  # a recorded version to compare with
    DutyFactory(occupation=occupation, text="første oppgave")
    first = admin_form_data(editor_client.get(change_url(occupation)))
    second = admin_form_data(second_editor_client.get(change_url(occupation)))

    first["lead"] = "Ingress fra første redaktør."
    assert editor_client.post(change_url(occupation), first).status_code == 302

    second["title"] = "Tittel fra andre redaktør"
    response = second_editor_client.post(change_url(occupation), second)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Noen andre har lagret dette yrket mens du redigerte (redaktor)" in html
    assert "ingenting er overskrevet" in html
    assert "<ins>fra første redaktør.</ins>" in html  # what the first editor changed
    occupation.refresh_from_db()
    assert occupation.lead == "Ingress fra første redaktør."
    assert occupation.title != "Tittel fra andre redaktør"


def test_stale_form_is_refused_even_for_the_same_editor(editor_client):
    occupation = OccupationFactory(draft=True)
    stale = admin_form_data(editor_client.get(change_url(occupation)))
    fresh = dict(stale)
    assert editor_client.post(change_url(occupation), fresh).status_code == 302

    response = editor_client.post(change_url(occupation), stale)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_preview_shows_the_draft_to_staff_and_nothing_to_the_public(editor_client):
    client = Client()
    occupation = OccupationFactory(lead="Publisert ingress.")
    draft = start_draft(editor_client, occupation)
    data = admin_form_data(editor_client.get(change_url(draft)))
    data["lead"] = "Ingress i utkastet."
    assert editor_client.post(change_url(draft), data).status_code == 302
    preview = reverse("occupations:preview", args=[draft.pk])

    html = editor_client.get(preview).content.decode()
    assert "Ingress i utkastet." in html
    assert "Forhåndsvisning av et utkast" in html
    assert client.get(preview).status_code == 404
    public = client.get(occupation.get_absolute_url()).content.decode()
    assert "Publisert ingress." in public
    assert "Ingress i utkastet." not in public


def test_history_lists_versions_with_who_and_diffs_fields_and_lists(editor_client, editor):
    occupation = OccupationFactory(lead="Første ingress.")
    DutyFactory(occupation=occupation, text="gammel oppgave")
    draft = start_draft(editor_client, occupation)
    data = admin_form_data(editor_client.get(change_url(draft)))
    data["lead"] = "Andre ingress."
    index = next(k.split("-")[1] for k, v in data.items() if v == "gammel oppgave")
    data[f"duties-{index}-text"] = "ny oppgave"
    assert editor_client.post(change_url(draft), data).status_code == 302

    history = editor_client.get(
        reverse("admin:occupations_occupation_history", args=[occupation.pk])
    )
    versions = history.context["versions"]
    reasons = [v.history_change_reason for v in versions]
    assert reasons == ["Lagret", "Utkast opprettet", None]  # None: created by the factory
    assert all(v.history_user == editor for v in versions[:2])

    compare = editor_client.get(
        reverse("admin:occupations_occupation_compare", args=[occupation.pk]),
        {"fra": versions[1].history_id, "til": versions[0].history_id},
    )
    fields = {change.name: change for change in compare.context["fields"]}
    assert set(fields) == {"lead"}
    assert ("del", "Første") in fields["lead"].segments
    assert ("ins", "Andre") in fields["lead"].segments
    (duties,) = compare.context["lists"]
    assert (duties.removed, duties.added) == (["gammel oppgave"], ["ny oppgave"])
    html = compare.content.decode()
    assert "<del>gammel oppgave</del>" in html
    assert "<ins>ny oppgave</ins>" in html


def test_restoring_an_old_version_makes_a_draft_and_leaves_the_page(editor_client):
    client = Client()
    occupation = OccupationFactory(lead="Gammel ingress.")
    DutyFactory(occupation=occupation, text="gammel oppgave")
    occupation.save()  # recorded: the old version
    old = occupation.history.first()
    draft = start_draft(editor_client, occupation)
    data = admin_form_data(editor_client.get(change_url(draft)))
    data["lead"] = "Ny ingress."
    data["duties-0-DELETE"] = "on"
    editor_client.post(change_url(draft), data)
    url = reverse("admin:occupations_occupation_publish", args=[draft.pk])
    editor_client.post(
        url, {"lock_version": Occupation.all_objects.get(pk=draft.pk).lock_version, "_publish": "1"}
    )
    occupation.refresh_from_db()
    assert occupation.lead == "Ny ingress."
    assert not occupation.duties.exists()

    response = editor_client.post(
        reverse("admin:occupations_occupation_restore", args=[occupation.pk, old.history_id])
    )

    restored = Occupation.all_objects.get(draft_of=occupation)
    assert response["Location"] == change_url(restored)
    assert restored.lead == "Gammel ingress."
    assert [d.text for d in restored.duties.all()] == ["gammel oppgave"]
    assert "Ny ingress." in client.get(occupation.get_absolute_url()).content.decode()


def test_publish_page_shows_the_changes_and_schedules(editor_client):
    occupation = OccupationFactory(lead="Publisert ingress.")
    draft = start_draft(editor_client, occupation)
    Occupation.all_objects.filter(pk=draft.pk).update(lead="Planlagt ingress.")
    url = reverse("admin:occupations_occupation_publish", args=[draft.pk])

    page = editor_client.get(url)
    assert "<ins>Planlagt</ins>" in page.content.decode()

    at = timezone.localtime() + datetime.timedelta(days=1)
    response = editor_client.post(
        url,
        {
            "lock_version": page.context["form"]["lock_version"].value(),
            "publish_at": at.strftime("%Y-%m-%dT%H:%M"),
            "_schedule": "1",
        },
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.publish_scheduled_at is not None
    occupation.refresh_from_db()
    assert occupation.lead == "Publisert ingress."


def test_a_schedule_in_the_past_is_refused(editor_client):
    draft = OccupationFactory(draft=True)
    url = reverse("admin:occupations_occupation_publish", args=[draft.pk])
    response = editor_client.post(
        url,
        {"lock_version": draft.lock_version, "publish_at": "2001-01-01T10:00", "_schedule": "1"},
    )
    assert response.status_code == 200
    assert "fram i tid" in response.content.decode()


def test_publishing_a_draft_changed_since_the_page_opened_is_refused(editor_client):
    draft = OccupationFactory(draft=True)
    url = reverse("admin:occupations_occupation_publish", args=[draft.pk])
    editor_client.post(url, {"lock_version": draft.lock_version - 1, "_publish": "1"})
    draft.refresh_from_db()
    assert not draft.is_published


def test_dashboard_buckets_by_review_age_and_lists_waiting_drafts(editor_client):
    today = timezone.localdate()
    never = OccupationFactory(title="Aldri")
    old = QualityReviewFactory(
        reviewed_on=today - datetime.timedelta(days=800), occupation__title="Gammel"
    ).occupation
    middle = QualityReviewFactory(
        reviewed_on=today - datetime.timedelta(days=500), occupation__title="Middels"
    ).occupation
    fresh = QualityReviewFactory(
        reviewed_on=today - datetime.timedelta(days=30), occupation__title="Fersk"
    ).occupation
    new = OccupationFactory(draft=True, title="Nytt utkast")
    draft = start_draft(editor_client, fresh)

    response = editor_client.get(reverse("admin:occupations_occupation_dashboard"))

    buckets = {b.key: b for b in response.context["buckets"]}
    assert buckets["never"].occupations == [never, new]
    assert buckets["over-24"].occupations == [old]
    assert buckets["over-12"].occupations == [middle]
    assert buckets["recent"].occupations == [fresh]
    assert [b.count for b in response.context["buckets"]] == [2, 1, 1, 1]
    assert set(response.context["waiting"]) == {new, draft}
    html = response.content.decode()
    assert "Aldri kvalitetssikret (2)" in html
    assert "Venter på publisering (2)" in html


def test_public_page_shows_the_latest_review_stamp(client):
    occupation = OccupationFactory()
    organisation = ReviewOrganisationFactory(name="Fagforbundet")
    QualityReviewFactory(occupation=occupation, reviewed_on=datetime.date(2020, 1, 5))
    QualityReviewFactory(
        occupation=occupation, organisation=organisation, reviewed_on=datetime.date(2024, 3, 7)
    )

    html = client.get(occupation.get_absolute_url()).content.decode()

    assert "Sist kvalitetssikret den 7. mars 2024, av Fagforbundet" in html


def test_never_reviewed_filter(editor_client):
    never = OccupationFactory()
    QualityReviewFactory()
    response = editor_client.get(
        reverse("admin:occupations_occupation_changelist"), {"kvalitetssikret": "aldri"}
    )
    assert list(response.context["cl"].queryset) == [never]


def test_ids_in_admin_forms_and_links_are_not_grouped_as_numbers(editor_client):
    """Bokmål groups numbers ("6 324"); an id in a form value or a link must stay "6324"."""
    occupation = OccupationFactory(pk=6324)
    versions = Occupation.history.model.objects.filter(id=occupation.pk)
    versions.update(history_id=7324)

    history = editor_client.get(
        reverse("admin:occupations_occupation_history", args=[occupation.pk])
    ).content.decode()
    change = editor_client.get(change_url(occupation)).content.decode()

    assert 'value="7324"' in history
    assert "?occupation=6324" in change
