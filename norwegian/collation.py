"""Norwegian alphabetical order on both databases: … x y z æ ø å, with "aa" filed as å.

PostgreSQL orders with the ICU collation ``nb-NO-x-icu`` (CLDR's Norwegian rules). SQLite has no
ICU, so a collation of the same name is registered on each new SQLite connection, backed by
``sort_key``, which reproduces ICU's order in Python (no native library to install). Querysets
order with ``Collate(field, NORWEGIAN)`` and get the same answer on both engines.

The order, as ICU gives it:

- Letters first, then accents, then case: two strings are compared on their base letters
  alone; only if those are equal do accents decide (left to right, é before è before ê …), and
  only then case (lower before upper). Strings still equal (say, é typed as e plus a combining
  accent) are ordered by code point, as PostgreSQL breaks such ties byte by byte.
- Æ, Ø, Å come after Z. "aa", "Aa" and "AA" are one letter, å ("Aasen" after "Ålesund", next
  to "Åsen"; "Kraakenes" after "Kråkenes"), but "aA" is two. Ä and ę are filed with æ, ö, ő
  and œ with ø, ü and ű with y, đ and ð with d, each after the letter it goes with; þ as "th".
- Spaces, punctuation and symbols count (they are not skipped): they sort before digits, and
  digits before letters, one digit at a time ("10" before "9"). So "Nord Fron", "Nord-Fron",
  "Nordfron". Control and invisible format characters (soft hyphen, zero-width space) are
  ignored.

Exact for: tab to carriage return, U+0085, U+2028–U+2029, U+0020–U+007E, U+00A0–U+017F (all
Latin-1 and Latin Extended-A letters, so Sámi á č đ ŋ š ŧ ž too), U+2010–U+2027, U+202F,
U+2030, U+2032–U+2033, U+2039–U+203A, U+2044, € (U+20AC), ™ (U+2122), U+2212, any combining
accent U+0300–U+0362 after them (so every letter whose canonical decomposition is made of
these, such as Vietnamese ạ or ǎ), and the invisible ones. tests/norwegian/test_collation.py
checks this against PostgreSQL 15 with ICU 72 (collation version 153.120.42), character by
character and on thousands of seeded random strings.

Not exact, by design (ICU's full tables would have to be copied): other scripts (Greek,
Cyrillic, CJK …) and other Latin letters without a decomposition (ə, ʒ, ẞ …) come after å in
code point order, where ICU has an order of its own (other scripts after å too, but those
Latin letters among the others: ə after e, ẞ with ß); symbols and emoji outside the ranges
above come there too, where ICU puts them before the digits; other combining marks all weigh
alike; compatibility characters (ﬁ, ①, full-width letters) weigh as their decomposition with
one variant weight, where ICU tells the kinds of variant apart. A new ICU version may move
things as well: PostgreSQL warns when the collation version changes, and the PostgreSQL test
then shows where.
"""

import bisect
import unicodedata
from functools import lru_cache

NORWEGIAN = "nb-NO-x-icu"

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"

# Primary weights: each character with a base weight of its own, in ICU's order: whitespace,
# punctuation and symbols, digits, letters (ı, ŋ, ĸ, ŧ and ʼ are letters of their own).
_SYMBOLS = (
    "\t\n\x0b\x0c\r\x85\u2028\u2029 _‗-‐‒–—―,;:!¡?¿.·'‘’‚‛‹›\"“”„‟«»()[]{}‖§¶@*/\\&#%‰†‡•‣‧′"
    "`´^¯¨¸°©®+±÷×<=>¬|¦~−⁄¤¢$£¥€"
)
_LETTERS = "abcdefghiıjklmnŋopqĸrstŧuvwxyzʼæøå"
_CASED = "abcdefghijklmnŋopqrstŧuvwxyzæøå"
_PRIMARY = {char: weight for weight, char in enumerate(_SYMBOLS + "0123456789" + _LETTERS, 1)}

# Secondary weights: _COMMON for a plain letter; just above it the letters Norwegian files
# with another, after it (ä and ę with æ …), which ICU weighs below every accent; then the
# accents, in ICU's order (acute, grave, breve, circumflex, caron, ring, diaeresis, double
# acute, tilde, dot above …; the accents of one group weigh the same); last the marks ICU gives
# ß, ſ and the Catalan l·l (s, s and l followed by a mark heavier than any accent).
_COMMON = 1
_FILED_WITH = {"æ": "äę", "ø": "öőœ", "y": "üű", "d": "đð"}
_ACCENTS = (
    "\u0332\u0313\u0314\u0301\u0300\u0306\u0302\u030c\u030a\u0342\u0308\u030b\u0303\u0307\u0338\u0327"
    "\u0328\u0304\u030d\u0316\u0336\u0335\u0305\u0309\u030f\u0310\u0311\u031b\u0321\u0322\u0323\u0324"
    "\u0325\u0326\u032d\u032e\u0330\u0331\u0334\u0339\u0345\u0358\u0360\u0361"
)
_WEIGH_THE_SAME = {
    "\u030d": "\u030e\u0312\u0315\u031a\u033d\u033e\u033f\u0346\u034a\u034b\u034c\u0350\u0351\u0352"
    "\u0357\u035b\u035d\u035e",
    "\u0316": "\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0329\u032a\u032b\u032c\u032f\u0333"
    "\u033a\u033b\u033c\u0347\u0348\u0349\u034d\u034e\u0353\u0354\u0355\u0356\u0359\u035a\u035c"
    "\u035f\u0362",
    "\u0336": "\u0337",
}
_ACCENT = {char: weight for weight, char in enumerate(_ACCENTS, 10)}
_ACCENT.update({c: _ACCENT[first] for first, same in _WEIGH_THE_SAME.items() for c in same})
_RARE_ACCENT = _ACCENT["\u030d"]
_SHARP_S, _LONG_S, _MIDDLE_DOT = range(len(_ACCENTS) + 10, len(_ACCENTS) + 13)

# Tertiary weights (case and variants), in ICU's order. Only the weights of one base letter
# are ever compared with each other, so one scale serves all.
_LOWER, _AFTER_LOWER, _COMPAT, _UPPER, _AFTER_UPPER, _UPPER_COMPAT = range(1, 7)
_SUPER, _NO_BREAK, _FRACTION = range(7, 10)

# Ignored altogether: control and format characters (soft hyphen, zero-width space …) and the
# combining grapheme joiner.
_IGNORED = {"\u034f"}
# Characters outside the tables come after å, in code point order (see the module docstring).
_AFTER_LAST = len(_PRIMARY) + 1


def _build_table():
    """Collation elements (primary, secondary, tertiary) of every character that has them."""
    table = {char: ((weight, _COMMON, _LOWER),) for char, weight in _PRIMARY.items()}
    table.update({char.upper(): ((_PRIMARY[char], _COMMON, _UPPER),) for char in _CASED})
    for base, letters in _FILED_WITH.items():
        for rank, letter in enumerate(letters, _COMMON + 1):
            table[letter] = ((_PRIMARY[base], rank, _LOWER),)
            table[letter.upper()] = ((_PRIMARY[base], rank, _UPPER),)
    table.update({char: ((0, weight, _LOWER),) for char, weight in _ACCENT.items()})
    s, t, h, el, aa = (_PRIMARY[char] for char in "sthlå")
    table.update(
        {
            "aa": ((aa, _COMMON + 1, _LOWER),),
            "Aa": ((aa, _COMMON + 1, _AFTER_LOWER),),
            "AA": ((aa, _COMMON + 1, _UPPER),),
            "þ": ((t, _COMMON, _AFTER_LOWER), (h, _COMMON, _LOWER)),
            "Þ": ((t, _COMMON, _AFTER_UPPER), (h, _COMMON, _UPPER)),
            "ß": ((s, _COMMON, _LOWER), (0, _SHARP_S, _LOWER), (s, _COMMON, _LOWER)),
            "ſ": ((s, _COMMON, _LOWER), (0, _LONG_S, _LOWER)),
            "l·": ((el, _COMMON, _LOWER), (0, _MIDDLE_DOT, _LOWER)),
            "L·": ((el, _COMMON, _UPPER), (0, _MIDDLE_DOT, _LOWER)),
        }
    )
    # Characters ICU weighs as others, and as which variant (None: the same weights).
    variants = {
        "\xa0": (" ", _NO_BREAK),
        "\u202f": (" ", _NO_BREAK),
        "\u2011": ("\u2010", _NO_BREAK),
        "\u2024": (".", _COMPAT),
        "\u2025": ("..", _COMPAT),
        "…": ("...", _COMPAT),
        "″": ("′′", _COMPAT),
        "¹": ("1", _SUPER),
        "²": ("2", _SUPER),
        "³": ("3", _SUPER),
        "¼": ("1⁄4", _FRACTION),
        "½": ("1⁄2", _FRACTION),
        "¾": ("3⁄4", _FRACTION),
        "ª": ("a", _SUPER),
        "º": ("o", _SUPER),
        "™": ("TM", _SUPER),
        "ĳ": ("ij", _COMPAT),
        "Ĳ": ("IJ", _UPPER_COMPAT),
        "ŉ": ("ʼn", _COMPAT),
        "ł": ("l\u0335", None),
        "Ł": ("L\u0335", None),
        "ħ": ("h\u0335", None),
        "Ħ": ("H\u0335", None),
        "ŀ": ("l·", None),
        "Ŀ": ("L·", None),
    }
    for char, (same_as, tertiary) in variants.items():
        elements = table.get(same_as) or tuple(e for c in same_as for e in table[c])
        table[char] = tuple((p, s, tertiary if p and tertiary else t) for p, s, t in elements)
    return table


_TABLE = _build_table()

# Letters whose decomposition ICU takes as one letter: a + ring is å, o + diaeresis is ö …
_CONTRACTIONS = {
    unicodedata.normalize("NFD", letter): _TABLE[letter] for letter in "åäęöőüűÅÄĘÖŐÜŰ"
}
_PAIRS = {pair: _TABLE[pair] for pair in ("aa", "Aa", "AA", "l·", "L·")}


@lru_cache(maxsize=4096)
def _elements_of(char):
    """The collation elements of one character, with the approximations for the rest."""
    if char in _TABLE:
        return _TABLE[char]
    if char in _IGNORED or unicodedata.category(char) in ("Cc", "Cf"):
        return ()
    if (decomposed := unicodedata.normalize("NFD", char)) != char:
        return tuple(e for c in decomposed for e in _elements_of(c))
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
        return ((0, _RARE_ACCENT, _LOWER),)
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed != char:
        elements = [e for c in decomposed for e in _elements_of(c)]
        return tuple(
            (p, s, (_UPPER_COMPAT if t >= _UPPER else _COMPAT) if p else t) for p, s, t in elements
        )
    return ((_AFTER_LAST + ord(char), _COMMON, _UPPER if char.isupper() else _LOWER),)


def _contraction(base, marks, *, precomposed):
    """A letter ICU makes of the base and one of its accents, and the accents left over."""
    for index, mark in enumerate(marks):
        first, *rest = unicodedata.normalize("NFD", mark)
        elements = _CONTRACTIONS.get(base + first)
        # Through an accent that decomposes (U+0344 is diaeresis and acute) only after a plain
        # letter and where Unicode has the composed letter (ǘ), as ICU's tables hold just those.
        whole = not rest or (
            not precomposed and len(unicodedata.normalize("NFC", base + mark)) == 1
        )
        blocked = any(
            unicodedata.combining(other) >= unicodedata.combining(mark) for other in marks[:index]
        )
        if elements and whole and not blocked:
            return elements, marks[:index] + "".join(rest) + marks[index + 1 :]
    return _elements_of(base), marks


@lru_cache(maxsize=4096)
def _decomposed(char):
    """A letter's canonical decomposition (å is a and a ring); an accent stays as typed."""
    return char if unicodedata.combining(char) else unicodedata.normalize("NFD", char)


def _collation_elements(text):
    # Each character is decomposed where it stands, as ICU reads text: accents typed out of
    # canonical order are weighed in the order typed (text in NFC, as browsers send it, is in
    # order anyway).
    chars, precomposed = "", set()
    for char in text:
        if len(piece := _decomposed(char)) > 1:
            precomposed.add(len(chars))
        chars += piece
    end = 0
    while end < len(chars):
        start, end = end, end + 1
        if chars[start : end + 1] in _PAIRS:
            yield from _PAIRS[chars[start : end + 1]]
            end += 1
            continue
        while end < len(chars) and unicodedata.combining(chars[end]):
            end += 1
        if end == start + 1:
            yield from _elements_of(chars[start])
            continue
        elements, marks = _contraction(
            chars[start], chars[start + 1 : end], precomposed=start in precomposed
        )
        yield from elements
        for mark in marks:
            yield from _elements_of(mark)


@lru_cache(maxsize=65536)
def sort_key(text):
    """A key that sorts like ICU's nb-NO collation: base letters, then accents, then case.

    Cached: SQLite calls the collation for every comparison of a sort, and pages sort the
    same names (municipalities, occupations) again and again.
    """
    text = text or ""
    elements = list(_collation_elements(text))
    return (
        tuple(p for p, _, _ in elements if p),
        tuple(s for _, s, _ in elements),
        tuple(t for _, _, t in elements),
        text,
    )


# A stored key is built from the text's first characters, so that it fits a B-tree index entry
# whatever the script (up to 4 bytes for each of three levels and the text).
STORED_KEY_LENGTH = 100
_LEVEL_END = "\x01"  # below every weight, so a shorter level sorts first, as in a tuple


def _weight_char(weight):
    """A weight (1 or more) as one character; UTF-8 keeps code point order byte by byte."""
    code = weight + 1
    if code >= 0xD800:  # surrogates cannot be encoded
        code += 0x800
    return chr(min(code, 0x10FFFF))


def stored_sort_key(text):
    """`sort_key` as bytes that compare the same way byte by byte, for a stored, indexed
    column (bytea on PostgreSQL, BLOB on SQLite): ORDER BY on it is nb-NO order without the
    collation, and an index on it serves the ORDER BY. Built from the first STORED_KEY_LENGTH
    characters; names equal that far are ordered by the next column of the ORDER BY."""
    primaries, secondaries, tertiaries, text = sort_key((text or "")[:STORED_KEY_LENGTH])
    levels = ("".join(map(_weight_char, level)) for level in (primaries, secondaries, tertiaries))
    return _LEVEL_END.join([*levels, text]).encode()


def _compare(left, right):
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NORWEGIAN, _compare)


_INDEX_PRIMARIES = [_PRIMARY[letter.lower()] for letter in ALPHABET]


def initial_letter(text):
    """The index letter a title is filed under: A–Z, Æ, Ø, Å, or '#' for anything else.

    The letter whose base weight the title starts with, as the order has it: "Aasen" is filed
    under Å, "Ärlig" under Æ, "Ümit" under Y, "Łódź" under L, "3D-designer" under '#'.
    """
    primaries = sort_key(text)[0]
    if not primaries or not _INDEX_PRIMARIES[0] <= primaries[0] <= _INDEX_PRIMARIES[-1]:
        return "#"
    return ALPHABET[bisect.bisect_right(_INDEX_PRIMARIES, primaries[0]) - 1]
