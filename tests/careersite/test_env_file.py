"""var/local.env: the local run's settings that `make setup` writes and manage.py reads."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from careersite.settings import local_env_file, read_env_file
from tests.careersite.test_settings import start_django

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.SERVE_MEDIA, s.SECURE_HTTPS, ','.join(s.ALLOWED_HOSTS), s.SECRET_KEY)"
)


@pytest.fixture
def env_file(tmp_path):
    def write(text):
        path = tmp_path / "local.env"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_the_file_is_read_into_the_environment(env_file):
    environ = {}
    path = env_file(
        "# written by make setup\n"
        "SECRET_KEY=abc-123_XYZ\n"
        "\n"
        "export DEBUG=false\n"
        "ALLOWED_HOSTS='localhost,127.0.0.1'\n"
        'OTP_TOTP_ISSUER="yrke lokalt"  # a comment after the value\n'
        "LOG_LEVEL=${NOT_EXPANDED}\n"
    )
    read_env_file(path, environ)
    assert environ == {
        "SECRET_KEY": "abc-123_XYZ",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "OTP_TOTP_ISSUER": "yrke lokalt",
        "LOG_LEVEL": "${NOT_EXPANDED}",
    }


def test_the_environment_wins_over_the_file(env_file):
    environ = {"DEBUG": "true", "SERVE_MEDIA": ""}
    read_env_file(env_file("DEBUG=false\nSERVE_MEDIA=true\nSECRET_KEY=from-file\n"), environ)
    assert environ == {"DEBUG": "true", "SERVE_MEDIA": "", "SECRET_KEY": "from-file"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("SECRET_KEY=s3cret-value\nnot a setting line\n", 2),
        ("DEBUG=false\n\n=s3cret-value\n", 3),
        ("# comment\n\n\n   s3cret value\n", 4),
        ("SECRET_KEY='s3cret-value\n", 1),
        ("DEBUG=false\nSECRET_KEY\n", 2),
    ],
)
def test_a_malformed_line_stops_with_its_number_and_not_its_text(env_file, text, line):
    path = env_file(text)
    environ = {}
    with pytest.raises(ImproperlyConfigured) as error:
        read_env_file(path, environ)
    assert str(error.value) == (
        f"{path}, line {line}: expected NAME=value, a comment starting with # or a blank line."
    )
    assert "s3cret" not in str(error.value)
    assert environ == {}, "nothing is taken from a file with a bad line"


def test_which_file_is_read(tmp_path):
    default = tmp_path / "local.env"
    assert local_env_file({}, default) is None, "no file is fine"
    default.write_text("DEBUG=false\n")
    assert local_env_file({}, default) == default
    assert local_env_file({"LOCAL_ENV_FILE": ""}, default) is None, "empty: read none"
    other = tmp_path / "other.env"
    assert local_env_file({"LOCAL_ENV_FILE": str(other)}, default) == other


def test_django_starts_with_the_settings_of_the_file(env_file):
    path = env_file(
        "SECRET_KEY=from-the-file-" + "x" * 40 + "\n"
        "DEBUG=false\nSECURE_HTTPS=false\nSERVE_MEDIA=true\nALLOWED_HOSTS=localhost,127.0.0.1\n"
    )
    result = start_django(PRINT_SETTINGS, LOCAL_ENV_FILE=str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "False",
        "localhost,127.0.0.1",
        "from-the-file-" + "x" * 40,
    ]


def test_django_takes_a_variable_from_the_environment_before_the_file(env_file):
    path = env_file("SECRET_KEY=from-the-file\nDEBUG=false\nALLOWED_HOSTS=localhost\n")
    result = start_django(
        PRINT_SETTINGS,
        LOCAL_ENV_FILE=str(path),
        SECRET_KEY="from-the-environment",
        ALLOWED_HOSTS="yrke.example.no",
        SECURE_HTTPS="true",
        SERVE_MEDIA="false",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "False",
        "True",
        "yrke.example.no",
        "from-the-environment",
    ]


def test_django_names_a_bad_file_and_its_line(env_file):
    path = env_file("SECRET_KEY=s3cret-value\nDEBUG false\n")
    result = start_django(LOCAL_ENV_FILE=str(path))
    assert result.returncode != 0
    assert f"{path}, line 2: expected NAME=value" in result.stderr
    assert "s3cret" not in result.stderr


def test_django_names_a_missing_file_that_is_asked_for(tmp_path):
    result = start_django(LOCAL_ENV_FILE=str(tmp_path / "missing.env"))
    assert result.returncode != 0
    assert f"LOCAL_ENV_FILE names {tmp_path / 'missing.env'}, which is not a file" in result.stderr


def test_the_test_run_itself_reads_no_env_file():
    """`make test` sets LOCAL_ENV_FILE empty, so a developer's var/local.env (another
    DATABASE_URL, DEBUG, SERVE_MEDIA, ALLOWED_HOSTS …) cannot change what the tests see."""
    assert settings.LOCAL_ENV_FILE is None, (
        f"the tests read {settings.LOCAL_ENV_FILE}: run them with `make test`, "
        "or with LOCAL_ENV_FILE= (empty) in the environment"
    )
