import pytest

from regions.models import Municipality
from tests.factories import EmployerFactory


@pytest.fixture
def searchable(demo_content, regions):
    """The demo occupations (indexed when published) and the real regions, for place names."""


@pytest.fixture
def search_employers(regions):
    bergen = Municipality.objects.get(code="4601")
    oslo = Municipality.objects.get(code="0301")
    return {
        "bergen_tann": EmployerFactory(name="Bergen Tannklinikk AS", municipality=bergen),
        "oslo_tann": EmployerFactory(name="Oslo Tannklinikk", municipality=oslo),
        "rør": EmployerFactory(name="Rørlegger Hansen AS", municipality=bergen),
        "elektro": EmployerFactory(name="Vestland Elektro AS", municipality=bergen),
        "closed": EmployerFactory(
            name="Nedlagt Tannklinikk", municipality=oslo, closed_on="2020-01-01"
        ),
    }
