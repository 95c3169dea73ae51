"""The county map on the occupation page's employer section and on /bedrifter/: its links,
their accessible names, the table beside it, the apprenticeship filter, its size and queries."""

import gzip
import html as html_lib
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from classifications.models import JobTitle
from employers.summary import occupation_employers_refresh
from pagecache.cache import pagecache_invalidate
from tests.employers.conftest import PERIOD
from tests.factories import EmployerFactory, EmploymentFactory

pytestmark = pytest.mark.django_db

OCCUPATION = "/yrker/tannhelsesekretaer/"
SEARCH = "/bedrifter/"


def get(client, url, data=None):
    response = client.get(url, data or {})
    assert response.status_code == 200
    return response.content.decode()


def map_svg(html):
    return re.search(r'<svg class="county-map__svg".*?</svg>', html, re.S).group()


def map_links(html):
    """[(address, accessible name)] of the counties in the map, in the document's order."""
    return [
        (html_lib.unescape(href), html_lib.unescape(label))
        for href, label in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', map_svg(html))
    ]


def table_rows(html):
    """[(address, county, number)] of the table beside the map."""
    table = html.split('class="table-scroll county-map__table"')[1].split("</table>")[0]
    return [
        (html_lib.unescape(href), name, int(number))
        for href, name, number in re.findall(
            r'<th scope="row"><a href="([^"]+)"[^>]*>([^<]+)</a></th><td class="number">(\d+)</td>',
            table,
        )
    ]


def numbers_of(links):
    return {label.split(":")[0]: int(label.split(": ")[1].split()[0]) for _href, label in links}


def test_every_county_is_a_link_to_the_filtered_list_with_its_number(client, dental_employers):
    html = get(client, OCCUPATION)
    links = map_links(html)
    assert len(links) == 15
    assert ("?fylke=46#bedrifter", "Vestland: 3 bedrifter") in links
    assert ("?fylke=03#bedrifter", "Oslo: 1 bedrift") in links
    assert ("?fylke=11#bedrifter", "Rogaland: 0 bedrifter") in links
    assert 'role="group" aria-label="Kart: Bedrifter per fylke"' in html
    assert "© Kartverket" in html


def test_the_table_has_the_same_numbers_and_links_as_the_map(client, dental_employers):
    html = get(client, OCCUPATION, {"sorter": "navn"})
    links, rows = map_links(html), table_rows(html)
    assert len(rows) == 15
    assert [href for href, _label in links] == [href for href, _name, _number in rows]
    assert numbers_of(links) == {name: number for _href, name, number in rows}
    # The link keeps the chosen order and drops the page number.
    assert rows[-4][0] == "?sorter=navn&fylke=46#bedrifter"


def test_the_chosen_county_is_marked_current(client, dental_employers):
    html = get(client, OCCUPATION, {"fylke": "46", "kommune": "4601", "side": "1"})
    svg = map_svg(html)
    assert (
        '<a href="?fylke=46#bedrifter" aria-label="Vestland: 3 bedrifter" aria-current="true">'
        in svg
    )
    assert svg.count("aria-current") == 1
    assert '<a href="?fylke=46#bedrifter" aria-current="true">Vestland</a>' in html


def test_apprenticeship_choice_shades_by_apprenticeship_companies(client, dental_employers):
    html = get(client, OCCUPATION, {"laerebedrift": "on"})
    links = map_links(html)
    assert ("?laerebedrift=on&fylke=46#bedrifter", "Vestland: 1 lærebedrift") in links
    assert ("?laerebedrift=on&fylke=03#bedrifter", "Oslo: 0 lærebedrifter") in links
    assert "Lærebedrifter per fylke" in html
    assert numbers_of(links) == {name: number for _href, name, number in table_rows(html)}
    assert "Åsane Lærebedrift" in html
    assert "Bergen Tannklinikk" not in html


def test_no_map_for_an_occupation_without_employers(client, reference_occupation, regions):
    assert "county-map" not in get(client, OCCUPATION)


def test_counsellor_search_map_follows_the_filters(client, dental_employers):
    html = get(client, SEARCH, {"yrke": "tannhelsesekretaer", "fylke": "03"})
    links = map_links(html)
    assert ("?yrke=tannhelsesekretaer&fylke=46", "Vestland: 3 bedrifter") in links
    assert numbers_of(links) == {name: number for _href, name, number in table_rows(html)}

    html = get(client, SEARCH, {"yrke": "tannhelsesekretaer", "laerebedrift": "on"})
    assert ("?yrke=tannhelsesekretaer&laerebedrift=on&fylke=46", "Vestland: 1 lærebedrift") in (
        map_links(html)
    )


def test_counsellor_search_without_occupation_counts_the_listed_employers(client, dental_employers):
    # Open employers by their municipality's county: Bergen Tannklinikk, Voss, Åsane, Bergen
    # Bakeri, Gammel Klinikk in Vestland; Oslo Tannhelse in Oslo. "Nedlagt" is closed.
    numbers = numbers_of(map_links(get(client, SEARCH)))
    assert (numbers["Vestland"], numbers["Oslo"], numbers["Rogaland"]) == (5, 1, 0)
    numbers = numbers_of(map_links(get(client, SEARCH, {"nedlagte": "on"})))
    assert numbers["Vestland"] == 6
    numbers = numbers_of(map_links(get(client, SEARCH, {"q": "Bergen"})))
    assert (numbers["Vestland"], numbers["Oslo"]) == (2, 0)
    numbers = numbers_of(map_links(get(client, SEARCH, {"laerebedrift": "on"})))
    assert (numbers["Vestland"], numbers["Oslo"]) == (1, 0)
    rows = table_rows(get(client, SEARCH, {"laerebedrift": "on"}))
    assert ("?laerebedrift=on&fylke=46", "Vestland", 1) in rows


def test_the_map_is_small_on_the_wire(client, dental_employers):
    html = get(client, OCCUPATION)
    start = html.index('<div class="county-map"')
    end = html.index("</table>", start)
    assert len(gzip.compress(html[start:end].encode(), compresslevel=6)) < 30_000


def _queries(client, url, data):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, data).status_code == 200
    return [query["sql"] for query in context.captured_queries]


def _more_employers(places):
    titles = list(JobTitle.objects.all())
    for number in range(30):
        place = list(places.values())[number % len(places)]
        employer = EmployerFactory(name=f"Flere Tannklinikk {number}", municipality=place)
        EmploymentFactory(employer=employer, job_title=titles[number % 3], period=PERIOD)
    occupation_employers_refresh()
    pagecache_invalidate()


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (OCCUPATION, {}),
        (OCCUPATION, {"fylke": "46", "laerebedrift": "on"}),
        (SEARCH, {}),
        (SEARCH, {"yrke": "tannhelsesekretaer"}),
        (SEARCH, {"yrke": "tannhelsesekretaer", "q": "Tann"}),
        (SEARCH, {"laerebedrift": "on", "fylke": "46"}),
    ],
)
def test_the_map_costs_one_grouped_query_and_the_count_stays_flat(
    client, dental_employers, places, url, data
):
    before = _queries(client, url, data)
    grouped = [sql for sql in before if "GROUP BY" in sql and 'AS "employers"' in sql]
    assert len(grouped) == 1, grouped
    _more_employers(places)
    assert len(_queries(client, url, data)) == len(before)
