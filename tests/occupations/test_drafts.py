"""Drafts beside the published page: the public keeps the published version until a Redaktør
publishes the draft; publishing copies the draft onto the published row."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from occupations.models import Duty, Occupation, SlugRedirect
from occupations.services import (
    PublishError,
    occupation_draft_create,
    occupation_draft_publish,
    occupation_publish_schedule,
    occupations_publish_due,
)
from tests.factories import (
    AlternativeTitleFactory,
    DutyFactory,
    JobTitleFactory,
    OccupationEducationFactory,
    OccupationFactory,
    QualityReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(editor):
    occupation = OccupationFactory(title="Rørlegger", slug="rorlegger", lead="Gammel ingress.")
    DutyFactory(occupation=occupation, text="legge rør", position=0)
    DutyFactory(occupation=occupation, text="reparere lekkasjer", position=1)
    AlternativeTitleFactory(occupation=occupation, title="VVS-montør")
    OccupationEducationFactory(occupation=occupation)
    occupation.job_titles.add(JobTitleFactory())
    return occupation


def test_a_working_draft_copies_the_page_and_its_lists(published, editor):
    draft = occupation_draft_create(occupation=published, by=editor)

    assert draft.pk != published.pk
    assert draft.draft_of == published
    assert draft.status == Occupation.Status.DRAFT
    assert draft.lead == "Gammel ingress."
    assert [d.text for d in draft.duties.all()] == ["legge rør", "reparere lekkasjer"]
    assert [t.title for t in draft.alternative_titles.all()] == ["VVS-montør"]
    assert draft.programmes.count() == 1
    assert set(draft.job_titles.all()) == set(published.job_titles.all())
    # the same draft again, not a second one
    assert occupation_draft_create(occupation=published, by=editor) == draft


def test_public_queries_never_show_a_working_draft(published, editor, client):
    draft = occupation_draft_create(occupation=published, by=editor)
    draft.lead = "Ny ingress i utkastet."
    draft.save()

    assert list(Occupation.objects.all()) == [published]
    assert draft in Occupation.all_objects.all()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Gammel ingress." in page
    assert "Ny ingress i utkastet." not in page
    assert client.get("/yrker/").content.decode().count("Rørlegger") == 1


def test_publishing_a_draft_updates_the_published_row_and_removes_the_draft(
    published, editor, client
):
    review = QualityReviewFactory(occupation=published)
    draft = occupation_draft_create(occupation=published, by=editor)
    draft.lead = "Ny ingress."
    draft.slug = "rorlegger-ny"
    draft.save()
    Duty.objects.filter(occupation=draft, text="legge rør").update(text="legge nye rør")

    result = occupation_draft_publish(draft=draft, by=editor)

    assert result.pk == published.pk
    published.refresh_from_db()
    assert published.lead == "Ny ingress."
    assert published.is_published
    assert [d.text for d in published.duties.all()] == ["legge nye rør", "reparere lekkasjer"]
    assert not Occupation.all_objects.filter(pk=draft.pk).exists()
    assert list(published.reviews.all()) == [review]
    assert SlugRedirect.objects.get(old_slug="rorlegger").occupation == published
    assert "Ny ingress." in client.get("/yrker/rorlegger-ny/").content.decode()


def test_a_draft_cannot_take_another_occupations_address(published, editor):
    OccupationFactory(slug="opptatt")
    draft = occupation_draft_create(occupation=published, by=editor)
    draft.slug = "opptatt"
    draft.save()

    with pytest.raises(PublishError, match="opptatt"):
        occupation_draft_publish(draft=draft, by=editor)


def test_scheduled_publishing_waits_for_its_time(published, editor):
    draft = occupation_draft_create(occupation=published, by=editor)
    draft.lead = "Planlagt ingress."
    draft.save()
    new = OccupationFactory(draft=True, title="Nytt yrke")
    at = timezone.now() + datetime.timedelta(hours=2)
    occupation_publish_schedule(draft=draft, at=at, by=editor)
    occupation_publish_schedule(draft=new, at=at, by=editor)

    assert occupations_publish_due(now=at - datetime.timedelta(minutes=1)) == ([], [])
    published.refresh_from_db()
    assert published.lead == "Gammel ingress."

    done, failed = occupations_publish_due(now=at)

    assert failed == []
    assert {o.pk for o in done} == {published.pk, new.pk}
    published.refresh_from_db()
    new.refresh_from_db()
    assert published.lead == "Planlagt ingress."
    assert new.is_published
    assert new.publish_scheduled_at is None
    assert published.history.first().history_user == editor


def test_publish_due_command(published, editor, capsys):
    draft = occupation_draft_create(occupation=published, by=editor)
    occupation_publish_schedule(
        draft=draft, at=timezone.now() - datetime.timedelta(minutes=1), by=editor
    )

    call_command("publish_due")

    assert "1" in capsys.readouterr().out
    assert not Occupation.all_objects.filter(pk=draft.pk).exists()


def test_an_unpublished_page_can_be_published_again(editor):
    from occupations.services import occupation_unpublish

    occupation = OccupationFactory()
    occupation_unpublish(occupation=occupation, by=editor)
    assert occupation in Occupation.objects.awaiting_publication()

    occupation_draft_publish(draft=occupation, by=editor)

    occupation.refresh_from_db()
    assert occupation.is_published
    assert [v.history_change_reason for v in occupation.history.all()[:2]] == [
        "Publisert",
        "Avpublisert",
    ]
