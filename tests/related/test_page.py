"""The occupation page's related occupations, as a visitor reads them."""

import pytest

from employers.models import OccupationEmployer
from related.compute import related_refresh
from tests.factories import EmployerFactory, OccupationFactory, StyrkGroupFactory

pytestmark = pytest.mark.django_db


def section(html):
    return " ".join(html.split('id="relaterte-yrker"', 1)[1].split("</section>", 1)[0].split())


@pytest.fixture
def dental():
    secretary = OccupationFactory(
        title="Tannhelsesekretær", title_plural="tannhelsesekretærer", slug="tannhelsesekretaer"
    )
    hygienist = OccupationFactory(title="Tannpleier", title_plural="tannpleiere", slug="tannpleier")
    employers = EmployerFactory.create_batch(10)
    OccupationEmployer.objects.bulk_create(
        OccupationEmployer(
            occupation=occupation,
            employer=employer,
            employed=1,
            contracts=0,
            is_apprenticeship_company=False,
        )
        for occupation, employers in [(secretary, employers), (hygienist, employers[:7])]
        for employer in employers
    )
    related_refresh()
    return secretary


def test_the_page_says_why_in_plain_norwegian(client, dental):
    html = client.get(dental.get_absolute_url()).content.decode()

    assert section(html).startswith(">Relaterte yrker</h2>")
    assert '<a href="/yrker/tannpleier/">Tannpleier</a>' in section(html)
    assert "7 av 10 bedrifter med tannhelsesekretærer har også tannpleiere" in section(html)


@pytest.mark.parametrize(
    ("prefix", "heading", "reason"),
    [
        ("/nn", "Relaterte yrke", "7 av 10 bedrifter med tannhelsesekretærer har òg tannpleiere"),
        (
            "/en",
            "Related occupations",
            "7 of 10 employers of tannhelsesekretærer also employ tannpleiere",
        ),
    ],
)
def test_nynorsk_and_english(client, dental, prefix, heading, reason):
    html = client.get(prefix + dental.get_absolute_url()).content.decode()

    assert f">{heading}</h2>" in section(html)
    assert reason in section(html)


def test_group_reasons_name_the_group(client, styrk08):
    group = StyrkGroupFactory(code="3256")
    first, second = OccupationFactory.create_batch(2)
    first.styrk_groups.add(group)
    second.styrk_groups.add(group)
    related_refresh()

    html = client.get(first.get_absolute_url()).content.decode()

    assert "samme yrkesgruppe: <span>Helsesekretærer</span>" in section(html)


def test_no_related_occupations_no_section(client, db):
    assert (
        'id="relaterte-yrker"'
        not in client.get(OccupationFactory().get_absolute_url()).content.decode()
    )
