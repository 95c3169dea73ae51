"""Folding, stemming and trigram similarity: the Python that both databases rank with."""

import pytest
from django.db import connection

from employers.models import Employer
from search.expressions import Fold
from search.text import fold, similarity, spellings, stem, words
from tests.factories import EmployerFactory


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Lærer", "laerer"),
        ("laerer", "laerer"),
        ("SJÅFØR", "sjafor"),
        ("sjaafoer", "sjafor"),
        ("Rørlegger", "rorlegger"),
        ("roerlegger", "rorlegger"),
        ("Café", "cafe"),
        ("syke\x00pleier", "sykepleier"),
    ],
)
def test_fold(typed, folded):
    assert fold(typed) == folded


def test_a_ring_is_also_found_as_o():
    assert spellings("sjåfør") == {"sjafor", "sjofor"}
    assert spellings("Lærer") == {"laerer"}


@pytest.mark.parametrize(
    "forms",
    [
        ["sykepleier", "sykepleiere", "sykepleieren", "sykepleierne"],
        ["lærer", "lærere", "læreren", "lærerne"],
        ["tannhelsesekretær", "tannhelsesekretærer", "tannhelsesekretæren"],
        ["kokk", "kokker", "kokken", "kokkene"],
        ["sjåfør", "sjåfører", "sjåføren"],
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({stem(words(form)[0]) for form in forms}) == 1


def test_words_drop_punctuation_and_sql():
    assert words("' OR 1=1 -- %_\\ sykepleier:* & (lærer") == [
        "or",
        "1",
        "1",
        "sykepleier",
        "laerer",
    ]


@pytest.mark.django_db
def test_similarity_is_pg_trgm_similarity():
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    pairs = [
        ("sykeplier", "sykepleier"),
        ("tannhelsesekreter", "tannhelsesekretaer"),
        ("sjofor", "sjafor"),
        ("kokk", "kokken"),
        ("abc", "xyz"),
    ]
    with connection.cursor() as cursor:
        for first, second in pairs:
            cursor.execute("SELECT similarity(%s, %s)", [first, second])
            assert cursor.fetchone()[0] == pytest.approx(similarity(first, second), abs=1e-6)


@pytest.mark.django_db
def test_fold_in_sql_is_fold_in_python(regions):
    names = ["ÆRLIG ØKONOMI ÅS", "Blåbær og Søtt", "Aasen Oeconomi", "Kafe Æøå"]
    for name in names:
        EmployerFactory(name=name)
    folded = dict(Employer.objects.annotate(folded=Fold("name")).values_list("name", "folded"))
    for name in names:
        assert folded[name] == fold(name), name
