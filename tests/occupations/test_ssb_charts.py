"""The SVG charts of SSB's figures: geometry from known figures, suppressed figures, the
table beside each chart, and no chart without figures. The figures come through the real
imports from JSON-stat 2.0 files in SSB's structure (tests/data/ssb/, invented numbers)."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from occupations.charts import graduates_chart, salary_chart, salary_domain
from occupations.models import SalaryStatistic
from occupations.salary import salary_tables
from tests.factories import (
    EducationFactory,
    OccupationEducationFactory,
    OccupationFactory,
    StyrkGroupFactory,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "ssb"

pytestmark = pytest.mark.django_db


@pytest.fixture
def occupation():
    occupation = OccupationFactory(title="Tannhelsesekretær")
    occupation.styrk_groups.add(StyrkGroupFactory(code="3256", name="Helsesekretærer"))
    return occupation


@pytest.fixture
def salaries(occupation):
    call_command("import_ssb_salary", str(DATA / "manedslonn-yrke.json"), stdout=io.StringIO())
    return occupation


@pytest.fixture
def graduates(occupation):
    education = EducationFactory(
        nus_code="464201", name="Tannhelsesekretær", graduates_term="tannhelsesekretærutdannede"
    )
    OccupationEducationFactory(occupation=occupation, education=education)
    EducationFactory(nus_code="761102")
    for code, name in [("5321", "Helsefagarbeidere"), ("4110", "Kontormedarbeidere")]:
        StyrkGroupFactory(code=code, name=name)
    StyrkGroupFactory(code="9112", name="Renholdere i bedrifter")
    path = DATA / "sysselsatte-utdanning-yrke.json"
    call_command("import_ssb_education", str(path), stdout=io.StringIO())
    return education


def html_of(client, occupation):
    response = client.get(occupation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def charts_in(html):
    return re.findall(r'<figure class="chart">.*?</figure>', html, re.S)


def test_salary_ranges_are_placed_from_the_figures(salaries):
    (table,) = salary_tables(salaries)
    # Published quartiles and medians run from 40 900 (women's lower quartile) to 57 460 kr.
    assert salary_domain(table) == (40_000, 60_000, 5_000)
    chart = salary_chart(table, table.by_sector)
    assert [tick.x for tick in chart.ticks] == [30, 115, 200, 285, 370]
    assert [tick.value for tick in chart.ticks] == [40_000, 45_000, 50_000, 55_000, 60_000]
    everyone = chart.rows[0]
    assert (everyone.label, everyone.lower, everyone.median, everyone.upper) == (
        "Alle sektorer",
        42_110,
        48_760,
        55_930,
    )
    # x = 30 + (value - 40 000) / 20 000 × 340
    assert (everyone.x_lower, everyone.x_median, everyone.x_upper) == (65.9, 178.9, 300.8)
    assert everyone.range_width == 234.9
    assert [row.top for row in chart.rows] == [0, 46, 92]
    assert chart.height == 3 * 46 + 30


def test_a_range_ssb_does_not_publish_is_not_drawn(salaries):
    (table,) = salary_tables(salaries)
    public = salary_chart(table, table.by_sector).rows[2]
    assert public.label == "Offentlig sektor"
    assert (public.lower, public.median, public.upper) == (None, 47_780, None)
    assert not public.has_range
    assert public.range_width is None
    assert public.x_median == 162.3


def test_no_salary_chart_without_a_median_or_quartile(occupation):
    group = occupation.styrk_groups.get()
    SalaryStatistic.objects.create(
        styrk_group=group,
        year=2024,
        sector_code="ALLE",
        sector_label="Alle sektorer",
        sector_order=0,
        gender_code="0",
        gender_label="Begge kjønn",
        gender_order=0,
        measure=SalaryStatistic.Measure.MEDIAN,
        value=None,
        status=":",
    )
    (table,) = salary_tables(occupation)
    assert salary_chart(table, table.by_sector) is None


def test_salary_page_has_two_charts_each_before_its_table(client, salaries):
    html = html_of(client, salaries)
    section = html.split('id="lonn"')[1].split("</section>")[0]
    charts = charts_in(section)
    assert len(charts) == 2
    first = charts[0]
    assert 'role="img" aria-label="Diagram av Helsesekretærer: månedslønn etter sektor' in first
    assert "Tallene står i tabellen under." in first
    assert '<rect class="chart__range" x="65.9" y="22" width="234.9" height="14"/>' in first
    assert '<line class="chart__median" x1="178.9" x2="178.9" y1="18" y2="40"/>' in first
    assert "Alle sektorer: median 48\xa0760\xa0kr</text>" in first
    assert "Offentlig sektor: median 47\xa0780\xa0kr</text>" in first
    assert 'x="170.3" y="33" text-anchor="start">kvartiler ikke publisert</text>' in first
    assert (
        '<text class="chart__tick" x="30.0" y="156" text-anchor="middle">40\xa0000</text>' in first
    )
    assert first.count('class="chart__range"') == 2 + 1  # two rows and the key
    # Each chart stands right before its table, and the page says why figures are missing.
    assert section.index(charts[0]) < section.index("<table>") < section.index(charts[1])
    assert "Ikke publisert: SSB publiserer ikke tall for små grupper." in section
    assert "Kilde: Statistisk sentralbyrå, månedslønn 2024." in section


def test_graduates_bars_from_the_shares(graduates):
    chart = graduates_chart(graduates.latest_outcomes())
    assert [(bar.label, str(bar.share), bar.length) for bar in chart.bars] == [
        ("Helsesekretærer", "60.0", 322.0),
        ("Helsefagarbeidere", "25.0", 134.2),
        ("Kontormedarbeidere", "15.0", 80.5),
    ]
    assert chart.height == 3 * 46
    assert graduates_chart([]) is None


def test_graduates_chart_its_table_year_and_source_on_the_page(client, graduates, occupation):
    html = html_of(client, occupation)
    section = html.split('id="utdanning"')[1].split("</section>")[0]
    (chart,) = charts_in(section)
    assert '<rect class="chart__bar" x="8" y="22" width="322.0" height="14"/>' in chart
    assert ">60,0 %</text>" in chart
    assert "Andel av de utdannede med Tannhelsesekretær i hvert yrke, 2023" in chart
    assert section.index(chart) < section.index('<table class="shares">')
    assert "Kilde: Statistisk sentralbyrå, sysselsatte etter utdanning og yrke, 2023." in section
    # Renholdere: SSB publishes no figure (":" and ".."), so no bar and no row.
    assert "Renholdere" not in section
    assert "SSB publiserer ikke tall for små grupper" in section


def test_an_occupation_without_figures_shows_no_chart(client, reference_occupation):
    html = html_of(client, reference_occupation)
    assert "chart__svg" not in html
    assert "Lønn</h2>" not in html
