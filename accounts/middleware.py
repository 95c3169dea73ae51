from django.conf import settings
from django.contrib.auth import logout


class StaffVerificationMiddleware:
    """With STAFF_2FA_REQUIRED, a staff session that has not passed the code step is ended.

    The login view never creates such a session; this catches sessions from before the
    setting was turned on, or made some other way. Goes after django-otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_2FA_REQUIRED:  # checked first: other requests never load the user here
            user = request.user
            if user.is_authenticated and user.is_staff and not user.is_verified():
                logout(request)
        return self.get_response(request)
