import os
import subprocess
import sys

import pytest
from django.conf import settings


def start_django(script="import django; django.setup()", **env):
    """Import the settings in a fresh interpreter, as gunicorn would at start-up: with only the
    environment given here, and no var/local.env (LOCAL_ENV_FILE empty) unless env names one."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "careersite.settings",
            "LOCAL_ENV_FILE": "",
            **env,
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_production_without_secret_key_fails_with_a_message():
    result = start_django(ALLOWED_HOSTS="yrke.example.no")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_without_allowed_hosts_fails_with_a_message():
    result = start_django(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_a_bad_boolean_is_refused():
    result = start_django(DEBUG="kanskje")
    assert "DEBUG must be true or false" in result.stderr


def test_debug_on_needs_nothing_else():
    assert start_django(DEBUG="true").returncode == 0


@pytest.mark.parametrize("name", ["LANGUAGE_CODE", "TIME_ZONE"])
def test_norwegian_defaults(name):
    assert {"LANGUAGE_CODE": "nb", "TIME_ZONE": "Europe/Oslo"}[name] == getattr(settings, name)
