"""What search engines read: JSON-LD, canonical address, Open Graph, sitemap.xml, robots.txt."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from occupations.models import SalaryStatistic
from occupations.services import occupation_publish
from tests.factories import (
    AlternativeTitleFactory,
    DutyFactory,
    OccupationEducationFactory,
    OccupationFactory,
    SalaryStatisticFactory,
    StyrkGroupFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA_ORG = "https://schema.org"
# The schema.org properties each type may have here (Occupation's own and Thing's).
OCCUPATION_PROPERTIES = {
    "@type", "@id", "name", "url", "alternateName", "description", "occupationalCategory",
    "responsibilities", "skills", "qualifications", "educationRequirements", "estimatedSalary",
    "occupationLocation", "image",
}  # fmt: skip
DISTRIBUTION_PROPERTIES = {
    "@type", "name", "currency", "duration", "median", "percentile10", "percentile25",
    "percentile75", "percentile90",
}  # fmt: skip


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def nodes_by_type(document):
    assert document["@context"] == SCHEMA_ORG
    return {node["@type"]: node for node in document["@graph"]}


def test_occupation_json_ld_structure(reference_occupation):
    html = Client().get(reference_occupation.get_absolute_url()).content.decode()
    nodes = nodes_by_type(json_ld(html))
    occupation = nodes["Occupation"]
    url = "http://testserver/yrker/tannhelsesekretaer/"

    assert set(occupation) <= OCCUPATION_PROPERTIES
    assert occupation["name"] == "Tannhelsesekretær"
    assert occupation["url"] == url
    assert occupation["alternateName"] == ["klinikkassistent", "tannlegeassistent"]
    assert occupation["description"].startswith("Tannhelsesekretæren assisterer tannlegen")
    (category,) = occupation["occupationalCategory"]
    assert category["@type"] == "CategoryCode"
    assert category["codeValue"] == "3256"
    assert category["inCodeSet"]["name"] == "STYRK-08"
    assert occupation["responsibilities"][0] == "smittevern"
    assert len(occupation["responsibilities"]) == 10
    assert "selvstendig og i team" in occupation["skills"]
    assert "<" not in occupation["skills"]  # Markdown rendered to plain text
    assert occupation["qualifications"].startswith("Krever autorisasjon fra Helsedirektoratet.")
    assert occupation["educationRequirements"][0]["@type"] == "EducationalOccupationalCredential"
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "Norge"}]
    assert occupation["image"].startswith("http://testserver/media/")
    assert "estimatedSalary" not in occupation  # the demo has no SSB figures

    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert [(c["@type"], c["position"], c["name"], c["item"]) for c in crumbs] == [
        ("ListItem", 1, "Forside", "http://testserver/"),
        ("ListItem", 2, "Yrker A–Å", "http://testserver/yrker/"),
        ("ListItem", 3, "Tannhelsesekretær", url),
    ]


def test_estimated_salary_only_with_salary_figures():
    group = StyrkGroupFactory(code="7126", name="Rørleggere")
    occupation = OccupationFactory(title="Rørlegger", slug="rorlegger")
    occupation.styrk_groups.add(group)
    assert (
        "estimatedSalary"
        not in nodes_by_type(json_ld(Client().get("/yrker/rorlegger/").content.decode()))[
            "Occupation"
        ]
    )

    for measure, value in [
        (SalaryStatistic.Measure.MEDIAN, 52000),
        (SalaryStatistic.Measure.LOWER_QUARTILE, 46000),
        (SalaryStatistic.Measure.UPPER_QUARTILE, 58000),
        (SalaryStatistic.Measure.MEAN, 53000),
    ]:
        SalaryStatisticFactory(styrk_group=group, measure=measure, value=value)
    occupation_publish(occupation=occupation)  # an import would invalidate the same way

    occupation_node = nodes_by_type(json_ld(Client().get("/yrker/rorlegger/").content.decode()))[
        "Occupation"
    ]
    (salary,) = occupation_node["estimatedSalary"]
    assert set(salary) <= DISTRIBUTION_PROPERTIES
    assert salary == {
        "@type": "MonetaryAmountDistribution",
        "name": "Månedslønn for Rørleggere, 2024 (SSB)",
        "currency": "NOK",
        "duration": "P1M",
        "median": 52000,
        "percentile25": 46000,
        "percentile75": 58000,
    }


def test_unpublished_figures_give_no_salary():
    group = StyrkGroupFactory(code="7127")
    occupation = OccupationFactory(slug="liten-gruppe")
    occupation.styrk_groups.add(group)
    SalaryStatisticFactory(styrk_group=group, value=None, status=":")
    node = nodes_by_type(json_ld(Client().get("/yrker/liten-gruppe/").content.decode()))
    assert "estimatedSalary" not in node["Occupation"]


def test_json_ld_cannot_be_broken_out_of():
    occupation = OccupationFactory(slug="farlig", lead="</script><script>alert(1)</script> & co")
    AlternativeTitleFactory(occupation=occupation, title="<b>")
    DutyFactory(occupation=occupation, text="a </SCRIPT> b")
    OccupationEducationFactory(occupation=occupation)
    html = Client().get("/yrker/farlig/").content.decode()
    assert "<script>alert(1)" not in html
    occupation_node = nodes_by_type(json_ld(html))["Occupation"]
    assert occupation_node["description"] == "</script><script>alert(1)</script> & co"
    assert occupation_node["responsibilities"] == ["a </SCRIPT> b"]


def test_empty_properties_are_left_out():
    OccupationFactory(slug="tynn")
    node = nodes_by_type(json_ld(Client().get("/yrker/tynn/").content.decode()))["Occupation"]
    assert set(node) == {"@type", "@id", "name", "url", "description", "occupationLocation"}


def test_canonical_and_open_graph(reference_occupation):
    html = Client().get("/yrker/tannhelsesekretaer/?fylke=03#bedrifter").content.decode()
    url = "http://testserver/yrker/tannhelsesekretaer/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Tannhelsesekretær">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="nb_NO">' in html
    assert '<meta property="og:image" content="http://testserver/media/' in html
    assert '<meta property="og:description" content="Tannhelsesekretæren assisterer' in html


@pytest.mark.parametrize("url", ["/", "/yrker/", "/bedrifter/"])
def test_every_page_has_a_canonical_address_and_open_graph(url):
    html = Client().get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert '<meta property="og:title" content="' in html
    assert '<meta property="og:site_name" content="yrke">' in html


def test_not_found_is_not_indexed():
    response = Client().get("/yrker/finnes-ikke/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'rel="canonical"' not in html
    assert '<meta name="robots" content="noindex">' in html


def test_sitemap_lists_published_occupations_with_their_publication_time():
    import datetime

    published = OccupationFactory(
        slug="murer", published_at=datetime.datetime(2026, 3, 4, 10, tzinfo=datetime.UTC)
    )
    OccupationFactory(slug="hemmelig", draft=True)

    response = Client().get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        node.find("s:loc", namespace).text: node.find("s:lastmod", namespace).text
        for node in ET.fromstring(response.content).findall("s:url", namespace)
    }
    assert urls[f"http://testserver{published.get_absolute_url()}"] == "2026-03-04"
    assert "http://testserver/yrker/hemmelig/" not in urls
    assert urls["http://testserver/"] == "2026-03-04"
    assert {"http://testserver/yrker/", "http://testserver/bedrifter/"} <= set(urls)


def test_robots_txt():
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
