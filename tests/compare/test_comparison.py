"""/yrker/sammenlign/: two to four occupations side by side, the address being the state."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employers.queries import OccupationEmployers
from occupations.models import Occupation, SlugRedirect
from regions.models import County
from tests.factories import OccupationFactory, SalaryStatisticFactory, StyrkGroupFactory

pytestmark = pytest.mark.django_db

URL = "/yrker/sammenlign/"
THREE = "tannhelsesekretaer,tannpleier,helsefagarbeider"


def text(response):
    """The page's visible text, tags removed and white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def column_headers(response):
    html = response.content.decode()
    thead = html[html.index("<thead>") : html.index("</thead>")]
    return re.findall(r'<th scope="col"><a href="/yrker/([^/]+)/"', thead)


def test_the_address_is_reversed_under_the_occupations(client):
    assert reverse("compare:comparison") == URL


def test_three_occupations_side_by_side_in_the_order_given(client, site_content):
    response = client.get(URL, {"yrker": THREE})

    assert response.status_code == 200
    assert column_headers(response) == ["tannhelsesekretaer", "tannpleier", "helsefagarbeider"]
    page = text(response)
    assert "Kreves, gis av Helsedirektoratet" in page
    assert "Tannhelsesekretær (Vg3)" in page
    assert "Bachelor i tannpleie (bachelor)" in page
    assert "smittevern" in page  # the first duties
    assert "25. august 2020, av Tannhelsesekretærenes Forbund" in page  # the stamp
    assert "Ikke kvalitetssikret ennå" in page  # tannpleier has none in the demo
    assert "Helsearbeiderfaget" in page  # the trade
    assert "Ingen lønnstall fra SSB" in page  # none loaded: nothing invented
    assert "Bedrifter i hele landet" in page


def test_employer_figures_are_the_occupation_pages_own(client, site_content):
    occupations = Occupation.objects.filter(slug__in=THREE.split(","))
    response = client.get(URL, {"yrker": THREE})
    html = response.content.decode()
    for occupation in occupations:
        employers = OccupationEmployers(occupation)
        link = f'href="/yrker/{occupation.slug}/#bedrifter">{employers.count()}<'
        assert link in html, occupation.slug
    secretary = occupations.get(slug="tannhelsesekretaer")
    assert OccupationEmployers(secretary).count() > 0
    # The number employed, as the occupation page prints it.
    page = client.get(secretary.get_absolute_url())
    total = OccupationEmployers(secretary).total_employed()
    assert f"{total} arbeidsforhold i yrket" in text(page)
    assert f'<td class="number">{total}</td>' in html


def test_a_county_filters_the_employer_figures(client, site_content):
    vestland = County.objects.get(code="46")
    secretary = Occupation.objects.get(slug="tannhelsesekretaer")
    response = client.get(URL, {"yrker": THREE, "fylke": "46"})

    assert response.status_code == 200
    page = text(response)
    assert "Bedrifter i Vestland" in page
    count = OccupationEmployers(secretary, county=vestland).count()
    assert f'href="/yrker/tannhelsesekretaer/?fylke=46#bedrifter">{count}<' in (
        response.content.decode()
    )
    # Removing an occupation keeps the county.
    assert f"{URL}?yrker=tannpleier,helsefagarbeider&amp;fylke=46" in response.content.decode()


def test_an_unknown_county_gets_a_message_and_the_whole_country(client, site_content):
    response = client.get(URL, {"yrker": THREE, "fylke": "77"})

    assert response.status_code == 400
    page = text(response)
    assert "Fant ikke fylke nummer 77." in page
    assert "Bedrifter i hele landet" in page


def test_a_malformed_county_gets_a_message(client, site_content):
    response = client.get(URL, {"yrker": THREE, "fylke": "x<b>"})

    assert response.status_code == 400
    assert "Fylkesnummeret har to sifre" in text(response)
    assert b"x<b>" not in response.content


def test_an_old_county_number_is_sent_to_todays(client, site_content):
    # 16 Sør-Trøndelag is part of 50 Trøndelag.
    response = client.get(URL, {"yrker": THREE, "fylke": "16"})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?yrker={THREE}&fylke=50"


def test_a_split_county_asks_which_part(client, site_content):
    response = client.get(URL, {"yrker": THREE, "fylke": "30"})

    assert response.status_code == 400
    assert "Fylke 30 Viken finnes ikke lenger; det ble delt i 31" in text(response)


def test_an_unknown_slug_gets_a_message_and_the_picker(client, site_content):
    response = client.get(URL, {"yrker": "tannpleier,finnes-ikke"})

    assert response.status_code == 400
    page = text(response)
    assert "Fant ikke yrket «finnes-ikke»." in page
    assert "<table" not in response.content.decode()
    # The picker, with what was found already ticked.
    assert 'value="tannpleier" id="velg-tannpleier" checked' in response.content.decode()


def test_a_slug_that_looks_like_markup_is_shown_as_text(client, site_content):
    response = client.get(URL, {"yrker": "tannpleier,<script>alert(1)</script>"})

    assert response.status_code == 400
    assert b"<script>alert(1)" not in response.content
    assert "Fant ikke yrket «&lt;script&gt;alert(1)&lt;/script&gt;»" in response.content.decode()


@pytest.mark.parametrize("slug", ["a\x00b", "tann pleier", "TANNPLEIER", "x" * 300])
def test_a_malformed_slug_is_not_found(client, site_content, slug):
    response = client.get(URL, {"yrker": f"tannlege,{slug}", "fylke": "4\x006"})

    assert response.status_code == 400
    assert "Fant ikke yrket" in text(response)


def test_a_duplicate_slug_gets_a_message(client, site_content):
    response = client.get(URL, {"yrker": "tannpleier,tannlege,tannpleier"})

    assert response.status_code == 400
    assert "Yrket «tannpleier» står flere ganger i utvalget." in text(response)


def test_one_occupation_asks_for_more(client, site_content):
    """What the occupation page's "Sammenlign med andre yrker" link opens."""
    response = client.get(URL, {"yrker": "tannpleier"})

    assert response.status_code == 200
    page = text(response)
    assert "Du har valgt Tannpleier. Velg minst ett yrke til" in page
    assert 'value="tannpleier" id="velg-tannpleier" checked' in response.content.decode()


def test_no_occupation_shows_the_picker(client, site_content):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Velg to til fire yrker i listen" in text(response)
    assert response.content.decode().count('type="checkbox" name="yrker"') == (
        Occupation.objects.published().count()
    )


def test_five_occupations_are_too_many(client, site_content):
    response = client.get(URL, {"yrker": f"{THREE},tannlege,sykepleier"})

    assert response.status_code == 400
    assert "Du kan sammenligne høyst 4 yrker om gangen, og du valgte 5." in text(response)
    assert "<table" not in response.content.decode()


def test_a_draft_is_not_found(client, site_content):
    OccupationFactory(slug="hemmelig", draft=True)
    response = client.get(URL, {"yrker": "tannpleier,hemmelig"})

    assert response.status_code == 400
    assert "Fant ikke yrket «hemmelig»." in text(response)


def test_the_picker_form_is_sent_on_to_the_comma_address(client, site_content):
    response = client.get(f"{URL}?yrker=tannpleier&yrker=tannlege&fylke=46")

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?yrker=tannpleier,tannlege&fylke=46"


def test_an_old_address_of_an_occupation_is_followed(client, site_content):
    SlugRedirect.objects.create(
        old_slug="tannhygienist", occupation=Occupation.objects.get(slug="tannpleier")
    )
    response = client.get(URL, {"yrker": "tannhygienist,tannlege"})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?yrker=tannpleier,tannlege"


def test_salary_medians_where_ssb_figures_are_loaded(client, site_content):
    nurse = Occupation.objects.get(slug="sykepleier")
    group = StyrkGroupFactory(code="9991", name="Målegruppe")
    nurse.styrk_groups.add(group)
    SalaryStatisticFactory(styrk_group=group, year=2023, value=41000)
    SalaryStatisticFactory(styrk_group=group, year=2024, value=52340)
    response = client.get(URL, {"yrker": "sykepleier,tannpleier"})

    page = text(response)
    assert "52 340 kr (Målegruppe, 2024)" in page.replace("\xa0", " ")
    assert "41 000" not in page.replace("\xa0", " ")
    assert "Ingen lønnstall fra SSB" in page  # tannpleier


def test_the_query_count_is_the_same_for_two_and_four(client, site_content):
    counts = {}
    for slugs in ["tannhelsesekretaer,tannpleier", f"{THREE},elektriker"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"yrker": slugs}).status_code == 200
        counts[slugs.count(",") + 1] = len(queries)
    assert counts[2] == counts[4], counts
    assert counts[4] <= 12, counts


def test_the_comparison_is_served_from_the_page_cache(client, site_content):
    first = client.get(URL, {"yrker": THREE})
    second = client.get(URL, {"yrker": THREE})

    assert first.wsgi_request.page_cache == "miss"
    assert second.wsgi_request.page_cache == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]


def test_the_occupation_page_links_to_a_comparison(client, site_content):
    response = client.get("/yrker/tannpleier/")

    assert f'href="{URL}?yrker=tannpleier"' in response.content.decode()
    assert client.get(f"{URL}?yrker=tannpleier").status_code == 200


@pytest.mark.parametrize(
    ("prefix", "heading", "row"),
    [
        ("/nn", "Samanlikn yrke", "Bedrifter i heile landet"),
        ("/en", "Compare occupations", "Businesses in the whole country"),
    ],
)
def test_the_page_in_nynorsk_and_english(client, site_content, prefix, heading, row):
    response = client.get(f"{prefix}{URL}", {"yrker": THREE})

    assert response.status_code == 200
    assert heading in text(response)
    assert row in text(response)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    yrker=st.lists(
        st.one_of(
            st.sampled_from(["tannpleier", "tannlege", "sykepleier", ",", ""]),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
        ),
        max_size=6,
    ),
    fylke=st.one_of(st.none(), st.sampled_from(["46", "03", "30", "16"]), st.text(max_size=4)),
)
def test_random_addresses_never_fail(client, demo_content, yrker, fylke):
    query = {"yrker": yrker} if fylke is None else {"yrker": yrker, "fylke": fylke}
    response = client.get(URL, query)
    assert response.status_code in (200, 302, 400)
