"""How well a word of the index answers a word of the query, and what each field weighs.

Shared by both databases: the database proposes candidate words (PostgreSQL through trigram
indexes, SQLite by reading the vocabulary), this module decides, so both rank alike.
"""

from search.models import SearchDocument
from search.text import similarity

Field = SearchDocument.Field

WEIGHTS = {
    Field.TITLE: 10.0,
    Field.ALTERNATIVE_TITLE: 8.0,
    Field.JOB_TITLE: 6.0,
    Field.UNIT_GROUP: 5.0,
    Field.LEAD: 3.0,
    Field.DUTY: 2.0,
    Field.DESCRIPTION: 1.0,
    Field.JOB_TITLE_CODE: 12.0,
    Field.STYRK_CODE: 12.0,
    Field.NUS_CODE: 12.0,
}
# A code's document reads "5134103 – TANNHELSESEKRETÆR"; only the code is a word of it.
CODE_FIELDS = {Field.JOB_TITLE_CODE, Field.STYRK_CODE, Field.NUS_CODE}

MIN_PREFIX = 3  # "tan" finds "tannlege"; two letters would find half the index
MIN_COMPOUND = 4  # "lege" finds "tannlege" and "øyelege"
MIN_TYPO = 4
# pg_trgm's default similarity_threshold (0.3) is lower, so PostgreSQL's `%` operator always
# proposes every word that passes here.
TYPO_SIMILARITY = 0.45
SUGGESTION_SIMILARITY = 0.3


def match_factor(token, token_stem, word, word_stem, *, typos=False):
    """0 when `word` does not answer `token`, else up to 1 (the same word).

    Typos are looked for (`typos=True`) only for a query word that nothing else answers
    (see `search.engine._matching_words`): "lærer" should not also find "lærere"'s neighbours.
    """
    if word == token:
        return 1.0
    if token.isdigit():
        return 0.0  # "17" is not a typo for "18", nor a prefix of "170"
    if word_stem == token_stem and len(token_stem) >= MIN_PREFIX:
        return 0.9
    if len(token) >= MIN_PREFIX and word.startswith(token):
        # A prefix typed so far: the more of the word it covers, the better.
        return 0.6 + 0.3 * len(token) / len(word)
    if len(token) >= MIN_COMPOUND and (
        word.endswith(token) or (len(token_stem) >= MIN_COMPOUND and word_stem.endswith(token_stem))
    ):
        # The last part of a compound: "helsesekretær" in "tannhelsesekretær".
        return 0.45 + 0.2 * len(token) / len(word)
    if typos and len(token) >= MIN_TYPO and abs(len(token) - len(word)) <= 3:
        score = similarity(token, word)
        if score >= TYPO_SIMILARITY:
            return 0.7 * score
    return 0.0
