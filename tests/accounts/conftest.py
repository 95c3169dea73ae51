import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "et-langt-passord-for-test"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "skribent", password=PASSWORD, is_staff=True, email="skribent@example.no"
    )


@pytest.fixture
def authenticator(staff_user):
    """A confirmed authenticator app on the staff user's phone."""
    return TOTPDevice.objects.create(user=staff_user, name="Telefon", confirmed=True)


def code(device):
    """The code the app shows now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def secret_on(response):
    """The key a set-up page shows for typing into the app by hand, or None."""
    found = re.search(r"<code>([A-Z2-7 ]+)</code>", response.content.decode())
    return found and found[1].replace(" ", "")


def code_for(secret):
    """What an app set up with `secret` shows now; some code even without a secret."""
    key = b32decode(secret) if secret else b"no secret was shown"
    return f"{totp(key):06d}"


def log_in(client, username="skribent", password=PASSWORD, **meta):
    """The admin's login form posted as a browser would (`meta`: e.g. REMOTE_ADDR)."""
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **meta)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every test here logs in several times; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
