"""Publishing under faults: a double click, a stale publish page, a publication racing cron's,
overlapping cron runs, and a scheduled draft deleted meanwhile. Each ends with the data
consistent and a clear message."""

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from occupations.models import Occupation
from occupations.services import (
    PublishError,
    PublishingBusy,
    occupation_draft_create,
    occupation_draft_publish,
    occupation_publish_schedule,
    occupations_publish_due,
)
from tests.factories import OccupationFactory
from tests.locks import held_elsewhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(editor):
    return OccupationFactory(title="Rørlegger", slug="rorlegger", lead="Gammel ingress.")


@pytest.fixture
def draft(published, editor):
    draft = occupation_draft_create(occupation=published, by=editor)
    Occupation.all_objects.filter(pk=draft.pk).update(lead="Ny ingress.")
    return Occupation.all_objects.get(pk=draft.pk)


def publish_page(draft):
    return reverse("admin:occupations_occupation_publish", args=[draft.pk])


def messages_of(response):
    """The messages this response added (the test client follows no redirect, so the
    earlier responses' messages are still queued before them)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1:]


def test_a_double_clicked_publish_publishes_once_and_says_so(editor_client, draft, published):
    data = {"lock_version": draft.lock_version}
    first = editor_client.post(publish_page(draft), data)
    second = editor_client.post(publish_page(draft), data)  # the draft is gone now

    change = reverse("admin:occupations_occupation_change", args=[published.pk])
    assert (first["Location"], second["Location"]) == (change, change)
    assert messages_of(second) == ["Utkastet er allerede publisert på «Rørlegger»."]
    published.refresh_from_db()
    assert published.lead == "Ny ingress."
    assert published.history.filter(history_change_reason="Publisert").count() == 1


def test_a_new_occupation_published_twice_is_published_once(editor_client):
    new = OccupationFactory(draft=True, title="Brønnborer")
    data = {"lock_version": new.lock_version}
    editor_client.post(publish_page(new), data)
    second = editor_client.post(publish_page(new), data)
    assert messages_of(second) == ["«Brønnborer» er allerede publisert."]
    assert new.history.filter(history_change_reason="Publisert").count() == 1


def test_the_lock_version_is_compared_under_the_row_lock(draft, editor):
    """Finding 3: the publish page compared the version before taking the lock, so a save in
    between was published unseen. The service compares it on the locked row."""
    seen = draft.lock_version
    Occupation.all_objects.filter(pk=draft.pk).update(
        lead="Endret av en annen.", lock_version=seen + 1
    )
    with pytest.raises(PublishError, match="endret siden du åpnet siden"):
        occupation_draft_publish(draft=draft, by=editor, expected_version=seen)
    assert Occupation.objects.get(slug="rorlegger").lead == "Gammel ingress."


def test_a_stale_publish_page_is_refused_with_a_message(editor_client, draft):
    response = editor_client.post(publish_page(draft), {"lock_version": draft.lock_version - 1})
    assert response["Location"] == publish_page(draft)
    assert messages_of(response) == [
        "Utkastet er endret siden du åpnet siden. Se over endringene før du publiserer."
    ]
    assert Occupation.objects.get(slug="rorlegger").lead == "Gammel ingress."


def test_cron_and_an_editor_publishing_the_same_draft(editor_client, draft, editor, published):
    at = timezone.now() + datetime.timedelta(hours=1)
    occupation_publish_schedule(draft=draft, at=at, by=editor)
    page_opened_at = Occupation.all_objects.get(pk=draft.pk).lock_version

    done, failed = occupations_publish_due(now=at)  # cron first
    response = editor_client.post(publish_page(draft), {"lock_version": page_opened_at})

    assert ([o.pk for o in done], failed) == ([published.pk], [])
    assert messages_of(response) == ["Utkastet er allerede publisert på «Rørlegger»."]
    assert published.history.filter(history_change_reason="Publisert").count() == 1


def test_an_editor_first_then_cron_finds_nothing_to_do(editor_client, draft, editor):
    at = timezone.now() + datetime.timedelta(hours=1)
    occupation_publish_schedule(draft=draft, at=at, by=editor)
    version = Occupation.all_objects.get(pk=draft.pk).lock_version
    editor_client.post(publish_page(draft), {"lock_version": version})

    assert occupations_publish_due(now=at) == ([], [])


def test_a_scheduled_draft_deleted_meanwhile_is_skipped(draft, editor, published):
    at = timezone.now() - datetime.timedelta(minutes=1)
    occupation_publish_schedule(draft=draft, at=at + datetime.timedelta(hours=1), by=editor)
    Occupation.all_objects.filter(pk=draft.pk).update(publish_scheduled_at=at)
    due = list(Occupation.all_objects.filter(publish_scheduled_at__lte=timezone.now()))
    draft.delete()  # an editor deletes it while cron holds the list

    out = io.StringIO()
    call_command("publish_due", stdout=out)

    assert due  # the run would have published it
    assert "Published 0 occupation(s)." in out.getvalue()
    assert Occupation.objects.get(pk=published.pk).lead == "Gammel ingress."


def test_overlapping_cron_runs_publish_once(draft, editor, settings, tmp_path):
    settings.IMPORT_LOCK_DIR = tmp_path / "locks"
    at = timezone.now() - datetime.timedelta(minutes=1)
    occupation_publish_schedule(draft=draft, at=at + datetime.timedelta(hours=1), by=editor)
    Occupation.all_objects.filter(pk=draft.pk).update(publish_scheduled_at=at)

    with held_elsewhere("publish-due"):  # a run still going
        with pytest.raises(PublishingBusy):
            occupations_publish_due()
        out = io.StringIO()
        call_command("publish_due", stdout=out)
        assert "Another run is publishing right now" in out.getvalue()
    assert Occupation.all_objects.filter(pk=draft.pk).exists()

    done, _failed = occupations_publish_due()
    assert len(done) == 1
