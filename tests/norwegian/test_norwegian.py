import pytest

from norwegian.collation import initial_letter, sort_key
from norwegian.slugs import norwegian_slugify
from norwegian.templatetags.norwegian import kroner


def test_sort_key_puts_ae_oe_aa_after_z():
    words = ["åker", "Øl", "ære", "zebra", "Abbor", "émigré", "über"]
    assert sorted(words, key=sort_key) == ["Abbor", "émigré", "über", "zebra", "ære", "Øl", "åker"]


@pytest.mark.parametrize(
    ("title", "letter"),
    [("Ørnepasser", "Ø"), ("ærfugl", "Æ"), ("Åker", "Å"), ("Élev", "E"), ("3D-designer", "#")],
)
def test_initial_letter(title, letter):
    assert initial_letter(title) == letter


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Tannhelsesekretær", "tannhelsesekretaer"),
        ("Sjåfør", "sjafor"),
        ("Rørlegger", "rorlegger"),
        ("Øyelege – spesialist", "oyelege-spesialist"),
    ],
)
def test_slugs_transliterate_norwegian_letters(title, slug):
    assert norwegian_slugify(title) == slug


@pytest.mark.parametrize(
    ("amount", "text"),
    [(48760, "48\xa0760\xa0kr"), (950, "950\xa0kr"), (1234567, "1\xa0234\xa0567\xa0kr")],
)
def test_kroner_are_grouped_with_no_break_spaces(amount, text):
    assert kroner(amount) == text
