from django.conf import settings
from django.contrib.auth import logout

from accounts.twofactor import second_step_due


class StaffVerificationMiddleware:
    """A session that owes a code and has not given one is ended.

    That is a session of someone with a confirmed authenticator app, or of any staff member
    with STAFF_2FA_REQUIRED, that no confirmed app of theirs has verified: opened with the
    password before the app was set up or the setting turned on, made some other way, or
    verified by an app since removed or replaced. The login view never creates one.
    Goes after django-otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no one to check: the session is never loaded, so
        # public pages do not vary on Cookie.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = request.user
            if user.is_authenticated and not user.is_verified() and second_step_due(user):
                logout(request)
        return self.get_response(request)
