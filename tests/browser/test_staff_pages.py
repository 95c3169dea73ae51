"""The staff pages added for login safety and job-title mapping, in a real browser with axe."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from tests.browser.conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "et-langt-passord-for-test"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        "redaktor", email="redaktor@example.no", password=PASSWORD
    )


def log_in(page, site, password=PASSWORD):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def code_now(page):
    """The code an app set up with the key the page shows would give now."""
    key = b32decode(page.locator("figcaption code").inner_text().replace(" ", ""))
    return f"{totp(key):06d}"


def test_setting_up_and_using_two_step_login(page, live_server, staff, axe_violations):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url)
    assert axe_violations(page) == []  # the admin index with the new user link

    page.click("text=Totrinnsinnlogging")
    assert page.locator("svg.segno").is_visible()
    assert axe_violations(page) == []
    page.fill("#id_token", code_now(page))
    page.click("input[type=submit]")
    assert page.url.endswith("/admin/")

    page.click("#logout-form button")
    log_in(page, live_server.url)
    assert page.url.endswith("/admin/login/kode/")
    assert axe_violations(page) == []
    page.fill("#id_token", "000000")
    page.click("input[type=submit]")
    assert page.locator(".errornote").is_visible()
    assert axe_violations(page) == []


def test_changing_phones(page, live_server, staff, axe_violations):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.browser.test_layout_and_security import watch_csp

    old = TOTPDevice.objects.create(user=staff, name="Telefon", confirmed=True)
    csp_violations = watch_csp(page)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url)
    page.fill("#id_token", f"{totp(old.bin_key):06d}")
    page.click("input[type=submit]")

    page.click("text=Totrinnsinnlogging")
    assert axe_violations(page) == []
    page.click("text=Bytt til en ny telefon")
    assert page.locator("svg.segno").is_visible()
    assert axe_violations(page) == []
    page.fill("#id_token", code_now(page))
    page.click("input[type=submit]")

    assert "Den nye appen er tatt i bruk" in page.locator(".messagelist").inner_text()
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert csp_violations == []


def test_the_lockout_page(page, live_server, staff, axe_violations):
    page.set_viewport_size(DESKTOP)
    for _attempt in range(5):
        log_in(page, live_server.url, password="feil-passord")

    assert page.locator("h1").inner_text() == "Innloggingen er midlertidig sperret"
    assert axe_violations(page) == []


def test_mapping_job_titles_to_an_occupation(page, live_server, staff, axe_violations):
    from tests.factories import JobTitleFactory, OccupationFactory

    JobTitleFactory(code="5134199", name="KLINIKKASSISTENT")
    occupation = OccupationFactory(title="Tannhelsesekretær")
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url)

    page.goto(f"{live_server.url}/admin/classifications/jobtitle/?koblet=nei")
    assert axe_violations(page) == []
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "map_to_occupation")
    page.click("button[name=index]")
    assert axe_violations(page) == []
    page.select_option("#id_occupation", str(occupation.pk))
    page.click("input[name=apply]")

    message = page.locator(".messagelist").inner_text()
    assert "1 stillingstittel ble koblet til Tannhelsesekretær." in message
    assert occupation.job_titles.get().code == "5134199"
