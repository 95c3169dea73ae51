"""Two-step login for staff: password first, then a code from an authenticator app (TOTP).

The password step never logs anyone in when a second step is due: it keeps the user's id in
the session as a pending login for a few minutes, and only the code step calls `login()`.
So a half-finished login is not a session that can open the admin or preview drafts.

Only a confirmed app is proof. A half-finished login of someone who has one can only give its
code; setting up an app at login is for staff who must (STAFF_2FA_REQUIRED) and have none.
A new app's secret lives in the session that set it up, never in a shared unconfirmed device,
and `device_add` saves it only after its first code is right: as the first app, or, for a
session verified by one of the user's apps, in place of the old ones.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

PENDING_KEY = "accounts_pending_login"
PENDING_SECONDS = 5 * 60
NEW_APP_KEY = "accounts_new_app"
APP_NAME = "Autentiseringsapp"


def confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def second_step_due(user):
    """A user with an authenticator app always gives a code; staff must when it is required."""
    if confirmed_devices(user).exists():
        return True
    return settings.STAFF_2FA_REQUIRED and user.is_staff


def setup_due_at_login(user):
    """Staff who must give a code and have no app yet set one up as part of the login."""
    return settings.STAFF_2FA_REQUIRED and user.is_staff and not confirmed_devices(user).exists()


def pending_login_start(request, *, user, next_url):
    request.session.pop(NEW_APP_KEY, None)
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "until": time.time() + PENDING_SECONDS,
    }


def pending_login(request):
    """The user who has given the right password and owes a code, or None."""
    pending = request.session.get(PENDING_KEY)
    if not pending or pending["until"] < time.time():
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def pending_login_next(request):
    return request.session.get(PENDING_KEY, {}).get("next")


def pending_login_finish(request, *, user, device):
    """Log the user in, with the session marked as verified by `device`."""
    next_url = pending_login_next(request)
    request.session.pop(PENDING_KEY, None)
    request.session.pop(NEW_APP_KEY, None)
    auth_login(request, user, backend=user.backend)
    otp_login(request, device)
    return next_url


def device_verify(*, user, token):
    """The user's device that accepts `token`, or None. Each device throttles its failures."""
    with transaction.atomic():
        for device in confirmed_devices(user).select_for_update():
            if device.verify_token(token):
                return device
    return None


def devices_throttled(devices):
    """True when every device refuses to check codes for now after repeated wrong codes."""
    devices = list(devices)
    return bool(devices) and all(not device.verify_is_allowed()[0] for device in devices)


def new_app_key(request, *, user):
    """The secret of the app `user` sets up in this session: made for this session alone and
    kept in it (so a reload shows the same QR code) until the app is saved."""
    stored = request.session.get(NEW_APP_KEY)
    if stored and stored["user"] == user.pk:
        return stored["key"]
    key = random_hex(20)
    request.session[NEW_APP_KEY] = {"user": user.pk, "key": key}
    return key


def new_app_forget(request):
    request.session.pop(NEW_APP_KEY, None)


def new_app(*, user, key):
    """The app with secret `key`, unsaved: for its QR code and the key typed by hand."""
    return TOTPDevice(user=user, name=APP_NAME, key=key, confirmed=False)


def device_add(*, user, key, token, proof=None):
    """Save the app with secret `key` as the user's confirmed app if `token` is its code now.

    Without `proof` the user must have no confirmed app yet. With it, the confirmed app that
    verified this session, the new app replaces every other app of the user. Returns the new
    device, or None when the code is wrong or the rule does not allow it. The user's row is
    locked while checking, so two set-ups at once give one app.
    """
    with transaction.atomic():
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
        devices = TOTPDevice.objects.filter(user=user)
        existing = devices.filter(confirmed=True)
        if proof is None:
            allowed = not existing.exists()
        else:
            allowed = isinstance(proof, TOTPDevice) and existing.filter(pk=proof.pk).exists()
        if not allowed:
            return None
        device = new_app(user=user, key=key)
        device.save()
        if not device.verify_token(token):
            transaction.set_rollback(True)
            return None
        devices.exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device
