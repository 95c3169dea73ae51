import pytest

from norwegian.slugs import norwegian_slugify
from norwegian.templatetags.norwegian import kroner


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
