import csv
import io

import pytest

pytestmark = pytest.mark.django_db

URL = "/bedrifter/"


def listed(response):
    return [employer.name for employer in response.context["page"].object_list]


def exported(client, query):
    response = client.get("/bedrifter/eksport.csv", query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def test_all_active_employers_by_name_with_total(client, dental_employers):
    response = client.get(URL)
    assert response.status_code == 200
    names = listed(response)
    assert "Nedlagt Klinikk" not in names
    assert names[:2] == ["Bergen Bakeri", "Bergen Tannklinikk"]
    assert names[-1] == "Åsane Lærebedrift"
    assert f"{len(names)} bedrifter funnet" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{}, {"fylke": "46"}, {"fylke": "03"}, {"fylke": "46", "q": "tann"}, {"laerebedrift": "on"}],
    ids=["country", "county", "empty-county", "county-and-name", "apprenticeships"],
)
def test_the_count_is_the_number_listed(client, dental_employers, query):
    """Without a municipality or an occupation the count comes from the county map's counts."""
    from tests.factories import EmployerFactory

    EmployerFactory(name="Uten Sted Tannklinikk", municipality=None)  # counted, in no county
    response = client.get(URL, query)
    assert response.status_code == 200
    names = listed(response)
    assert response.context["page"].paginator.count == len(names)
    assert ("Uten Sted Tannklinikk" in names) == (query in ({}, {"q": "tann"}))


def test_every_order_and_filter_lists_in_norwegian_order(client, dental_employers, places):
    from tests.factories import EmployerFactory

    for name in ["Aasen Tannhelse", "Ålesund Tannhelse", "Zeta Tannhelse", "Ærlig Tannhelse"]:
        EmployerFactory(name=name, municipality=places["4601"])
    expected = ["Zeta Tannhelse", "Ærlig Tannhelse", "Ålesund Tannhelse", "Aasen Tannhelse"]

    assert [n for n in listed(client.get(URL)) if n in expected] == expected
    assert [n for n in listed(client.get(URL, {"fylke": "46"})) if n in expected] == expected
    assert listed(client.get(URL, {"q": "tannhelse", "fylke": "46"})) == expected
    assert listed(client.get(URL, {"q": "tannhelse"})) == ["Oslo Tannhelse", *expected]


def test_by_municipality_lists_the_municipalities_a_to_aa(client, dental_employers):
    names = listed(client.get(URL, {"fylke": "46", "sorter": "kommune"}))
    bergen = ["Bergen Bakeri", "Bergen Tannklinikk", "Gammel Klinikk", "Åsane Lærebedrift"]
    assert names == [*bergen, "Voss Tannlegesenter"]
    everywhere = listed(client.get(URL, {"sorter": "kommune"}))
    assert everywhere.index("Bergen Bakeri") < everywhere.index("Oslo Tannhelse")
    assert everywhere.index("Oslo Tannhelse") < everywhere.index("Voss Tannlegesenter")


def test_closed_employers_only_when_asked(client, dental_employers):
    assert "Nedlagt Klinikk" in listed(client.get(URL, {"nedlagte": "on"}))


def test_filter_by_county_municipality_and_occupation(client, dental_employers):
    response = client.get(URL, {"fylke": "46", "kommune": "4601", "yrke": "tannhelsesekretaer"})
    assert listed(response) == ["Bergen Tannklinikk", "Åsane Lærebedrift"]
    assert [e.employed for e in response.context["page"].object_list] == [5, 0]


def test_only_approved_apprenticeship_companies(client, dental_employers):
    response = client.get(URL, {"laerebedrift": "on"})
    assert listed(response) == ["Åsane Lærebedrift"]


def test_filter_by_trade(client, dental_employers):
    response = client.get(URL, {"fag": dental_employers["trade"].pk})
    assert listed(response) == ["Åsane Lærebedrift"]


@pytest.mark.parametrize("query", ["bergen tann", "BERGEN TANNKLINIKK"])
def test_search_by_name(client, dental_employers, query):
    assert listed(client.get(URL, {"q": query})) == ["Bergen Tannklinikk"]


def test_search_by_orgnr_with_or_without_spaces(client, dental_employers):
    orgnr = dental_employers["voss"].orgnr
    spaced = f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}"
    assert listed(client.get(URL, {"q": orgnr})) == ["Voss Tannlegesenter"]
    assert listed(client.get(URL, {"q": spaced})) == ["Voss Tannlegesenter"]


def test_csv_export_equals_the_filtered_list_and_round_trips_norwegian_letters(
    client, dental_employers
):
    query = {"fylke": "46", "yrke": "tannhelsesekretaer", "sorter": "navn"}
    page = client.get(URL, query)
    rows = exported(client, query)
    assert [row["navn"] for row in rows] == listed(page)
    assert [row["organisasjonsnummer"] for row in rows] == [
        e.orgnr for e in page.context["page"].object_list
    ]
    assert rows[-1]["navn"] == "Åsane Lærebedrift"
    assert rows[-1]["godkjent_laerebedrift"] == "ja"
    assert rows[0]["ansatte_i_yrket"] == "5"
    assert rows[0]["fylke"] == "Vestland"


def test_csv_link_carries_the_current_filter(client, dental_employers):
    html = client.get(URL, {"fylke": "46", "side": "1"}).content.decode()
    assert 'href="/bedrifter/eksport.csv?fylke=46"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fylke": "99"}, "Fant ikke fylke nummer 99."),
        ({"fylke": "03", "kommune": "4601"}, "Kommunen Bergen ligger ikke i Oslo."),
        ({"kommune": "12345"}, "Kommunenummeret har fire sifre"),
        ({"yrke": "finnes-ikke"}, "Fant ikke yrket «finnes-ikke»."),
        ({"q": "974 760 674"}, "974 760 674 er ikke et gyldig organisasjonsnummer"),
        ({"q": "x" * 101}, "Sørg for at denne verdien har 100 eller færre tegn"),
        ({"side": "abc"}, "Siden «abc» finnes ikke; listen har 1 sider."),
        ({"side": "50"}, "Siden «50» finnes ikke"),
        ({"sorter": "pris"}, "Ukjent sortering «pris»."),
    ],
)
def test_bad_input_answers_400_with_a_message(client, dental_employers, query, message):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_bad_filter_on_the_export_answers_400_too(client, dental_employers):
    response = client.get("/bedrifter/eksport.csv", {"fylke": "77"})
    assert response.status_code == 400
    assert "Fant ikke fylke nummer 77." in response.content.decode()


def test_html_in_the_query_is_escaped(client, dental_employers):
    html = client.get(URL, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
