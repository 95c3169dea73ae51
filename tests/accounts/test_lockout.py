"""django-axes locks a username out after repeated failed logins, with a clear message."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, code, log_in

pytestmark = pytest.mark.django_db


def admin_is_open(client):
    return client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_password_gets_the_usual_message(client, staff_user):
    response = log_in(client, password="feil-passord")

    assert response.status_code == 200
    assert "Vennligst oppgi gyldig" in response.content.decode()  # Django's own message
    assert not admin_is_open(client)


def test_the_right_password_logs_in(client, staff_user):
    response = log_in(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert admin_is_open(client)


def test_five_failed_logins_lock_the_username_out(client, staff_user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        assert log_in(client, password="feil-passord").status_code == 200

    fifth = log_in(client, password="feil-passord")
    assert fifth.status_code == 429
    html = fifth.content.decode()
    assert "Innloggingen er midlertidig sperret" in html
    assert "5 mislykkede innloggingsforsøk" in html
    assert "30 minutter" in html

    # Even the right password is refused while the lockout lasts.
    assert log_in(client).status_code == 429
    assert not admin_is_open(client)


def test_the_lockout_holds_from_another_address(client, staff_user):
    for _attempt in range(5):
        log_in(client, password="feil-passord")

    response = log_in(client, REMOTE_ADDR="10.9.8.7")

    assert response.status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, staff_user):
    for _attempt in range(5):
        log_in(client, password="feil-passord")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31)
    )

    assert log_in(client).status_code == 302


def test_an_administrator_can_lift_the_lockout(client, staff_user):
    for _attempt in range(5):
        log_in(client, password="feil-passord")

    call_command("axes_reset_username", "skribent", stdout=io.StringIO())

    assert log_in(client).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, staff_user):
    for _attempt in range(4):
        log_in(client, password="feil-passord")
    assert log_in(client).status_code == 302
    client.post(reverse("admin:logout"))

    for _attempt in range(4):
        assert log_in(client, password="feil-passord").status_code == 200
    assert log_in(client, password=PASSWORD).status_code == 302


def test_other_usernames_are_not_locked_by_someone_elses_failures(
    client, staff_user, django_user_model
):
    django_user_model.objects.create_user("redaktor2", password=PASSWORD, is_staff=True)
    for _attempt in range(5):
        log_in(client, password="feil-passord", REMOTE_ADDR="10.0.0.1")

    assert log_in(client, username="redaktor2", REMOTE_ADDR="10.0.0.2").status_code == 302


def test_a_locked_out_user_with_an_app_never_reaches_the_code_step(client, authenticator):
    for _attempt in range(5):
        log_in(client, password="feil-passord")

    assert log_in(client).status_code == 429
    assert client.get(reverse("accounts:login_code"))["Location"] == reverse("admin:login")
    assert not admin_is_open(client)


def test_with_an_app_only_the_finished_login_clears_earlier_failures(client, authenticator):
    for _attempt in range(4):
        log_in(client, password="feil-passord")
    assert log_in(client)["Location"] == reverse("accounts:login_code")
    client.post(reverse("accounts:login_code"), {"token": code(authenticator)})
    assert admin_is_open(client)
    client.post(reverse("admin:logout"))

    for _attempt in range(4):
        assert log_in(client, password="feil-passord").status_code == 200
    assert log_in(client).status_code == 302
