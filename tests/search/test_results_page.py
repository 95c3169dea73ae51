"""/sok/: what a visitor sees for a query, an empty query and a query without hits."""

import re

import pytest
from django.urls import reverse

from changes.record import changes_record
from occupations.models import Occupation
from search.engine import search
from tests.factories import (
    AlternativeTitleFactory,
    DutyFactory,
    JobTitleFactory,
    OccupationFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("search:results")


def page(client, query, status=200):
    response = client.get(URL, {"q": query})
    assert response.status_code == status
    return response.content.decode()


def hit_titles(html):
    return re.findall(r'<h3 class="search-hit__title"><a href="[^"]+">(.*?)</a>', html)


@pytest.mark.parametrize(
    "name", ["occupations:home", "occupations:index", "employers:search", "search:results"]
)
def test_every_page_has_the_search_box(client, db, name):
    html = client.get(reverse(name)).content.decode()
    form = re.search(r'<form class="site-search" role="search" action="/sok/" method="get">', html)
    assert form
    assert '<label class="visually-hidden" for="site-search-q">Søk etter yrker og bedrifter' in html
    assert 'id="site-search-q" name="q"' in html
    assert 'src="/static/js/search-suggest' in html
    assert "style=" not in html.split("<main", 1)[0]  # no inline style in the header


def test_the_occupation_page_has_the_search_box(client, reference_occupation):
    html = client.get(reference_occupation.get_absolute_url()).content.decode()
    assert 'role="search"' in html


def test_hits_with_links_and_highlighted_snippet(client, searchable):
    html = page(client, "tannlegeassistent")
    assert hit_titles(html)[0] == "Tannhelsesekretær"
    assert '<a href="/yrker/tannhelsesekretaer/">' in html
    assert "Også kalt: <mark>tannlegeassistent</mark>" in html
    assert "1 yrke passer til «tannlegeassistent»." in html


def test_a_title_hit_is_marked_in_the_title(client, searchable):
    html = page(client, "sykepleiere")
    assert hit_titles(html)[0] == "<mark>Sykepleier</mark>"


def test_a_duty_hit_shows_the_duty(client, searchable):
    html = page(client, "smittevern")
    assert "Arbeidsoppgave:" in html or "<mark>smittevernet</mark>" in html
    assert "<mark>" in html


def test_place_becomes_a_removable_chip_and_links_to_employers(client, searchable):
    html = page(client, "elektriker i Bergen")
    assert hit_titles(html)[0] == "<mark>Elektriker</mark>"
    assert 'class="chip" href="/sok/?q=elektriker">Bergen' in html
    assert 'href="/yrker/elektriker/?fylke=46&amp;kommune=4601#bedrifter"' in html
    assert "0 bedrifter i Bergen" in html


def test_a_county_in_the_query(client, searchable):
    html = page(client, "rørlegger i Vestland")
    assert 'class="chip" href="/sok/?q=r%C3%B8rlegger">Vestland' in html
    assert 'href="/yrker/rorlegger/?fylke=46#bedrifter"' in html


def test_a_place_alone_stays_a_query(client, searchable):
    html = page(client, "bergen")
    assert 'class="chip"' not in html


def test_empty_query_shows_the_index_from_a_to_a(client, searchable):
    for query in ["", "   "]:
        html = page(client, query)
        assert "Alle yrker fra A til Å" in html
        titles = re.findall(r'<li><a href="/yrker/[^"]+/">([^<]+)</a></li>', html)
        assert titles[0] == "Barnehagelærer"
        assert titles[-1] == "Yrkessjåfør"
        assert "Øyelege" not in titles  # a draft


def test_no_hits_suggests_the_nearest_titles(client, searchable):
    html = page(client, "tannlegesekretær assistent kjeve")
    assert "Mente du" not in html  # it found something
    html = page(client, "sykeplejerske")
    assert "Fant ingen yrker eller bedrifter for «sykeplejerske»." in html
    assert 'Mente du <a href="/yrker/sykepleier/">Sykepleier</a>?' in html


def test_compounds_do_not_flood(client, searchable):
    """ "lærer" finds the teacher first; the words it is only part of come after, and the
    verb "lærer" in another lead does not outrank a compound title."""
    html = page(client, "lærer")
    titles = hit_titles(html)
    assert titles[0] == "<mark>Lærer</mark>"
    assert titles[1] == "<mark>Barnehagelærer</mark>"
    assert len(titles) <= 4


def test_employers_by_name_and_organisation_number(client, searchable, search_employers):
    clinic = search_employers["bergen_tann"]
    html = page(client, "tannklinikk")
    assert html.index("Bergen Tannklinikk AS") < html.index("Oslo Tannklinikk")
    assert "Nedlagt Tannklinikk" not in html  # closed: found by number, not by name
    html = page(client, search_employers["closed"].orgnr)
    assert "Nedlagt Tannklinikk" in html
    assert "nedlagt" in html
    for query in [clinic.orgnr, clinic.orgnr_display, f" {clinic.orgnr[:3]} {clinic.orgnr[3:]} "]:
        html = page(client, query)
        assert f'<a href="/bedrifter/{clinic.orgnr}/">Bergen Tannklinikk AS</a>' in html, query


def test_employers_without_ae_o_a_and_in_the_named_place(client, searchable, search_employers):
    html = page(client, "rorlegger")
    assert "Rørlegger Hansen AS" in html
    html = page(client, "tannklinikk oslo")
    assert "Oslo Tannklinikk" in html
    assert "Bergen Tannklinikk AS" not in html


def test_query_count_is_flat(client, django_assert_max_num_queries, searchable, search_employers):
    with django_assert_max_num_queries(10):
        page(client, "tannklinikk i bergen")
    for n in range(40):
        occupation = OccupationFactory(title=f"Klinikkyrke {n}", lead="Jobber på en tannklinikk.")
        AlternativeTitleFactory(occupation=occupation, title=f"tannklinikkarbeider {n}")
        DutyFactory(occupation=occupation, text="rydder tannklinikken")
    changes_record(models=[Occupation])  # factories write directly; say what changed
    with django_assert_max_num_queries(10):
        html = page(client, "tannklinikk i bergen")
    assert len(hit_titles(html)) == 20
    with django_assert_max_num_queries(10):
        page(client, "finnesikke")


def test_apprenticeship_companies_in_a_county(client, searchable):
    html = page(client, "lærebedrift i Vestland")
    assert 'class="chip" href="/sok/?q=l%C3%A6rebedrift">Vestland' in html
    assert (
        '<a href="/bedrifter/?laerebedrift=on&amp;fylke=46">Alle godkjente lærebedrifter i Vestland'
        in html
    )
    html = page(client, "laerebedrifter elektriker")
    assert hit_titles(html)[0] == "<mark>Elektriker</mark>"
    assert '<a href="/bedrifter/?laerebedrift=on">Alle godkjente lærebedrifter' in html


def test_short_place_names_need_i(client, searchable, search_employers):
    html = page(client, "rørlegger hansen as")
    assert 'class="chip"' not in html
    assert "Rørlegger Hansen AS" in html
    html = page(client, "kokk i ås")
    assert 'class="chip" href="/sok/?q=kokk">Ås' in html


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("5134103", "Stillingskode: <mark>5134103</mark> – TANNHELSESEKRETÆR"),
        ("3256", "Yrkesgruppe i STYRK-08: <mark>3256</mark> – Helsesekretærer"),
        ("464201", "Utdanningskode (NUS): <mark>464201</mark> – Tannhelsesekretær"),
    ],
)
def test_a_code_finds_its_occupation_first_and_says_which_code(client, searchable, query, reason):
    html = page(client, query)
    assert hit_titles(html)[0] == "Tannhelsesekretær"
    assert reason in html


def test_a_code_outweighs_every_text(db):
    """A number in another occupation's text never beats the occupation with that code."""
    coded = OccupationFactory(title="Kodeyrke")
    coded.job_titles.add(JobTitleFactory(code="9999123", name="KODETITTEL"))
    other = OccupationFactory(title="Tekstyrke 9999123", lead="9999123 9999123")
    changes_record(models=[Occupation])
    assert [hit.occupation for hit in search("9999123").occupations][:2] == [coded, other]
