"""Staff login with lockout (django-axes) and an optional or required TOTP step (django-otp)."""

import base64

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from accounts import twofactor
from accounts.forms import TokenForm


def _admin_context(request, **extra):
    return {**admin.site.each_context(request), **extra}


def _safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


@method_decorator(login_not_required, name="dispatch")
class StaffLoginView(LoginView):
    """The admin's login page, served at admin:login's address instead of AdminSite.login.

    The password is checked through `authenticate(request, ...)`, so django-axes counts
    failures and locks out; a user who owes a code is sent to the code step, not logged in.
    """

    form_class = AdminAuthenticationForm
    template_name = "admin/login.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and admin.site.has_permission(request):
            return redirect(_safe_next(request, request.GET.get(REDIRECT_FIELD_NAME)))
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("admin:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            _admin_context(
                self.request,
                title=_("Logg inn"),
                subtitle=None,
                app_path=self.request.get_full_path(),
                username=self.request.user.get_username(),
            )
        )
        if not context.get(REDIRECT_FIELD_NAME):
            context[REDIRECT_FIELD_NAME] = reverse("admin:index")
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.second_step_due(user):
            return super().form_valid(form)
        twofactor.pending_login_start(self.request, user=user, next_url=self.get_success_url())
        if twofactor.confirmed_devices(user).exists():
            return redirect("accounts:login_code")
        return redirect("accounts:login_setup")


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
@login_not_required
def login_code(request):
    """Second step: the code from the authenticator app the user has set up."""
    user = twofactor.pending_login(request)
    if user is None:
        messages.info(request, _("Innloggingen tok for lang tid. Logg inn på nytt."))
        return redirect("admin:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.devices_throttled(twofactor.confirmed_devices(user)):
            form.add_error("token", _("For mange feil koder. Vent litt og prøv igjen."))
        elif device := twofactor.device_verify(user=user, token=form.cleaned_data["token"]):
            next_url = twofactor.pending_login_finish(request, user=user, device=device)
            return redirect(_safe_next(request, next_url))
        else:
            form.add_error("token", _("Koden stemmer ikke. Prøv den nyeste koden i appen."))
    return TemplateResponse(
        request,
        "accounts/login_code.html",
        _admin_context(request, title=_("Kode fra autentiseringsappen"), form=form),
    )


def _new_app_form(request, *, user, proof=None):
    """The set-up form for a new app with this session's secret, and the app once its code is
    right (else None). `proof`: see twofactor.device_add."""
    key = twofactor.new_app_key(request, user=user)
    form = TokenForm(request.POST or None)
    device = None
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = twofactor.device_add(user=user, key=key, token=token, proof=proof)
        if device is None:
            form.add_error("token", _("Koden stemmer ikke. Prøv den nyeste koden i appen."))
    return key, form, device


def _setup_page(request, *, user, key, form, **extra):
    app = twofactor.new_app(user=user, key=key)
    secret = base64.b32encode(app.bin_key).decode()
    return TemplateResponse(
        request,
        "accounts/setup.html",
        _admin_context(
            request,
            form=form,
            qr_code=segno.make(app.config_url, error="m").svg_inline(
                scale=4, light="#fff", title=_("QR-kode for autentiseringsappen")
            ),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            **extra,
        ),
    )


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
@login_not_required
def login_setup(request):
    """Second step for staff who must use a code but have no app yet: set one up now.

    Someone who has an app gives its code instead: with only the password, no new app.
    """
    user = twofactor.pending_login(request)
    if user is None:
        messages.info(request, _("Innloggingen tok for lang tid. Logg inn på nytt."))
        return redirect("admin:login")
    if not twofactor.setup_due_at_login(user):
        return redirect(_owed_step(user))
    key, form, device = _new_app_form(request, user=user)
    if device is not None:
        next_url = twofactor.pending_login_finish(request, user=user, device=device)
        messages.success(request, _("Totrinnsinnlogging er slått på for kontoen din."))
        return redirect(_safe_next(request, next_url))
    if request.method == "POST" and not twofactor.setup_due_at_login(user):
        return redirect(_owed_step(user))  # an app was set up in another login meanwhile
    return _setup_page(
        request, user=user, key=key, form=form, title=_("Sett opp totrinnsinnlogging"), pending=True
    )


def _owed_step(user):
    return "accounts:login_code" if twofactor.confirmed_devices(user).exists() else "admin:login"


def _staff_only(request):
    """None for a logged-in staff member, else the way to the login page."""
    if admin.site.has_permission(request):
        return None
    return redirect(f"{reverse('admin:login')}?{REDIRECT_FIELD_NAME}={request.path}")


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor(request):
    """A logged-in staff member turns on two-step login for their own account.

    With an app already, only a session verified by it gets here (StaffVerificationMiddleware
    ends the others): it shows that two-step login is on and offers to change phones.
    """
    if refused := _staff_only(request):
        return refused
    user = request.user
    if twofactor.confirmed_devices(user).exists():
        return TemplateResponse(
            request,
            "accounts/two_factor_on.html",
            _admin_context(request, title=_("Totrinnsinnlogging")),
        )
    key, form, device = _new_app_form(request, user=user)
    if device is not None:
        twofactor.new_app_forget(request)
        otp_login(request, device)
        messages.success(request, _("Totrinnsinnlogging er slått på for kontoen din."))
        return redirect("admin:index")
    return _setup_page(request, user=user, key=key, form=form, title=_("Slå på totrinnsinnlogging"))


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor_replace(request):
    """A staff member verified by their app in this login moves to a new phone: the new app
    replaces the old one once it gives its first code."""
    if refused := _staff_only(request):
        return refused
    if not request.user.is_verified():
        return redirect("accounts:two_factor")
    user = request.user
    key, form, device = _new_app_form(request, user=user, proof=user.otp_device)
    if device is not None:
        twofactor.new_app_forget(request)
        otp_login(request, device)
        messages.success(
            request, _("Den nye appen er tatt i bruk. Koder fra den gamle virker ikke lenger.")
        )
        return redirect("admin:index")
    return _setup_page(
        request, user=user, key=key, form=form, title=_("Bytt til en ny telefon"), replacing=True
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once a username has too many failed logins (AXES_LOCKOUT_CALLABLE)."""
    return TemplateResponse(
        request,
        "accounts/locked_out.html",
        _admin_context(
            request,
            limit=settings.AXES_FAILURE_LIMIT,
            cooloff_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        ),
        status=429,
    ).render()
