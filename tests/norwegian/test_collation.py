"""Norwegian alphabetical order: one order on both databases, the one PostgreSQL's ICU
collation nb-NO-x-icu gives (CLDR's Norwegian rules), and the index letter that goes with it."""

import random

import pytest
from django.db import connection
from django.db.models.functions import Collate

from employers.models import Employer
from norwegian.collation import NORWEGIAN, initial_letter, sort_key, stored_sort_key
from tests.factories import EmployerFactory, MunicipalityFactory

# ICU's order for these names, as PostgreSQL 15 (ICU 72) gives it: "aa" is one letter, å (Aasen
# next to Åsen, after Ålesund); ä, ö and ü are filed with æ, ø and y; accents and then case
# only break ties; spaces and punctuation count and sort before digits, digits before letters,
# one digit at a time.
EXPECTED = [
    "",
    " ",
    "-",
    "10 000 timer",
    "100 meter",
    "24SevenOffice",
    "2B Consulting",
    "3D-designer",
    "9 til 5",
    "a",
    "A",
    "Anders",
    "andersen",
    "Andersen",
    "ANDERSEN",
    "Celik",
    "Çelik",
    "Édouard",
    "Edvard",
    "Eid",
    "elev",
    "Elev",
    "élev",
    "Élev",
    "Été",
    "Ève",
    "Eze",
    "Èze",
    "Halland",
    "Haugland",
    "Håland",
    "Haaland",
    "Kraft",
    "Krake",
    "Kråkenes",
    "Kraakenes",
    "Lodz",
    "Łódź",
    "Moss",
    "Muller",
    "Müller",
    "Møller",
    "Nandu",
    "Ñandu",
    "Nord",
    "Nord Fron",
    "Nord-Aurdal",
    "Nord-Fron",
    "Nord–Fron",
    "Nordfron",
    "Nordre Land",
    "O'Brien",
    "Obrien",
    "oslo",
    "Oslo",
    "OSLO",
    "Skoda",
    "Škoda",
    "St Olavs",
    "St. Hanshaugen",
    "Sta. Maria",
    "Strasse",
    "Straße",
    "Thor",
    "Þórr",
    "Uvdal",
    "Ümit",
    "Yrke",
    "Ytre",
    "Zeta",
    "Zürich",
    "Ære",
    "ærlig",
    "Ærlig",
    "Ärlig",
    "Ærø",
    "Øre",
    "Öre",
    "Örebro",
    "Ørland",
    "Ørsta",
    "Øvre Eiker",
    "Øvre-Eiker",
    "Øvreeiker",
    "aa",
    "Aa",
    "AA",
    "Aabel",
    "Åland",
    "Aaland",
    "Ålen",
    "Ålesund",
    "Aall",
    "Ångström",
    "Aanonsen",
    "Aarborte - Hattfjelldal",
    "Ås",
    "åsen",
    "Åsen",
    "ÅSEN",
    "aasen",
    "Aasen",
    "AASEN",
]


def shuffled(items):
    items = list(items)
    random.Random(29).shuffle(items)
    return items


def test_sort_key_gives_the_norwegian_order():
    assert sorted(shuffled(EXPECTED), key=sort_key) == EXPECTED


@pytest.mark.django_db
def test_collate_orders_the_same_on_this_database():
    municipality = MunicipalityFactory()
    for name in shuffled(EXPECTED):
        EmployerFactory(name=name, municipality=municipality)

    ordered = Employer.objects.order_by(Collate("name", NORWEGIAN), "pk")

    assert list(ordered.values_list("name", flat=True)) == EXPECTED


# What sort_key is meant to reproduce exactly (see norwegian/collation.py): these characters,
# combining accents U+0300–U+0362 after them, and invisible format characters.
EXACT = "".join(
    [
        "\t\n\x0b\x0c\r\x85\u2028\u2029",
        *map(chr, range(0x20, 0x7F)),
        *map(chr, range(0xA0, 0x180)),
        *map(chr, range(0x2010, 0x2028)),
        "\u202f\u2030\u2032\u2033\u2039\u203a\u2044\u20ac\u2122\u2212",
    ]
)
MARKS = "".join(map(chr, range(0x300, 0x363)))
INVISIBLE = "\x01\x1f\x7f\x9f\u200b\u200d\u2060\ufeff"


def samples():
    """The names above; every character alone, after "a" and before "b"; 3,000 seeded random
    strings of the pieces that Norwegian rules treat specially; 2,000 of any characters and
    accents above."""
    rng = random.Random(1405)
    pieces = [
        *"aAåÅæÆäÄęøØöÖőœeEéÉèuUüyYdDđðtTþÞsßſlLł·-– .'019ĳ",
        *["aa", "Aa", "AA", "aA", "th", "TH", "\xa0", "\u0301", "\u0308", "\u030a", "\u0323"],
    ]
    strings = {*EXPECTED, *(text for char in EXACT for text in (char, f"a{char}", f"{char}b"))}
    strings |= {"".join(rng.choices(pieces, k=rng.randint(1, 6))) for _ in range(3000)}
    everything = EXACT + MARKS + INVISIBLE
    strings |= {"".join(rng.choices(everything, k=rng.randint(1, 4))) for _ in range(2000)}
    return sorted(strings)


@pytest.mark.django_db
def test_sort_key_orders_like_postgresql_icu():
    if connection.vendor != "postgresql":
        pytest.skip("ICU's order is PostgreSQL's; SQLite orders with sort_key itself")
    strings = samples()
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT x FROM unnest(%s::text[]) AS v(x) ORDER BY x COLLATE "{NORWEGIAN}"',
            [strings],
        )
        icu = [row[0] for row in cursor.fetchall()]
    python = sorted(strings, key=sort_key)

    first = next((i for i, (a, b) in enumerate(zip(icu, python, strict=True)) if a != b), None)
    assert first is None, f"ICU: {icu[first : first + 3]!r}, Python: {python[first : first + 3]!r}"


def test_the_stored_sort_key_compares_byte_by_byte_as_sort_key_does():
    strings = [*samples(), "中文", "한국어", "\ud7ff", "\ue000x", "\U0001f600", "a\U0001f600b"]

    assert sorted(strings, key=stored_sort_key) == sorted(strings, key=sort_key)


@pytest.mark.django_db
def test_the_stored_sort_key_orders_the_same_on_this_database():
    municipality = MunicipalityFactory()
    for name in shuffled(EXPECTED):
        EmployerFactory(name=name, municipality=municipality)

    ordered = Employer.objects.order_by("sort_name", "pk")

    assert list(ordered.values_list("name", flat=True)) == EXPECTED


@pytest.mark.parametrize(
    ("title", "letter"),
    [
        ("Ørnepasser", "Ø"),
        ("ærfugl", "Æ"),
        ("Åker", "Å"),
        ("Aasen", "Å"),
        ("AAkerbruker", "Å"),
        ("Aarborte - Hattfjelldal", "Å"),
        ("Anders", "A"),
        ("aA", "A"),
        ("Ärlig", "Æ"),
        ("Öre", "Ø"),
        ("Ümit", "Y"),
        ("Élev", "E"),
        ("Þórr", "T"),
        ("Łódź", "L"),
        ("3D-designer", "#"),
        ("«Kafé»", "#"),
        ("", "#"),
    ],
)
def test_initial_letter(title, letter):
    assert initial_letter(title) == letter


def test_index_letters_follow_the_order():
    """An index groups titles as they come in order, so each letter must come in one run."""
    letters = [initial_letter(title) for title in EXPECTED]
    runs = [letter for i, letter in enumerate(letters) if i == 0 or letters[i - 1] != letter]
    assert len(runs) == len(set(runs))
    assert "".join(runs) == "#ACEHKLMNOSTUYZÆØÅ"
