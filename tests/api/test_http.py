"""What every API response gets: ETag and Cache-Control (304 on If-None-Match), CORS for reads
from any origin, a rate limit per client address (429 with Retry-After, never cached), and the
page cache serving JSON as it serves pages, with the same invalidation."""

import pytest
from django.core.cache import caches

from changes.record import changes_record
from occupations.models import Occupation
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    caches["default"].clear()


def test_etag_and_304(regions, api_get):
    first = api_get("counties", cached=True)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag
    cache_control = first["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage" in cache_control
    again = api_get("counties", cached=True, if_none_match=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    changed = api_get("counties", cached=True, if_none_match='"something-else"')
    assert changed.status_code == 200


def test_json_comes_from_the_page_cache_until_something_changes(reference_occupation, client):
    first = client.get("/api/v1/occupations/tannhelsesekretaer")
    assert first.wsgi_request.page_cache == "miss"
    Occupation.objects.filter(pk=reference_occupation.pk).update(lead="Ny ingress.")
    cached = client.get("/api/v1/occupations/tannhelsesekretaer")
    assert cached.wsgi_request.page_cache == "hit"
    assert cached.json()["result"]["lead"] != "Ny ingress."
    # A write says what changed; the change path makes a new page-cache generation.
    changes_record(rows=[reference_occupation], fields=["lead"])
    fresh = client.get("/api/v1/occupations/tannhelsesekretaer")
    assert fresh.wsgi_request.page_cache == "miss"
    assert fresh.json()["result"]["lead"] == "Ny ingress."


def test_cors_on_every_answer(regions, api_get):
    for path, status in [("counties", 200), ("counties?x=1", 400), ("counties/77", 404)]:
        response = api_get(path, origin="https://example.org")
        assert response.status_code == status
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert "ETag" in response["Access-Control-Expose-Headers"]


def test_cors_preflight(client):
    response = client.options(
        "/api/v1/counties",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_other_methods_are_refused(regions, client):
    for method in (client.post, client.put, client.delete):
        response = method("/api/v1/counties")
        assert_problem(response, 405)
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_rate_limit_answers_429_with_retry_after(regions, api_get, client, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    # Page-cache hits count too: the limit sits in front of the cache.
    for _ in range(3):
        assert api_get("counties", cached=True).status_code == 200
    limited = api_get("counties", cached=True)
    problem = assert_problem(limited, 429)
    assert "3" in problem["detail"]
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert "no-store" in limited["Cache-Control"]
    assert limited["Access-Control-Allow-Origin"] == "*"
    # Another client address has its own count.
    other = client.get("/api/v1/counties", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_rate_limit_follows_the_trusted_proxy(regions, client, settings):
    settings.API_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1

    def get(forwarded):
        return client.get("/api/v1/counties", headers={"x-forwarded-for": forwarded})

    assert get("192.0.2.1").status_code == 200
    assert get("192.0.2.1").status_code == 200
    assert get("192.0.2.1").status_code == 429
    # Behind one proxy the client is the last address; what the client wrote before it is not
    # trusted, so it cannot dodge the limit by writing a new address each time.
    assert get("203.0.113.9, 192.0.2.1").status_code == 429
    assert get("192.0.2.2").status_code == 200


def test_a_cache_that_is_down_leaves_the_api_answering_uncounted(
    regions, client, settings, monkeypatch
):
    from django.core.cache import caches
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    settings.API_RATE_LIMIT = 1
    monkeypatch.setattr(caches["default"], "add", down)
    for _ in range(3):
        assert client.get("/api/v1/counties").status_code == 200


def test_a_429_is_never_cached(regions, client, settings):
    settings.API_RATE_LIMIT = 1
    assert client.get("/api/v1/counties").status_code == 200
    assert client.get("/api/v1/counties").status_code == 429
    settings.API_RATE_LIMIT = 0  # the limit off: the cached 200, never a stored 429
    again = client.get("/api/v1/counties")
    assert again.status_code == 200
    assert again.wsgi_request.page_cache == "hit"


def test_the_rest_of_the_site_has_no_api_headers(demo_content, client, settings):
    settings.API_RATE_LIMIT = 1
    for _ in range(3):
        response = client.get("/yrker/")
        assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_head_is_a_get_without_the_body(regions, client):
    get = client.get("/api/v1/counties")
    head = client.head("/api/v1/counties")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
