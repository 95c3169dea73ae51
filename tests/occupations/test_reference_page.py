"""The reference page (../shared/seeds/, a dental health secretary) is published complete."""

import re

import pytest
from django.urls import reverse

REFERENCE_DUTIES = [
    "smittevern",
    "desinfisering, sterilisering og vedlikehold av instrumenter og utstyr",
    "håndtere tannbehandlingsmaterialer og de vanligste legemidlene",
    "bestille og oppbevare forbruksmaterialer",
    "ta røntgenbilde",
    "enklere laboratoriearbeid",
    "klargjøre utstyr og instrumenter til pasientbehandling",
    "yte service til pasienter, pårørende og samarbeidspartnere",
    "administrativt arbeid som aktivitetsplanlegging, regnskap, rapportering, innkalling og "
    "journalføring",
    "kommunisere med pasienter, pårørende, samarbeidspartnere i kommunehelsetjenesten, NAV og "
    "forretningsforbindelser",
]


@pytest.fixture
def reference_html(client, reference_occupation):
    response = client.get(reverse("occupations:detail", kwargs={"slug": "tannhelsesekretaer"}))
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_address_is_transliterated(reference_occupation):
    assert reference_occupation.get_absolute_url() == "/yrker/tannhelsesekretaer/"


def test_image_with_alt_text_and_caption(reference_html):
    assert re.search(
        r'<img src="/media/occupations/[^"]+\.jpg" '
        r'srcset="/media/occupations/renditions/[^"]+ 480w, [^"]+ 800w, [^"]+\.jpg 1200w" '
        r'sizes="[^"]+" alt="[^"]+"',
        reference_html,
    )
    assert (
        "<figcaption>Tannlege polerer tennene til en pasient, mens en tannhelsesekretær holder "
        "et beger med slipepasta som brukes i poleringen." in reference_html
    )


def test_title_and_lead(reference_html):
    assert "<h1>Tannhelsesekretær</h1>" in reference_html
    assert "Yrkesbeskrivelse" in reference_html
    assert (
        "Tannhelsesekretæren assisterer tannlegen, og har hovedansvaret for hygienen og "
        "smittevernet på tannklinikken" in reference_html
    )


def test_description(reference_html):
    assert "Tannhelsesekretæren jobber tett på pasienter og pårørende." in reference_html
    assert "materiallære og tanninstrumenter." in reference_html


def test_duties_are_a_list_in_order(reference_html):
    assert "Vanlige oppgaver for en tannhelsesekretær:" in reference_html
    items = re.findall(
        r"<li>([^<]+)</li>", reference_html.split('class="prose duties"')[1].split("</ul>")[0]
    )
    assert items == REFERENCE_DUTIES


def test_delegated_tasks_and_authorisation(reference_html):
    assert "sette infiltrasjonsanestesi." in reference_html
    assert (
        "Du må ha autorisasjon for å jobbe som tannhelsesekretær. Dette får du gjennom "
        "Helsedirektoratet etter at du har tatt utdanning." in reference_html
    )


def test_where_they_work(reference_html):
    assert "<h2" in reference_html
    assert "Hvor jobber tannhelsesekretærer?</h2>" in reference_html
    assert "odontologiske fakultetene i Oslo, Bergen og Tromsø" in reference_html
    assert "Også Forsvaret ansetter tannhelsesekretærer." in reference_html


def test_personal_traits(reference_html):
    assert "Personlige egenskaper</h2>" in reference_html
    assert "jobber effektivt, ansvarsbevisst og nøyaktig." in reference_html


def test_education_with_nus_code_and_graduates_block(reference_html):
    assert "Utdanning</h2>" in reference_html
    assert "Hva jobber tannhelsesekretærutdannede som?</h3>" in reference_html
    assert "Kilde: Statistisk sentralbyrå 2020. Tall fra høsten 2019." in reference_html
    assert "<li>464201 - Tannhelsesekretær, Vg3</li>" in reference_html


def test_three_job_titles(reference_html):
    for line in [
        "5134103 - TANNHELSESEKRETÆR",
        "5134101 - KLINIKKASSISTENT (TANNPLEIE)",
        "5134102 - KLINIKKFULLMEKTIG (TANNPLEIE)",
    ]:
        assert f"<li>{line}</li>" in reference_html


def test_quality_assurance_stamp(reference_html):
    assert "Sist kvalitetssikret den 25. august 2020, av Tannhelsesekretærenes Forbund" in text_of(
        reference_html
    )


def test_sections_follow_the_reference_order(reference_html):
    markers = [
        "<figcaption>",
        "<h1>Tannhelsesekretær</h1>",
        "Tannhelsesekretæren jobber tett",
        "Vanlige oppgaver",
        "infiltrasjonsanestesi",
        "Du må ha autorisasjon",
        "Hvor jobber tannhelsesekretærer?",
        "Personlige egenskaper",
        "Hva jobber tannhelsesekretærutdannede som?",
        "464201 - Tannhelsesekretær, Vg3",
        "5134103 - TANNHELSESEKRETÆR",
        "Sist kvalitetssikret",
    ]
    body = reference_html[reference_html.index("<main") :]  # the head's JSON-LD repeats text
    positions = [body.index(marker) for marker in markers]
    assert positions == sorted(positions)
