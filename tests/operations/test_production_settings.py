import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    # Production reads no var/local.env (a developer's file would turn SECURE_HTTPS off).
    "LOCAL_ENV_FILE": "",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "yrke.example.no",
    "SECURE_HTTPS": "true",
}
# The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the live server.
NOT_IN_PRODUCTION = {"DEBUG", "SECURE_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
NAMES = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
]


def production_settings():
    clean = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "careersite.settings", **PRODUCTION},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_cookies_are_secure_and_http_only_and_hsts_is_on():
    values = production_settings()
    assert all(values[name] for name in NAMES if name != "SECURE_HSTS_SECONDS"), values
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


def test_deployment_checks_are_clean():
    clean = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **PRODUCTION},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
