import re

import pytest
from django.urls import reverse

from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


def test_index_lists_published_occupations_in_norwegian_order(client):
    for title in [
        "Åkerbruker",
        "Ølbrygger",
        "Zoolog",
        "ærfugljeger",
        "Apotektekniker",
        "Ørnepasser",
        "Bonde",
    ]:
        OccupationFactory(title=title)
    OccupationFactory(title="Utkastyrke", draft=True)

    html = client.get(reverse("occupations:index")).content.decode()

    titles = re.findall(r'<li><a href="/yrker/[^"]+/">([^<]+)</a></li>', html)
    assert titles == [
        "Apotektekniker",
        "Bonde",
        "Zoolog",
        "ærfugljeger",
        "Ølbrygger",
        "Ørnepasser",
        "Åkerbruker",
    ]
    assert "Utkastyrke" not in html


def test_index_groups_by_first_letter_with_a_letter_index(client):
    for title in ["Bonde", "Baker", "Økonom"]:
        OccupationFactory(title=title)

    html = client.get(reverse("occupations:index")).content.decode()

    headings = re.findall(r'<h2 id="bokstav-(.)">', html)
    assert headings == ["B", "Ø"]
    assert '<a href="#bokstav-Ø">Ø</a>' in html
    assert '<span aria-disabled="true">Å</span>' in html


def test_titles_beginning_with_aa_are_filed_under_the_last_letter(client):
    for title in ["Avløser", "Aakerbruker", "Åkerbruker", "Akvakulturtekniker"]:
        OccupationFactory(title=title)

    html = client.get(reverse("occupations:index")).content.decode()

    assert re.findall(r'<h2 id="bokstav-(.)">', html) == ["A", "Å"]
    titles = re.findall(r'<li><a href="/yrker/[^"]+/">([^<]+)</a></li>', html)
    assert titles == ["Akvakulturtekniker", "Avløser", "Åkerbruker", "Aakerbruker"]


def test_queryset_orders_alphabetically_on_this_database():
    from occupations.models import Occupation

    for title in ["åker", "øl", "ære", "zebra", "Ærlig", "abbor"]:
        OccupationFactory(title=title)
    ordered = list(Occupation.objects.alphabetical().values_list("title", flat=True))
    assert ordered == ["abbor", "zebra", "ære", "Ærlig", "øl", "åker"]


def test_home_links_to_index_and_occupations(client):
    occupation = OccupationFactory(title="Rørlegger", slug="rorlegger")
    html = client.get(reverse("occupations:home")).content.decode()
    assert reverse("occupations:index") in html
    assert occupation.get_absolute_url() in html
