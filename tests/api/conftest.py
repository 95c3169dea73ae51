import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache.cache import current_generation
from tests.employers.conftest import dental_employers  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """The limit counts every request from the test client's one address; the tests of the
    limit (test_http.py) turn it on with their own numbers."""
    settings.API_RATE_LIMIT = 0


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def empty_page_cache():
    """No stored answers, and a generation made already: it is made once per change, not per
    request (on PostgreSQL it asks for the WAL position), so query counts leave it out."""
    caches["pages"].clear()
    current_generation()


@pytest.fixture
def api_get(client):
    """GET an /api/v1/ address as an anonymous client, past the page cache unless `cached`
    (the tests change rows without the change path, which a cached answer would hide)."""

    def get(path, cached=False, **headers):
        if not cached:
            empty_page_cache()
        return client.get(f"/api/v1/{path.lstrip('/')}", headers=headers)

    return get


@pytest.fixture
def count_queries():
    """The number of queries an uncached GET makes."""

    def count(api_get, path):
        empty_page_cache()
        with CaptureQueriesContext(connection) as queries:
            response = api_get(path, cached=True)
        assert response.status_code == 200, body(response)
        return len(queries)

    return count


def assert_problem(response, status, parameter=None):
    """An RFC 9457 problem document with this status (and this parameter named)."""
    assert response.status_code == status, body(response)
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    assert problem["status"] == status
    assert problem["type"].startswith("http://testserver/api/#problem-")
    if parameter:
        assert parameter in [error["parameter"] for error in problem["errors"]], problem
    return problem
