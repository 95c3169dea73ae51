"""A new phone: with the old app (a verified login) or after an administrator removes it."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import code, code_for, log_in, secret_on

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
LOGIN = reverse("admin:login")
LOGIN_CODE = reverse("accounts:login_code")
LOGIN_SETUP = reverse("accounts:login_setup")
TWO_FACTOR = reverse("accounts:two_factor")
NEW_PHONE = reverse("accounts:two_factor_replace")


def admin_is_open(client):
    return client.get(ADMIN).status_code == 200


def log_in_with_code(client, device):
    log_in(client)
    return client.post(LOGIN_CODE, {"token": code(device)})


def test_a_verified_login_moves_to_a_new_phone(client, authenticator):
    log_in_with_code(client, authenticator)
    assert f'href="{NEW_PHONE}"' in client.get(TWO_FACTOR).content.decode()

    page = client.get(NEW_PHONE)
    secret = secret_on(page)
    assert "den gamle" in page.content.decode()
    response = client.post(NEW_PHONE, {"token": code_for(secret)}, follow=True)

    assert "Den nye appen er tatt i bruk" in response.content.decode()
    (new,) = TOTPDevice.objects.filter(user=authenticator.user)
    assert new.pk != authenticator.pk
    assert new.confirmed
    assert admin_is_open(client)
    client.post(reverse("admin:logout"))
    assert log_in(client)["Location"] == LOGIN_CODE


def test_the_old_phones_code_no_longer_logs_in(client, authenticator):
    old_code = code(authenticator)
    log_in_with_code(client, authenticator)
    client.post(NEW_PHONE, {"token": code_for(secret_on(client.get(NEW_PHONE)))})
    other = Client()
    log_in(other)

    other.post(LOGIN_CODE, {"token": old_code})

    assert not admin_is_open(other)


def test_a_wrong_code_keeps_the_old_phone(client, authenticator):
    log_in_with_code(client, authenticator)
    right = code_for(secret_on(client.get(NEW_PHONE)))

    response = client.post(NEW_PHONE, {"token": f"{(int(right) + 1) % 1_000_000:06d}"})

    assert "Koden stemmer ikke" in response.content.decode()
    assert list(TOTPDevice.objects.all()) == [authenticator]


def test_other_logins_with_the_old_phone_end_when_it_is_replaced(client, authenticator):
    elsewhere = Client()
    log_in_with_code(elsewhere, authenticator)
    assert admin_is_open(elsewhere)
    authenticator.last_t = -1  # the same code may be typed again in this test
    authenticator.save()
    log_in_with_code(client, authenticator)

    client.post(NEW_PHONE, {"token": code_for(secret_on(client.get(NEW_PHONE)))})

    assert admin_is_open(client)
    assert not admin_is_open(elsewhere)


def test_without_an_app_the_new_phone_page_sends_to_set_up(client, staff_user):
    log_in(client)

    assert client.get(NEW_PHONE)["Location"] == TWO_FACTOR
    assert not TOTPDevice.objects.exists()


@pytest.mark.parametrize("required", [False, True], ids=["optional", "required"])
def test_a_half_finished_login_cannot_change_phones(client, authenticator, settings, required):
    settings.STAFF_2FA_REQUIRED = required
    log_in(client)

    assert client.get(NEW_PHONE)["Location"].startswith(LOGIN)
    client.post(NEW_PHONE, {"token": code_for(None)})
    assert list(TOTPDevice.objects.all()) == [authenticator]


@pytest.fixture
def site_administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.no", "x" * 16)


def remove_in_the_admin(site_administrator, device):
    administrator = Client()
    administrator.force_login(site_administrator)
    listing = administrator.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert str(device.user) in listing.content.decode()
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert administrator.post(url, {"post": "yes"}).status_code == 302


def test_a_lost_phone_removed_by_an_administrator_means_password_login(
    client, authenticator, site_administrator
):
    remove_in_the_admin(site_administrator, authenticator)

    assert log_in(client)["Location"] == ADMIN


def test_when_required_a_lost_phone_removed_means_setting_up_a_new_one(
    client, authenticator, site_administrator, settings
):
    remove_in_the_admin(site_administrator, authenticator)
    settings.STAFF_2FA_REQUIRED = True

    assert log_in(client)["Location"] == LOGIN_SETUP
    client.post(LOGIN_SETUP, {"token": code_for(secret_on(client.get(LOGIN_SETUP)))})
    assert admin_is_open(client)


def test_the_admin_never_shows_a_saved_apps_secret(authenticator, site_administrator):
    administrator = Client()
    administrator.force_login(site_administrator)

    change = administrator.get(reverse("admin:otp_totp_totpdevice_change", args=[authenticator.pk]))
    config = administrator.get(reverse("admin:otp_totp_totpdevice_config", args=[authenticator.pk]))

    assert change.status_code == 200
    assert authenticator.key not in change.content.decode()
    assert config.status_code == 403
