import pytest

from employers.summary import occupation_employers_refresh
from tests.employers.conftest import PERIOD
from tests.factories import EmployerFactory, EmploymentFactory

pytestmark = pytest.mark.django_db


def test_employer_page_shows_register_data_occupations_and_approvals(client, dental_employers):
    employer = dental_employers["two_titles"]
    employer.parent_orgnr, employer.parent_name = "923609016", "EQUINOR ASA"
    employer.address, employer.postal_code, employer.postal_place = (
        "Strandkaien 1",
        "5013",
        "BERGEN",
    )
    employer.save()

    response = client.get(employer.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bergen Tannklinikk</h1>" in html
    assert employer.orgnr_display in html
    assert "Strandkaien 1, 5013 BERGEN" in html
    assert "Vestland" in html
    assert "EQUINOR ASA" in html
    assert response.context["occupations"][0][0].slug == "tannhelsesekretaer"
    assert response.context["occupations"][0][1] == 5


def test_a_title_in_two_occupations_counts_for_each_once(client, dental_employers):
    from occupations.models import Occupation
    from tests.factories import OccupationFactory

    other = OccupationFactory(title="Klinikkassistent")
    other.job_titles.add(
        *Occupation.objects.get(slug="tannhelsesekretaer").job_titles.filter(code="5134101")
    )

    occupation_employers_refresh(occupations=[other])

    occupations = dict(
        client.get(dental_employers["two_titles"].get_absolute_url()).context["occupations"]
    )

    assert {o.title: n for o, n in occupations.items()} == {
        "Tannhelsesekretær": 5,
        "Klinikkassistent": 2,
    }


def test_apprenticeship_approvals_are_listed(client, dental_employers):
    html = client.get(dental_employers["apprentice_only"].get_absolute_url()).content.decode()
    assert "Helsesekretærfaget (test)" in html
    assert "Godkjent lærebedrift" in html


def test_closed_employer_is_marked_not_hidden(client, dental_employers, places):
    closed = EmployerFactory(name="Stengt AS", municipality=places["4601"], closed_on=PERIOD)
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 200
    assert "Bedriften er nedlagt (1. oktober 2026)." in response.content.decode()


@pytest.mark.parametrize("orgnr", ["100000000", "974760674", "abc", "1" * 40])
def test_unknown_or_invalid_orgnr_is_404(client, regions, orgnr):
    assert client.get(f"/bedrifter/{orgnr}/").status_code == 404


def test_unknown_employer_404_page_helps(client, regions):
    html = client.get("/bedrifter/974760673/").content.decode()
    assert "Vi fant ikke siden" in html


def test_employment_in_older_months_is_not_shown(client, dental_employers, places):
    import datetime

    from classifications.models import JobTitle

    employer = EmployerFactory(municipality=places["4601"])
    EmploymentFactory(
        employer=employer,
        job_title=JobTitle.objects.get(code="5134103"),
        period=datetime.date(2025, 1, 1),
    )
    assert client.get(employer.get_absolute_url()).context["occupations"] == []
