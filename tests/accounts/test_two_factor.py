"""Two-step login with an authenticator app (TOTP): optional, or required by STAFF_2FA_REQUIRED."""

import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import PENDING_KEY
from tests.accounts.conftest import code, code_for, log_in, secret_on
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
LOGIN_CODE = reverse("accounts:login_code")
LOGIN_SETUP = reverse("accounts:login_setup")


def admin_is_open(client):
    return client.get(ADMIN).status_code == 200


def test_without_an_app_the_password_is_enough_by_default(client, staff_user, settings):
    assert settings.STAFF_2FA_REQUIRED is False

    assert log_in(client)["Location"] == ADMIN
    assert admin_is_open(client)


def test_with_an_app_the_password_alone_does_not_log_in(client, authenticator):
    response = log_in(client)

    assert response["Location"] == LOGIN_CODE
    assert not admin_is_open(client)
    page = client.get(LOGIN_CODE).content.decode()
    assert "autentiseringsappen" in page
    assert 'autocomplete="one-time-code"' in page


def test_the_code_from_the_app_completes_the_login(client, authenticator):
    log_in(client)

    response = client.post(LOGIN_CODE, {"token": code(authenticator)})

    assert response["Location"] == ADMIN
    assert admin_is_open(client)


def test_a_wrong_code_is_refused(client, authenticator):
    log_in(client)
    right = code(authenticator)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(LOGIN_CODE, {"token": wrong})

    assert response.status_code == 200
    assert "Koden stemmer ikke" in response.content.decode()
    assert not admin_is_open(client)


def test_repeated_wrong_codes_are_throttled(client, authenticator, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 600  # seconds after the first failure, doubling
    log_in(client)
    wrong = f"{(int(code(authenticator)) + 1) % 1_000_000:06d}"
    client.post(LOGIN_CODE, {"token": wrong})

    # For a while after a failure the device refuses even the right code.
    response = client.post(LOGIN_CODE, {"token": code(authenticator)})

    assert "For mange feil koder" in response.content.decode()
    assert not admin_is_open(client)


def test_the_code_step_expires(client, authenticator):
    log_in(client)
    session = client.session
    session[PENDING_KEY]["until"] = time.time() - 1
    session.save()

    response = client.post(LOGIN_CODE, {"token": code(authenticator)})

    assert response["Location"] == reverse("admin:login")
    assert not admin_is_open(client)


def test_the_code_step_without_a_password_goes_back_to_login(client, authenticator):
    assert client.get(LOGIN_CODE)["Location"] == reverse("admin:login")


def test_the_login_keeps_where_the_editor_was_going(client, authenticator):
    target = reverse("admin:occupations_occupation_changelist")
    client.post(
        reverse("admin:login"),
        {"username": "skribent", "password": "et-langt-passord-for-test", "next": target},
    )

    assert client.post(LOGIN_CODE, {"token": code(authenticator)})["Location"] == target


def test_required_staff_without_an_app_set_one_up_before_they_are_in(client, staff_user, settings):
    settings.STAFF_2FA_REQUIRED = True

    assert log_in(client)["Location"] == LOGIN_SETUP
    assert not admin_is_open(client)
    page = client.get(LOGIN_SETUP)
    assert "<svg" in page.content.decode()  # the QR code
    assert "Nøkkel:" in page.content.decode()
    assert not TOTPDevice.objects.exists()  # nothing is saved until the first code is right

    response = client.post(LOGIN_SETUP, {"token": code_for(secret_on(page))})

    assert response["Location"] == ADMIN
    assert TOTPDevice.objects.get(user=staff_user).confirmed
    assert admin_is_open(client)


def test_setting_up_with_a_wrong_code_logs_no_one_in(client, staff_user, settings):
    settings.STAFF_2FA_REQUIRED = True
    log_in(client)
    right = code_for(secret_on(client.get(LOGIN_SETUP)))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(LOGIN_SETUP, {"token": wrong})

    assert "Koden stemmer ikke" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert not admin_is_open(client)


def test_required_staff_with_an_app_give_a_code(client, authenticator, settings):
    settings.STAFF_2FA_REQUIRED = True

    assert log_in(client)["Location"] == LOGIN_CODE
    client.post(LOGIN_CODE, {"token": code(authenticator)})

    assert admin_is_open(client)


def test_when_required_an_unverified_staff_session_is_ended(client, staff_user, settings):
    """A session from before the setting was turned on opens neither the admin nor drafts."""
    staff_user.is_superuser = True
    staff_user.save()
    draft = OccupationFactory(draft=True)
    client.force_login(staff_user)
    assert client.get(draft.get_absolute_url()).status_code == 200

    settings.STAFF_2FA_REQUIRED = True

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(ADMIN)["Location"].startswith(reverse("admin:login"))


def test_staff_can_turn_on_two_step_login_themselves(client, staff_user):
    log_in(client)
    url = reverse("accounts:two_factor")
    assert 'href="/admin/totrinn/"' in client.get(ADMIN).content.decode()

    page = client.get(url)
    assert "<svg" in page.content.decode()
    assert client.post(url, {"token": code_for(secret_on(page))})["Location"] == ADMIN
    assert TOTPDevice.objects.get(user=staff_user).confirmed

    assert "er slått på" in client.get(url).content.decode()
    client.post(reverse("admin:logout"))
    assert log_in(client)["Location"] == LOGIN_CODE


def test_the_two_step_page_is_for_staff_only(client, django_user_model):
    django_user_model.objects.create_user("besokende", password="et-langt-passord-for-test")
    client.force_login(django_user_model.objects.get(username="besokende"))

    response = client.get(reverse("accounts:two_factor"))

    assert response.status_code == 302
    assert not TOTPDevice.objects.exists()
