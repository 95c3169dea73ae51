"""The code step cannot be skipped: no way round a confirmed authenticator app with the password.

Each test plays someone who knows only the password and tries another door: the set-up page
instead of the code page, a code for a secret they were shown, a second set-up that shares a
secret, an unconfirmed app, a session from before the app existed.
"""

from base64 import b32decode

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

required_or_not = pytest.mark.parametrize("required", [False, True], ids=["optional", "required"])


def admin_is_open(client):
    return client.get(ADMIN).status_code == 200


def confirmed(user):
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


@required_or_not
def test_leaving_the_code_page_for_the_set_up_page_shows_no_secret(
    client, authenticator, settings, required
):
    settings.STAFF_2FA_REQUIRED = required
    assert log_in(client)["Location"] == LOGIN_CODE

    response = client.get(LOGIN_SETUP)

    assert response.status_code == 302
    assert response["Location"] == LOGIN_CODE
    assert secret_on(response) is None
    assert TOTPDevice.objects.filter(user=authenticator.user).count() == 1


@required_or_not
def test_a_code_for_a_secret_from_the_set_up_page_does_not_log_in(
    client, authenticator, settings, required
):
    settings.STAFF_2FA_REQUIRED = required
    log_in(client)
    secret = secret_on(client.get(LOGIN_SETUP))

    client.post(LOGIN_SETUP, {"token": code_for(secret)})

    assert not admin_is_open(client)
    assert confirmed(authenticator.user) == [authenticator]
    assert client.get(TWO_FACTOR)["Location"].startswith(LOGIN)


@required_or_not
def test_a_code_posted_to_the_set_up_page_without_opening_it_does_not_log_in(
    client, authenticator, settings, required
):
    settings.STAFF_2FA_REQUIRED = required
    log_in(client)

    client.post(LOGIN_SETUP, {"token": code_for(None)})

    assert not admin_is_open(client)
    assert confirmed(authenticator.user) == [authenticator]


@required_or_not
def test_the_right_code_on_the_set_up_page_does_not_stand_in_for_the_code_page(
    client, authenticator, settings, required
):
    """Even the app's own code, typed on the set-up page, adds no second app."""
    settings.STAFF_2FA_REQUIRED = required
    log_in(client)
    client.get(LOGIN_SETUP)

    client.post(LOGIN_SETUP, {"token": code(authenticator)})

    assert TOTPDevice.objects.filter(user=authenticator.user).count() == 1


@required_or_not
def test_an_older_password_only_session_ends_when_an_app_is_set_up(
    authenticator, staff_user, settings, required
):
    """A session someone opened with the password, before the app existed, is not let in."""
    settings.STAFF_2FA_REQUIRED = required
    older = Client()
    older.force_login(staff_user)

    response = older.get(TWO_FACTOR)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not admin_is_open(older)
    assert secret_on(older.get(TWO_FACTOR)) is None


def test_an_older_password_only_session_cannot_add_an_app_after_one_is_set_up(staff_user):
    older, owner = Client(), Client()
    log_in(older)
    log_in(owner)
    older_secret = secret_on(older.get(TWO_FACTOR))
    owner_secret = secret_on(owner.get(TWO_FACTOR))
    owner.post(TWO_FACTOR, {"token": code_for(owner_secret)})
    (owners_app,) = confirmed(staff_user)

    older.post(TWO_FACTOR, {"token": code_for(older_secret)})

    assert confirmed(staff_user) == [owners_app]
    assert not admin_is_open(older)


def test_two_set_ups_never_share_a_secret(staff_user):
    """Someone who opened the set-up page with the password must not learn the owner's secret."""
    intruder, owner = Client(), Client()
    log_in(intruder)
    log_in(owner)

    intruders_secret = secret_on(intruder.get(TWO_FACTOR))
    owners_secret = secret_on(owner.get(TWO_FACTOR))

    assert intruders_secret
    assert owners_secret
    assert intruders_secret != owners_secret


def test_when_required_two_logins_never_share_a_secret(staff_user, settings):
    settings.STAFF_2FA_REQUIRED = True
    intruder, owner = Client(), Client()
    log_in(intruder)
    log_in(owner)

    assert secret_on(intruder.get(LOGIN_SETUP)) != secret_on(owner.get(LOGIN_SETUP))


def test_when_required_the_first_app_confirmed_wins(staff_user, settings):
    """Two half-finished logins set up at once: the second is refused, not a second app."""
    settings.STAFF_2FA_REQUIRED = True
    first, second = Client(), Client()
    log_in(first)
    log_in(second)
    first_secret = secret_on(first.get(LOGIN_SETUP))
    second_secret = secret_on(second.get(LOGIN_SETUP))
    first.post(LOGIN_SETUP, {"token": code_for(first_secret)})

    second.post(LOGIN_SETUP, {"token": code_for(second_secret)})

    assert len(confirmed(staff_user)) == 1
    assert admin_is_open(first)
    assert not admin_is_open(second)


@required_or_not
def test_an_unconfirmed_app_is_no_proof_at_the_code_page(client, authenticator, settings, required):
    settings.STAFF_2FA_REQUIRED = required
    unconfirmed = TOTPDevice.objects.create(user=authenticator.user, name="Ny", confirmed=False)
    log_in(client)

    client.post(LOGIN_CODE, {"token": code(unconfirmed)})

    assert not admin_is_open(client)


def test_an_unconfirmed_app_alone_does_not_ask_for_a_code(client, staff_user):
    TOTPDevice.objects.create(user=staff_user, name="Ny", confirmed=False)

    assert log_in(client)["Location"] == ADMIN


def test_when_required_an_unconfirmed_apps_secret_is_not_offered_again(
    client, staff_user, settings
):
    """An app someone left unconfirmed (its secret may be known) is never the one set up."""
    settings.STAFF_2FA_REQUIRED = True
    left = TOTPDevice.objects.create(user=staff_user, name="Ny", confirmed=False)
    log_in(client)

    secret = secret_on(client.get(LOGIN_SETUP))

    assert secret
    assert b32decode(secret) != left.bin_key
    client.post(LOGIN_SETUP, {"token": code(left)})
    assert not admin_is_open(client)


@required_or_not
def test_a_half_finished_login_does_not_open_the_two_step_page(
    client, authenticator, settings, required
):
    settings.STAFF_2FA_REQUIRED = required
    log_in(client)

    response = client.get(TWO_FACTOR)

    assert response["Location"].startswith(LOGIN)
    client.post(TWO_FACTOR, {"token": code(authenticator)})
    assert TOTPDevice.objects.filter(user=authenticator.user).count() == 1


def test_without_a_half_finished_login_the_set_up_page_goes_back_to_login(client, staff_user):
    assert client.get(LOGIN_SETUP)["Location"] == LOGIN
    assert not TOTPDevice.objects.exists()


def test_a_password_login_without_an_app_is_not_sent_to_set_up(client, staff_user):
    """Without STAFF_2FA_REQUIRED the password is enough; the login set-up page is not for them."""
    log_in(client)

    assert client.get(LOGIN_SETUP)["Location"] == LOGIN
    assert admin_is_open(client)
