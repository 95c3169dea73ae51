import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

REVEALING = ["Traceback", "django", "Django", "hemmelig", "db.internal", "settings", "DEBUG"]


def test_not_found_page_is_norwegian_and_reveals_nothing():
    response = Client().get("/yrker/<script>finnes-ikke/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nb">' in html
    assert "Vi fant ikke siden" in html
    assert "<script>finnes" not in html  # the address asked for appears only URL-encoded
    for word in REVEALING:
        assert word not in html


def test_server_error_page_is_norwegian_and_reveals_nothing(settings):
    settings.ROOT_URLCONF = "tests.operations.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/feil/")
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="nb">' in html
    assert "Noe gikk galt" in html
    for word in REVEALING:
        assert word not in html
    assert "public" not in response.get("Cache-Control", "")
