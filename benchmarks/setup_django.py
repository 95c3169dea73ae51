"""Start Django for a benchmark script, against BENCH_DATABASE_URL (PostgreSQL)."""

import os
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/careersite_bench"


def ensure_database(url):
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup():
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    os.environ.update(
        LOCAL_ENV_FILE="",  # a developer's var/local.env takes no part
        DATABASE_URL=url,
        DEBUG="false",
        SECURE_HTTPS="false",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-not-secret"),
        ALLOWED_HOSTS="testserver,localhost",
        DJANGO_SETTINGS_MODULE="careersite.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return url
