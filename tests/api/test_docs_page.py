"""/api/: the API's documentation page, in the site's style and its three languages: a curl
example for every operation of the OpenAPI document, the licences, the versioning promise."""

import re
from html import unescape

import pytest

from api.licences import SOURCES

pytestmark = pytest.mark.django_db


def test_a_curl_example_for_every_operation(demo_content, client):
    page = unescape(client.get("/api/").content.decode())
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    for path in document["paths"]:
        pattern = re.escape(f"curl -s 'http://testserver{path}").replace(r"\{slug\}", "[a-z-]+")
        pattern = re.sub(r"\\\{[a-z]+\\\}", "[0-9]+", pattern)
        assert re.search(pattern, page), path


def test_every_example_works(demo_content, regions, client):
    page = unescape(client.get("/api/").content.decode())
    for address in re.findall(r"curl -s '(http://testserver/api/v1/[^']+)'", page):
        response = client.get(address.removeprefix("http://testserver"))
        assert response.status_code == 200, address


def test_licences_and_versions(demo_content, client):
    response = client.get("/api/")
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert '<a href="https://data.norge.no/nlod/no/2.0">NLOD 2.0</a>' in page
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in page
    for source in SOURCES.values():
        assert source.holder in page
    assert "versjon 2" in page
    assert 'href="http://testserver/api/v1/openapi.json"' in page
    assert 'id="problem-invalid-parameter"' in page


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [("", "Åpne data: API versjon 1"), ("/nn", "Opne data: API versjon 1"),
     ("/en", "Open data: API version 1")],
)  # fmt: skip
def test_in_each_language(demo_content, client, prefix, heading):
    page = unescape(client.get(f"{prefix}/api/").content.decode())
    assert f"<h1>{heading}</h1>" in page


def test_query_count(demo_content, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/api/").status_code == 200
