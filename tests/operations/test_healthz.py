import json

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthy():
    response = Client().get(reverse("operations:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


def test_never_served_from_the_page_cache(monkeypatch):
    Client().get("/healthz")
    monkeypatch.setattr("operations.views._caches_ok", lambda: False)
    assert json.loads(Client().get("/healthz").content)["status"] == "degraded"


def test_a_broken_database_gives_503_and_names_nothing(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OperationalError("could not connect to server at db.internal:5432 password=hemmelig")

    monkeypatch.setattr(connection, "cursor", broken)
    response = Client().get("/healthz")

    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body) == {"status": "error", "checks": {"database": "error", "cache": "ok"}}
    assert "db.internal" not in body
    assert "hemmelig" not in body
    assert "Health check database failed" in caplog.text


def test_a_broken_cache_is_degraded_not_failing(monkeypatch):
    """The site serves uncached pages meanwhile (tests/pagecache/test_store_faults.py), and
    every instance shares the cache: taking them out of the load balancer would not help."""
    from django.core.cache import caches

    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "error"},
    }
