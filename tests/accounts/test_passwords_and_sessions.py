"""Strong passwords for staff, and sessions that end."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, log_in
from tests.careersite.test_settings import start_django

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "kort-pass",  # under 12 characters
        "123456789012345",  # only digits
        "qwertyuiop123",  # a common password
        "skribent123456",  # too like the username
    ],
)
def test_weak_passwords_are_refused(password, staff_user):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff_user)


def test_a_long_passphrase_is_accepted(staff_user):
    validate_password("fjord lys kaffe regnjakke", user=staff_user)


def test_the_admin_refuses_a_weak_new_password(client, staff_user):
    log_in(client)

    response = client.post(
        reverse("admin:password_change"),
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_a_staff_session_lasts_eight_hours_by_default(client, staff_user, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    log_in(client)

    assert client.session.get_expiry_age() == 8 * 60 * 60
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 60 * 60


def test_sessions_can_end_when_the_browser_closes(client, staff_user, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True

    log_in(client)

    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""


def test_login_settings_come_from_the_environment():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_AGE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.STAFF_2FA_REQUIRED, "
        "s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds())"
    )
    result = start_django(
        DEBUG="true",
        SESSION_COOKIE_AGE="3600",
        SESSION_EXPIRE_AT_BROWSER_CLOSE="true",
        STAFF_2FA_REQUIRED="true",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_LOCKOUT_MINUTES="60",
        script=script,
    )

    assert result.stdout.split() == ["3600", "True", "True", "3", "3600.0"]


def test_a_bad_number_is_refused():
    result = start_django(DEBUG="true", SESSION_COOKIE_AGE="åtte timer")

    assert "SESSION_COOKIE_AGE must be a whole number" in result.stderr
