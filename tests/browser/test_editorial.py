"""An editor walks through edit → preview → publish in the admin; axe checks the admin pages
the editorial workflow added."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from roles.definitions import REDAKTOR, roles_setup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "et-langt-passord-for-nettleseren"


@pytest.fixture
def redaktor(django_user_model):
    roles_setup()
    user = django_user_model.objects.create_user(
        "redaktor", password=PASSWORD, is_staff=True, first_name="Rita"
    )
    user.groups.add(Group.objects.get(name=REDAKTOR))
    return user


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_editor_edits_previews_and_publishes(
    page, browser, live_server, demo_content, redaktor, axe_violations
):
    from occupations.models import Occupation

    occupation = Occupation.objects.get(slug="tannhelsesekretaer")
    log_in(page, live_server)

    page.goto(f"{live_server.url}/admin/occupations/occupation/{occupation.pk}/change/")
    page.get_by_role("button", name="Rediger som utkast").click()
    page.wait_for_url(re.compile(r"/change/$"))
    draft = Occupation.all_objects.get(draft_of=occupation)
    assert f"/{draft.pk}/change/" in page.url
    # Django renders the change form; what the workflow adds to it is checked.
    assert axe_violations(page, include=[".editorial-notice", ".object-tools"]) == []

    page.fill("#id_lead", "Tannhelsesekretærer tar imot pasienter i resepsjonen.")
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert "ble endret" in page.content() or "was changed" in page.content()

    with page.expect_navigation():
        page.get_by_role("link", name="Forhåndsvis").click()
    assert "imot pasienter i resepsjonen" in page.locator(".lead").inner_text()
    assert "Forhåndsvisning av et utkast" in page.content()

    public = browser.new_page()
    public.goto(f"{live_server.url}/yrker/tannhelsesekretaer/")
    assert "imot pasienter i resepsjonen" not in public.locator(".lead").inner_text()

    page.goto(f"{live_server.url}/admin/occupations/occupation/{occupation.pk}/history/")
    assert axe_violations(page) == [], "history"
    with page.expect_navigation():
        page.get_by_role("button", name="Sammenlign valgte versjoner").click()
    # Waits for the compare page (under load the click's navigation can resolve first).
    expect(page.locator("ins", has_text="resepsjonen").first).to_be_visible()
    assert axe_violations(page) == [], "compare"

    page.goto(f"{live_server.url}/admin/occupations/occupation/oversikt/")
    assert "Tannhelsesekretær" in page.locator(".editorial-waiting").inner_text()
    assert axe_violations(page) == [], "dashboard"

    page.goto(f"{live_server.url}/admin/occupations/occupation/{draft.pk}/publiser/")
    assert axe_violations(page) == [], "publish page"
    with page.expect_navigation():
        page.get_by_role("button", name="Publiser nå").click()

    assert "er publisert" in page.content()
    public = browser.new_page()  # a new visitor: the first one's browser may keep the old page
    public.goto(f"{live_server.url}/yrker/tannhelsesekretaer/")
    assert "imot pasienter i resepsjonen" in public.locator(".lead").inner_text()
    assert "Sist kvalitetssikret den" in public.content()
    assert not Occupation.all_objects.filter(draft_of=occupation).exists()
