"""/api/v1/occupations/<slug>/employers: the same employers and numbers as the occupation
page's "Bedrifter" section (one read model, one rule: an employer counted once per occupation,
its employees summed over the occupation's titles), by county and municipality."""

import pytest

from employers.queries import OccupationEmployers
from employers.summary import occupation_employers_refresh
from tests.api.conftest import assert_problem
from tests.employers.conftest import PERIOD
from tests.factories import EmployerFactory, EmploymentFactory

pytestmark = pytest.mark.django_db


def test_the_whole_country(dental_employers, api_get):
    data = api_get("occupations/tannhelsesekretaer/employers").json()
    assert data["occupation"]["slug"] == "tannhelsesekretaer"
    assert (data["county"], data["municipality"]) == (None, None)
    assert data["period"] == PERIOD.strftime("%Y-%m")
    names = [row["name"] for row in data["results"]]
    # Most employed first; the closed clinic, the old month and the bakery are not there.
    assert names == [
        "Oslo Tannhelse",
        "Bergen Tannklinikk",
        "Voss Tannlegesenter",
        "Åsane Lærebedrift",
    ]
    two_titles = data["results"][1]
    assert two_titles["employed"] == 5  # 3 + 2 in two of the occupation's titles, counted once
    assert two_titles["orgnr"] == dental_employers["two_titles"].orgnr
    assert two_titles["municipality"] == {"code": "4601", "name": "Bergen"}
    assert two_titles["county"] == {"code": "46", "name": "Vestland"}
    assert two_titles["url"] == f"http://testserver/bedrifter/{two_titles['orgnr']}/"
    apprentice = data["results"][3]
    assert apprentice["is_apprenticeship_company"] is True
    assert apprentice["contracts"] == 3
    assert data["total_employed"] == 13
    assert data["by_county"] == [
        {"code": "03", "name": "Oslo", "employers": 1},
        {"code": "46", "name": "Vestland", "employers": 3},
    ]


def test_the_same_numbers_as_the_occupation_page(dental_employers, client, api_get):
    for query in ("", "fylke=46", "fylke=46&kommune=4601"):
        page = client.get(f"/yrker/tannhelsesekretaer/?{query}").context["employers"]
        api_query = query.replace("fylke", "county").replace("kommune", "municipality")
        data = api_get(f"occupations/tannhelsesekretaer/employers?{api_query}").json()
        assert data["count"] == page.page.paginator.count
        assert data["total_employed"] == page.total_employed
        assert [row["orgnr"] for row in data["results"]] == [e.orgnr for e in page.page]
        assert sorted((c["code"], c["employers"]) for c in data["by_county"]) == sorted(
            (area.code, area.count) for area in page.county_map.areas if area.count
        )


def test_a_county_and_a_municipality(dental_employers, api_get):
    data = api_get("occupations/tannhelsesekretaer/employers?county=46").json()
    assert data["county"] == {"code": "46", "name": "Vestland"}
    assert data["count"] == 3
    assert data["total_employed"] == 6
    voss = api_get("occupations/tannhelsesekretaer/employers?county=46&municipality=4621").json()
    assert [row["name"] for row in voss["results"]] == ["Voss Tannlegesenter"]
    # A municipality alone names its county too.
    alone = api_get("occupations/tannhelsesekretaer/employers?municipality=4621").json()
    assert alone["county"]["code"] == "46"
    assert alone["count"] == 1


def test_orderings(dental_employers, api_get):
    def names(order):
        query = f"occupations/tannhelsesekretaer/employers?order={order}"
        return [row["name"] for row in api_get(query).json()["results"]]

    assert names("name") == [
        "Bergen Tannklinikk",
        "Oslo Tannhelse",
        "Voss Tannlegesenter",
        "Åsane Lærebedrift",
    ]
    assert names("contracts")[0] == "Åsane Lærebedrift"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("county=7", "county"),
        ("county=77", "county"),
        ("county=4%00", "county"),
        ("municipality=12", "municipality"),
        ("municipality=9999", "municipality"),
        ("county=03&municipality=4601", "municipality"),
        ("order=ansatte", "order"),
        ("fylke=46", "fylke"),
        ("page=2", "page"),
        ("limit=500", "limit"),
    ],
)
def test_bad_filters_are_400_problems(dental_employers, api_get, query, parameter):
    response = api_get(f"occupations/tannhelsesekretaer/employers?{query}")
    assert_problem(response, 400, parameter)


def test_licences_name_each_register(dental_employers, api_get):
    meta = api_get("occupations/tannhelsesekretaer/employers").json()["meta"]
    licences = {licence["source"]: licence for licence in meta["licences"]}
    assert licences["enhetsregisteret"]["licence"] == "NLOD 2.0"
    assert "results.name" in licences["enhetsregisteret"]["fields"]
    assert "results.employed" in licences["aa-registeret"]["fields"]
    assert "results.contracts" in licences["vigo"]["fields"]
    assert licences["bring"]["licence"] == "NLOD 2.0"
    assert licences["ssb"]["licence"] == "CC BY 4.0"


def add_employers(count, reference_occupation, places):
    title = reference_occupation.job_titles.first()
    for _ in range(count):
        employer = EmployerFactory(municipality=places["4601"])
        EmploymentFactory(employer=employer, job_title=title, period=PERIOD)
    occupation_employers_refresh()


def test_query_count_is_flat(
    dental_employers, reference_occupation, places, api_get, count_queries
):
    path = "occupations/tannhelsesekretaer/employers?county=46&limit=200"
    few = count_queries(api_get, path)
    add_employers(30, reference_occupation, places)
    assert OccupationEmployers(reference_occupation).count() > 30
    assert count_queries(api_get, path) == few <= 12
