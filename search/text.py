"""Norwegian text for the search, the same in Python for both databases.

Everything the index stores and everything a visitor types goes through `fold()`, `words()`
and `stem()` here, so SQLite and PostgreSQL compare exactly the same strings: the databases
only find candidates quickly (PostgreSQL with trigram indexes), the ranking is `scoring.py`.

Folding lets a borrowed keyboard work: "lærer", "laerer" and "LÆRER" all become "laerer";
"sjåfør", "sjaafoer" and "sjofor" all become "sjafor".
"""

import re
import unicodedata

# Written the same in SQL by `search.expressions.Fold` (employer names), so keep them in step.
FOLDS = [("æ", "ae"), ("ø", "o"), ("å", "a"), ("aa", "a"), ("oe", "o")]

WORD = re.compile(r"[a-z0-9]+")

# Words that carry no meaning in a query ("elektriker i Bergen", "jobb som kokk").
STOPWORDS = frozenset(
    [
        "i",
        "pa",
        "paa",
        "og",
        "eller",
        "som",
        "for",
        "en",
        "et",
        "ei",
        "til",
        "med",
        "av",
        "de",
        "den",
        "det",
        "er",
        "a",
        "om",
        "hos",
        "jobb",
        "jobbe",
        "jobber",
        "yrke",
        "yrker",
        "the",
    ]
)

# Inflectional endings, longest first. `stem()` strips them until none is left, so an
# agent noun and its forms meet: sykepleier, sykepleiere, sykepleieren, sykepleierne → sykeplei.
ENDINGS = ("erne", "eren", "ene", "ere", "ane", "er", "en", "et", "ar", "e", "a")
MIN_STEM = 3


def fold(text, *, a_ring="a"):
    """Lower case, æøå written as ae/o/a, accents and control characters gone.

    `a_ring="o"` writes å as o instead, as some people type it ("sjofor" for sjåfør); the index
    stores both spellings of a word with å (see `spellings()`).
    """
    text = unicodedata.normalize("NFKC", str(text)).lower()
    for letter, plain in FOLDS[:3]:
        text = text.replace(letter, a_ring if letter == "å" else plain)
    # é → e, ü → u …: decompose and drop the combining marks.
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(char) and unicodedata.category(char)[0] != "C"
    )
    for letters, plain in FOLDS[3:]:
        text = text.replace(letters, plain)
    return text


def words(text):
    """The folded words of a text, in order (letters and digits only)."""
    return WORD.findall(fold(text))


def spellings(word):
    """The folded spellings under which the index finds a word of a text."""
    folded = set(WORD.findall(fold(word)))
    if "å" in word.lower():
        folded.update(WORD.findall(fold(word, a_ring="o")))
    return folded


def stem(word):
    """A light Norwegian stemmer for folded words (see ENDINGS)."""
    changed = True
    while changed:
        changed = False
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                changed = True
                break
    return word


def trigrams(word):
    """pg_trgm's trigrams of one word: padded with two spaces in front and one behind."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(first, second):
    """pg_trgm's similarity() of two words: shared trigrams over all trigrams."""
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0
