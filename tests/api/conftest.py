import pytest

from tests.employers.conftest import PERIOD, dental_employers  # noqa: F401 (a fixture)

__all__ = ["PERIOD"]


@pytest.fixture
def api_get(client):
    """GET an /api/v1/ address as an anonymous client; returns the response."""

    def get(path, **headers):
        return client.get(f"/api/v1/{path.lstrip('/')}", headers=headers)

    return get
