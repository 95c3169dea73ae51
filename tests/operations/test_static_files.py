"""Static files are served by WhiteNoise: hashed names, Brotli and gzip, cached for a year."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client

ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def collected():
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        pytest.fail("No collected static files: run collectstatic first (make test does).")


@pytest.mark.parametrize("name", ["css/site.css", "js/region-form.js"])
def test_hashed_and_compressed(collected, name):
    url = staticfiles_storage.url(name)
    stem, extension = name.rsplit(".", 1)
    assert re.fullmatch(rf"/static/{stem}\.[0-9a-f]{{12}}\.{extension}", url)
    hashed = settings.STATIC_ROOT / url.removeprefix("/static/")
    assert hashed.with_name(hashed.name + ".br").exists()
    assert hashed.with_name(hashed.name + ".gz").exists()


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip")])
def test_served_compressed_and_cached_for_a_year(collected, db, accept, encoding):
    url = staticfiles_storage.url("css/site.css")
    response = Client().get(url, headers={"Accept-Encoding": accept})

    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    cache_control = response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= ONE_YEAR
    assert "public" in cache_control
    assert "immutable" in cache_control
    assert "Accept-Encoding" in response["Vary"]
    response.close()


def test_pages_link_the_hashed_names(collected, db):
    html = Client().get("/").content.decode()
    assert staticfiles_storage.url("css/site.css") in html
