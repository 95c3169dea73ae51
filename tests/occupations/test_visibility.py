import pytest
from django.urls import reverse

from occupations.models import SlugRedirect
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


def test_draft_is_404_for_the_public(client):
    draft = OccupationFactory(draft=True)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404


def test_draft_renders_for_staff_as_a_preview(editor_client):
    draft = OccupationFactory(draft=True, title="Hemmelig yrke")
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hemmelig yrke" in html
    assert "Forhåndsvisning" in html


def test_staff_without_permission_do_not_see_drafts(client, django_user_model):
    user = django_user_model.objects.create_user("skribent", password="x" * 14, is_staff=True)
    client.force_login(user)
    draft = OccupationFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unknown_slug_gets_a_helpful_404(client):
    response = client.get(reverse("occupations:detail", kwargs={"slug": "finnes-ikke"}))
    assert response.status_code == 404
    html = response.content.decode()
    assert reverse("occupations:index") in html
    assert "<title>" in html
    assert "fant ikke" in html.lower()


def test_old_slug_redirects_permanently(client):
    from occupations.services import occupation_slug_changed

    occupation = OccupationFactory(slug="ny-adresse")
    occupation_slug_changed(occupation=occupation, old_slug="gammel-adresse")

    response = client.get(reverse("occupations:detail", kwargs={"slug": "gammel-adresse"}))

    assert response.status_code == 301
    assert response["Location"] == "/yrker/ny-adresse/"


def test_old_slug_of_a_draft_does_not_redirect_the_public(client):
    from occupations.services import occupation_slug_changed

    occupation = OccupationFactory(slug="ny", draft=True)
    occupation_slug_changed(occupation=occupation, old_slug="gammel")
    assert client.get("/yrker/gammel/").status_code == 404


def test_reusing_an_old_slug_removes_its_redirect(client):
    from occupations.services import occupation_slug_changed

    first = OccupationFactory(slug="forste")
    occupation_slug_changed(occupation=first, old_slug="felles")
    second = OccupationFactory(slug="felles")
    occupation_slug_changed(occupation=second, old_slug=None)

    response = client.get("/yrker/felles/")
    assert response.status_code == 200
    assert second.title in response.content.decode()
    assert not SlugRedirect.objects.filter(old_slug="felles").exists()
