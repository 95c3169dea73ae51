"""Norwegian alphabetical order (… x y z æ ø å) on both databases.

PostgreSQL ships the ICU collation ``nb-NO-x-icu``. SQLite has no ICU, so a collation of the
same name is registered on each new SQLite connection, backed by ``sort_key``. Querysets can
then order with ``Collate(field, NORWEGIAN)`` and get the same answer on both engines.
"""

import unicodedata
from functools import lru_cache

NORWEGIAN = "nb-NO-x-icu"

# Letters that sort after z, and foreign letters that Norwegian files with them.
_LAST_LETTERS = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}
_FOLD = {"ü": "y", "ß": "ss", "ð": "d", "þ": "th"}


def _base_letters(text):
    for char in text.casefold():
        if char in _LAST_LETTERS:
            yield _LAST_LETTERS[char]
        elif char in _FOLD:
            yield _FOLD[char]
        else:
            yield "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )


@lru_cache(maxsize=65536)
def sort_key(text):
    """A key that sorts Norwegian text: case and accents only break ties.

    Cached: SQLite calls the collation for every comparison of a sort, and pages sort the
    same names (municipalities, occupations) again and again.
    """
    return ("".join(_base_letters(text or "")), text or "")


def _compare(left, right):
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NORWEGIAN, _compare)


_INITIALS = {"{": "Æ", "|": "Ø", "}": "Å"}


def initial_letter(text):
    """The index letter a title is filed under: A–Z, Æ, Ø, Å, or '#' for anything else."""
    folded = sort_key(text)[0].lstrip()
    if not folded:
        return "#"
    first = folded[0]
    if "a" <= first <= "z":
        return first.upper()
    return _INITIALS.get(first, "#")


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
