"""Two-step login for staff: password first, then a code from an authenticator app (TOTP).

The password step never logs anyone in when a second step is due: it keeps the user's id in
the session as a pending login for a few minutes, and only the code step calls `login()`.
So a half-finished login is not a session that can open the admin or preview drafts.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING_KEY = "accounts_pending_login"
PENDING_SECONDS = 5 * 60


def confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def second_step_due(user):
    """A user with an authenticator app always gives a code; staff must when it is required."""
    if confirmed_devices(user).exists():
        return True
    return settings.STAFF_2FA_REQUIRED and user.is_staff


def pending_login_start(request, *, user, next_url):
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


def device_for_setup(user):
    """The user's unconfirmed authenticator app, made once and kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)
    return device


def device_confirm(*, device, token):
    """Confirm a newly set-up authenticator app with its first code; None if the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device
