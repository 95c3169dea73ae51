"""`Fold` in SQL: the folding of `search.text.fold()` for employer names, on both databases.

It lowers case and writes æ, ø, å (and aa, oe) the same way; accents such as é are kept, as
neither database has a portable way to strip them.

PostgreSQL keeps a trigram GIN index on exactly this expression over employers' names
(migration 0002), so `Fold("name")` LIKE '%word%' reads the index, not 200,000 rows.
"""

from django.db.models import Value
from django.db.models.functions import Lower, Replace

from search.text import FOLDS


def Fold(expression):
    # SQLite's lower() leaves Æ, Ø and Å alone, so the capitals are replaced as well.
    folded = Lower(expression)
    for capital, letter in (("Æ", "æ"), ("Ø", "ø"), ("Å", "å")):
        folded = Replace(folded, Value(capital), Value(letter))
    for letters, plain in FOLDS:
        folded = Replace(folded, Value(letters), Value(plain))
    return folded
