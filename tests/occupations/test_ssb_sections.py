"""What SSB's statistics look like on an occupation page: the education block and "Lønn"."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import (
    EducationFactory,
    GraduateOutcomeFactory,
    OccupationEducationFactory,
    OccupationFactory,
    SalaryStatisticFactory,
    StyrkGroupFactory,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "ssb"

pytestmark = pytest.mark.django_db


def text_of(html):
    """The page's text with whitespace collapsed, keeping the no-break spaces in amounts."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def page(client, occupation):
    response = client.get(occupation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def occupation():
    occupation = OccupationFactory(title="Tannhelsesekretær")
    occupation.styrk_groups.add(StyrkGroupFactory(code="3256", name="Helsesekretærer"))
    return occupation


@pytest.fixture
def salary_page(client, occupation):
    call_command("import_ssb_salary", str(DATA / "manedslonn-yrke.json"), stdout=io.StringIO())
    return page(client, occupation)


def test_salary_by_sector_for_both_genders_in_the_newest_year(salary_page):
    text = text_of(salary_page)
    assert "Lønn</h2>" in salary_page
    assert "Helsesekretærer: månedslønn etter sektor, begge kjønn, 2024" in text
    assert (
        "Sektor Median Gjennomsnitt Nedre kvartil Øvre kvartil "
        "Alle sektorer 48\xa0760\xa0kr 50\xa0210\xa0kr 42\xa0110\xa0kr 55\xa0930\xa0kr "
        "Privat sektor 50\xa0000\xa0kr 51\xa0450\xa0kr 43\xa0350\xa0kr 57\xa0170\xa0kr" in text
    )
    assert "46\xa0860\xa0kr" not in text  # The median for 2023.
    assert "Kilde: Statistisk sentralbyrå, månedslønn 2024." in text


def test_figures_ssb_does_not_publish_read_ikke_publisert(salary_page):
    text = text_of(salary_page)
    # The quartiles for the public sector, 2024, are not published (too few people).
    assert "Offentlig sektor 47\xa0780\xa0kr 49\xa0230\xa0kr Ikke publisert Ikke publisert" in text
    assert "Ikke publisert: SSB publiserer ikke tall for små grupper." in text


def test_salary_by_gender_for_all_sectors(salary_page):
    text = text_of(salary_page)
    assert "Helsesekretærer: månedslønn etter kjønn, alle sektorer, 2024" in text
    assert (
        "Kjønn Median Gjennomsnitt Nedre kvartil Øvre kvartil "
        "Menn 50\xa0290\xa0kr 51\xa0740\xa0kr 43\xa0640\xa0kr 57\xa0460\xa0kr "
        "Kvinner 47\xa0550\xa0kr" in text
    )


def test_only_the_measures_and_genders_published_are_shown(client, occupation):
    group = occupation.styrk_groups.get()
    SalaryStatisticFactory(styrk_group=group, value=48760)
    SalaryStatisticFactory(styrk_group=group, year=2023, value=47000)
    SalaryStatisticFactory(
        styrk_group=group,
        gender_code="1",
        gender_label="Menn",
        gender_order=1,
        value=None,
        status=":",
    )
    html = page(client, occupation)
    assert '<th scope="row">Alle sektorer</th><td class="number">48\xa0760\xa0kr</td></tr>' in html
    assert '<th scope="row">Menn</th><td class="number">Ikke publisert</td></tr>' in html
    assert "Gjennomsnitt" not in html
    assert "47\xa0000" not in html


def test_salary_section_follows_education_and_is_left_out_without_data(
    client, occupation, salary_page
):
    assert salary_page.index("Lønn</h2>") < salary_page.index("Bedrifter</h2>")
    assert "Lønn</h2>" not in page(client, OccupationFactory())


def test_education_block_shows_the_top_shares_and_year_after_import(client, occupation):
    education = EducationFactory(
        nus_code="464201", name="Tannhelsesekretær", graduates_term="tannhelsesekretærutdannede"
    )
    OccupationEducationFactory(occupation=occupation, education=education)
    EducationFactory(nus_code="761102")
    for code, name in [
        ("5321", "Helsefagarbeidere"),
        ("4110", "Kontormedarbeidere"),
        ("9112", "Renholdere i bedrifter"),
    ]:
        StyrkGroupFactory(code=code, name=name)
    path = DATA / "sysselsatte-utdanning-yrke.json"
    call_command("import_ssb_education", str(path), stdout=io.StringIO())

    text = text_of(page(client, occupation))

    assert "Hva jobber tannhelsesekretærutdannede som?" in text
    assert "Andel av de utdannede med Tannhelsesekretær i hvert yrke, 2023" in text
    assert "Helsesekretærer 60,0 % Helsefagarbeidere 25,0 % Kontormedarbeidere 15,0 %" in text


def test_education_block_shows_only_the_ten_largest_shares(client, occupation):
    education = EducationFactory(graduates_term="testutdannede")
    OccupationEducationFactory(occupation=occupation, education=education)
    for share in range(1, 13):
        GraduateOutcomeFactory(
            education=education,
            styrk_group=StyrkGroupFactory(name=f"Gruppe med {share} prosent"),
            share_percent=share,
            year=2023,
        )
    text = text_of(page(client, occupation))
    assert "Gruppe med 12 prosent" in text
    assert "Gruppe med 3 prosent" in text
    assert "Gruppe med 2 prosent" not in text
