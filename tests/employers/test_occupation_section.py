import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/yrker/tannhelsesekretaer/"


def rows(response):
    """(name, municipality, employed, apprenticeship cell text) for each row of the table."""
    html = response.content.decode()
    table = html.split('class="employers-table"')[1].split("</table>")[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        found.append(tuple(cells))
    return found


def names(response):
    return [row[0] for row in rows(response)]


def test_whole_country_counts_an_employer_with_two_titles_once(client, dental_employers):
    response = client.get(URL)

    assert response.status_code == 200
    assert names(response) == [
        "Oslo Tannhelse",
        "Bergen Tannklinikk",
        "Voss Tannlegesenter",
        "Åsane Lærebedrift",
    ]
    bergen = rows(response)[1]
    assert bergen[:3] == ("Bergen Tannklinikk", "Bergen", "5")
    html = response.content.decode()
    assert "4 bedrifter" in html
    assert "13 arbeidsforhold i yrket i oktober 2026" in html
    assert "Tannhelsesekretær i hele landet" in html


def test_apprenticeship_company_is_marked_with_running_contracts(client, dental_employers):
    row = rows(client.get(URL))[-1]
    assert row[0] == "Åsane Lærebedrift"
    assert row[2] == "0"
    assert "Godkjent lærebedrift" in row[3]
    assert "3 lærekontrakter" in row[3]


def test_one_county(client, dental_employers):
    response = client.get(URL, {"fylke": "46"})
    assert names(response) == ["Bergen Tannklinikk", "Voss Tannlegesenter", "Åsane Lærebedrift"]
    assert "Tannhelsesekretær i Vestland" in response.content.decode()
    assert "6 arbeidsforhold i yrket" in response.content.decode()


def test_one_municipality(client, dental_employers):
    response = client.get(URL, {"fylke": "46", "kommune": "4601"})
    assert names(response) == ["Bergen Tannklinikk", "Åsane Lærebedrift"]
    assert "Tannhelsesekretær i Bergen" in response.content.decode()


def test_municipality_alone_gets_its_county_in_the_address(client, dental_employers):
    response = client.get(URL, {"kommune": "4621"}, follow=True)
    assert response.redirect_chain == [(f"{URL}?kommune=4621&fylke=46#bedrifter", 302)]
    assert names(response) == ["Voss Tannlegesenter"]
    assert '<option value="46" selected>' in response.content.decode()


def test_counts_per_county_beside_the_selector(client, dental_employers):
    html = client.get(URL).content.decode()
    counts = re.findall(
        r'<a href="\?fylke=(\d\d)#bedrifter">[^<]+</a></th><td class="number">([1-9]\d*)</td>',
        html,
    )
    assert counts == [("03", "1"), ("46", "3")]


def test_sorting_by_name_uses_norwegian_order(client, dental_employers):
    response = client.get(URL, {"sorter": "navn"})
    assert names(response) == [
        "Bergen Tannklinikk",
        "Oslo Tannhelse",
        "Voss Tannlegesenter",
        "Åsane Lærebedrift",
    ]


def test_pages_keep_the_filter(client, dental_employers, settings, monkeypatch):
    monkeypatch.setattr("employers.sections.PAGE_SIZE", 2)
    first = client.get(URL, {"fylke": "46"})
    assert names(first) == ["Bergen Tannklinikk", "Voss Tannlegesenter"]
    assert 'href="?fylke=46&amp;side=2#bedrifter"' in first.content.decode()
    second = client.get(URL, {"fylke": "46", "side": "2"})
    assert names(second) == ["Åsane Lærebedrift"]


def test_region_form_lists_the_chosen_countys_municipalities(client, dental_employers):
    html = client.get(URL, {"fylke": "46"}).content.decode()
    kommune = html.split('name="kommune"')[1].split("</select>")[0]
    assert '<option value="4601">Bergen</option>' in kommune
    assert "0301" not in kommune


def test_the_register_explanations_show_with_their_update_date(client, dental_employers):
    import datetime

    from django.utils import timezone

    from registers.models import DataSource

    DataSource.objects.filter(key="vigo").update(
        refreshed_at=timezone.make_aware(datetime.datetime(2026, 11, 25, 3, 0))
    )
    html = client.get(URL).content.decode()
    assert (
        "Informasjon om løpende lærekontrakter og godkjente lærebedrifter hentes fylkesvis "
        "fra Vigo." in html
    )
    assert (
        "Om en legger sammen stillingstall for disse enkeltyrkene vil det samlede "
        "stillingstallet bli for høyt." in html
    )
    assert "Oppdatert 25. november 2026" in html


def test_old_numbers_redirect_to_todays(client, dental_employers):
    response = client.get(URL, {"kommune": "3001"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?kommune=3101&fylke=31#bedrifter"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fylke": "77"}, "Fant ikke fylke nummer 77."),
        ({"fylke": "x1"}, "Fylkesnummeret har to sifre"),
        ({"fylke": "4" * 500}, "Fylkesnummeret har to sifre"),
        ({"kommune": "9998"}, "Fant ikke kommune nummer 9998."),
        ({"fylke": "03", "kommune": "4601"}, "Kommunen Bergen ligger ikke i Oslo."),
        (
            {"fylke": "30"},
            "Fylke 30 Viken finnes ikke lenger; det ble delt i 31 Østfold, 32 Akershus, "
            "33 Buskerud.",
        ),
        (
            {"kommune": "1507"},
            "Kommune 1507 Ålesund finnes ikke lenger; den ble delt i 1508 Ålesund, 1580 Haram.",
        ),
        ({"side": "abc"}, "Sidenummeret må være et helt tall."),
        ({"side": "0"}, "Sidenummeret må være 1 eller mer."),
        ({"side": "99"}, "Siden finnes ikke; listen har 1 sider."),
        ({"sorter": "<script>"}, "Ukjent sortering «&lt;script&gt;»."),
    ],
)
def test_bad_input_answers_400_with_a_message_in_the_form(client, dental_employers, query, message):
    response = client.get(URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert "<h1>Tannhelsesekretær</h1>" in html
