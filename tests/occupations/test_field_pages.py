"""Browse by field: NAV's areas and fields, each with its published occupations A–Å."""

import re

import pytest
from django.urls import reverse

from classifications.models import FieldOfWork
from occupations.models import Occupation
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

FIELDS = "/yrker/omrader/"


def titles(html):
    section = html.split('id="yrker"', 1)[1]
    return re.findall(r'<li><a href="/yrker/[^"]+/">([^<]+)</a></li>', section)


def test_the_field_index_lists_the_fields_that_have_occupations(client, demo_content):
    html = client.get(FIELDS).content.decode()

    assert reverse("occupations:fields") == FIELDS
    assert '<a href="/yrker/omrader/helse-og-sosial/">Helse og sosial</a>' in html
    assert '<a href="/yrker/omrader/tannhelse-pleie/">Tannhelse/-pleie</a>' in html
    assert "Alternativ medisin" not in html  # no published occupation in it


def test_a_field_lists_its_occupations_and_an_area_those_of_all_its_fields(client, demo_content):
    field = client.get("/yrker/omrader/tannhelse-pleie/").content.decode()
    area = client.get("/yrker/omrader/helse-og-sosial/").content.decode()

    assert titles(field) == ["Tannlege", "Tannpleier"]
    assert '<a href="/yrker/omrader/helse-og-sosial/">Helse og sosial</a>' in field
    assert titles(area) == sorted(titles(area), key=lambda t: t.replace("Ø", "ZØ"))
    assert {"Helsefagarbeider", "Sykepleier", "Tannhelsesekretær", "Tannpleier"} <= set(
        titles(area)
    )
    assert "Elektriker" not in titles(area)
    assert '<a href="/yrker/omrader/tannhelse-pleie/">Tannhelse/-pleie</a>' in area


def test_occupations_in_a_field_come_a_to_aa_in_norwegian_order(client, styrk08):
    group = FieldOfWork.objects.get(slug="tannhelse-pleie").styrk_groups.first()
    for title in ["Ås", "Øst", "Zulu", "Aasen", "Ære"]:
        OccupationFactory(title=title).styrk_groups.add(group)

    html = client.get("/yrker/omrader/tannhelse-pleie/").content.decode()

    assert titles(html) == ["Zulu", "Ære", "Øst", "Ås", "Aasen"]


def test_editors_add_and_remove_fields_per_occupation(client, demo_content):
    secretary = Occupation.objects.get(slug="tannhelsesekretaer")
    dental, secretaries = (
        FieldOfWork.objects.get(slug=slug) for slug in ["tannhelse-pleie", "helsesekretaer"]
    )
    assert list(secretary.fields_of_work()) == [secretaries]

    secretary.fields_added.add(dental)
    secretary.fields_removed.add(secretaries)

    assert list(secretary.fields_of_work()) == [dental]
    assert "Tannhelsesekretær" in titles(client.get(dental.get_absolute_url()).content.decode())
    assert "Tannhelsesekretær" not in titles(
        client.get(secretaries.get_absolute_url()).content.decode()
    )
    page = client.get(secretary.get_absolute_url()).content.decode()
    assert '<a href="/yrker/omrader/tannhelse-pleie/">Tannhelse/-pleie</a>' in page
    assert "/yrker/omrader/helsesekretaer/" not in page
    # The area still has it, through the field the editor added.
    area = client.get("/yrker/omrader/helse-og-sosial/").content.decode()
    assert "Tannhelsesekretær" in titles(area)


def test_drafts_are_not_listed_and_unknown_fields_are_404(client, styrk08):
    group = FieldOfWork.objects.get(slug="tannhelse-pleie").styrk_groups.first()
    OccupationFactory(title="Hemmelig", draft=True).styrk_groups.add(group)

    assert "Hemmelig" not in client.get("/yrker/omrader/tannhelse-pleie/").content.decode()
    assert "Hemmelig" not in client.get(FIELDS).content.decode()
    assert client.get("/yrker/omrader/finnes-ikke/").status_code == 404


def test_the_index_and_the_occupation_page_link_to_the_fields(client, demo_content):
    assert f'href="{FIELDS}"' in client.get("/yrker/").content.decode()
    page = client.get("/yrker/tannpleier/").content.decode()
    assert '<a href="/yrker/omrader/tannhelse-pleie/">Tannhelse/-pleie</a>' in page
    assert '(<a href="/yrker/omrader/helse-og-sosial/">Helse og sosial</a>)' in page


@pytest.mark.parametrize("size", [2, 20])
def test_field_pages_make_a_fixed_number_of_queries(
    client, styrk08, django_assert_max_num_queries, size
):
    group = FieldOfWork.objects.get(slug="tannhelse-pleie").styrk_groups.first()
    for occupation in OccupationFactory.create_batch(size):
        occupation.styrk_groups.add(group)
        occupation.fields_added.add(FieldOfWork.objects.get(slug="helsesekretaer"))
    for url in [FIELDS, "/yrker/omrader/tannhelse-pleie/", "/yrker/omrader/helse-og-sosial/"]:
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
