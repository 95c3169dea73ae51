"""The site search: `search(query, region=None)`, the same answers on SQLite and PostgreSQL.

A request costs a fixed number of queries whatever the data, at most 10: places (for queries of
two or more words), candidate words (a second query for typos on PostgreSQL), postings, the
occupations shown, their snippets, employer counts in a named region, employer candidates and
the employers shown, and the nearest titles when nothing was found.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _
from stdnum.no import orgnr as stdnum_orgnr

from employers.models import Employer, OccupationEmployer
from occupations.models import Occupation
from regions.models import County, Municipality
from search.expressions import Fold
from search.models import SearchDocument, SearchPosting, SearchWord
from search.scoring import (
    MIN_COMPOUND,
    MIN_PREFIX,
    MIN_TYPO,
    SUGGESTION_SIMILARITY,
    WEIGHTS,
    match_factor,
)
from search.text import STOPWORDS, similarity, stem, words

# "lærebedrift i Vestland": the employer search's list of approved apprenticeship companies.
APPRENTICESHIP_WORDS = frozenset(
    ["laerebedrift", "laerebedrifter", "laerebedriftene", "larebedrift", "larebedrifter"]
)
MAX_QUERY_LENGTH = 200
MAX_TOKENS = 8
OCCUPATION_LIMIT = 20
EMPLOYER_LIMIT = 10
SUGGESTION_LIMIT = 3
# Hits far below the best one are noise ("lege" in a description) and are left out.
RELATIVE_CUTOFF = 0.2
EMPLOYER_CANDIDATES = 1000
MIN_EMPLOYER_WORD = 3  # shorter words cannot use the trigram index


@dataclass
class Place:
    """A county or municipality named in the query."""

    kind: str  # "county" or "municipality"
    code: str
    name: str
    county_code: str
    words: tuple = ()

    @property
    def query(self):
        """The occupation page's and the employer search's region parameters."""
        if self.kind == "county":
            return {"fylke": self.code}
        return {"fylke": self.county_code, "kommune": self.code}


REASONS = {
    SearchDocument.Field.ALTERNATIVE_TITLE: _("Også kalt"),
    SearchDocument.Field.JOB_TITLE: _("Stillingstittel"),
    SearchDocument.Field.UNIT_GROUP: _("Yrkesgruppe i STYRK-08"),
    SearchDocument.Field.DUTY: _("Arbeidsoppgave"),
    SearchDocument.Field.DESCRIPTION: _("Fra beskrivelsen"),
    SearchDocument.Field.JOB_TITLE_CODE: _("Stillingskode"),
    SearchDocument.Field.STYRK_CODE: _("Yrkesgruppe i STYRK-08"),
    SearchDocument.Field.NUS_CODE: _("Utdanningskode (NUS)"),
}


@dataclass
class OccupationHit:
    occupation: Occupation
    score: float
    field: int
    matched_text: str  # the text of the field that matched best
    matched_words: frozenset
    employers_in_region: int | None = None

    @property
    def reason(self):
        """What matched, when it is not the title or the lead: "Også kalt", …"""
        return REASONS.get(self.field)

    @property
    def snippet_text(self):
        """The lead, or the duty or passage of the description that matched."""
        if self.field in (SearchDocument.Field.DUTY, SearchDocument.Field.DESCRIPTION):
            return self.matched_text
        return self.occupation.lead


@dataclass
class Results:
    query: str
    terms: str = ""  # the query without the place
    place: Place | None = None
    occupations: list = field(default_factory=list)
    employers: list = field(default_factory=list)
    employer_more: bool = False
    suggestions: list = field(default_factory=list)
    apprenticeship: bool = False  # the query asks for apprenticeship companies ("lærebedrift")

    @property
    def found(self):
        return bool(self.occupations or self.employers or self.apprenticeship)


@lru_cache(maxsize=2048)
def _place_names(text):
    """'Nordland - Nordlánnda' → ['nordland', 'nordlannda']; 'Herøy (Nordland)' → ['heroy'].

    Cached: the same few hundred names are folded for every request.
    """
    text = text.split("(")[0]
    return [tuple(words(part)) for part in text.split(" - ") if words(part)]


def _places():
    rows = Municipality.objects.order_by("code").values_list(
        "code", "name", "county__code", "county__name"
    )
    found = {}
    for code, name, county_code, county_name in rows:
        for words_ in _place_names(county_name):
            found.setdefault(words_, Place("county", county_code, county_name, county_code, words_))
        for words_ in _place_names(name):
            found.setdefault(
                words_, Place("municipality", code, name.split(" (")[0], county_code, words_)
            )
    return found


def find_place(tokens):
    """The longest place name in the query, and the query's words without it.

    A query that is nothing but a place ("bergen") stays a text query, so a one-word query
    needs no look-up at all.
    """
    if len(tokens) < 2:
        return None, tokens
    places = _places()
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            place = places.get(tuple(tokens[start : start + size]))
            if place is None:
                continue
            if size == 1 and len(tokens[start]) <= 2 and tokens[start - 1 : start] != ["i"]:
                continue  # "as" is Ås only in "i Ås", never in "Fjordlys AS"
            rest = tokens[:start] + tokens[start + size :]
            if any(token not in STOPWORDS for token in rest):
                return place, rest
    return None, tokens


def _candidate_words(tokens, *, typos):
    """(word, stem) rows of the vocabulary that may answer the query's words.

    PostgreSQL narrows them down with its b-tree and trigram indexes, in two steps: the words
    equal to, sharing the stem of, starting or ending with a query word; then (`typos=True`)
    the words similar to a query word that found nothing, by pg_trgm's `%`. Every condition is
    looser than `match_factor`, which decides. SQLite reads the (small) vocabulary.
    """
    if connection.vendor != "postgresql":
        return list(SearchWord.objects.values_list("word", "stem"))
    conditions, params = [], []
    if typos:
        for token in tokens:
            conditions.append("word %% %s")
            params.append(token)
    else:
        conditions += ["word = ANY(%s)", "stem = ANY(%s)"]
        params += [tokens, [stem(token) for token in tokens]]
        for token in tokens:
            if token.isdigit():
                continue  # numbers are found as they are (see match_factor)
            token_stem = stem(token)
            if len(token) >= MIN_PREFIX:
                conditions.append("word LIKE %s")
                params.append(f"{token}%")
            if len(token) >= MIN_COMPOUND:
                conditions.append("word LIKE %s")
                params.append(f"%{token}")
                if len(token_stem) >= MIN_COMPOUND:
                    conditions.append("stem LIKE %s")
                    params.append(f"%{token_stem}")
    sql = f"SELECT word, stem FROM {SearchWord._meta.db_table} WHERE " + " OR ".join(conditions)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _matching_words(tokens):
    """{word: [(token index, factor), …]} for the vocabulary words that answer the query."""
    stems = [stem(token) for token in tokens]
    matched = defaultdict(list)
    candidates = _candidate_words(tokens, typos=False)
    for word, word_stem in candidates:
        for index, token in enumerate(tokens):
            factor = match_factor(token, stems[index], word, word_stem)
            if factor:
                matched[word].append((index, factor))
    answered = {index for found in matched.values() for index, _ in found}
    unanswered = [
        index
        for index, token in enumerate(tokens)
        if index not in answered and len(token) >= MIN_TYPO and not token.isdigit()
    ]
    if unanswered:
        if connection.vendor == "postgresql":
            candidates = _candidate_words([tokens[i] for i in unanswered], typos=True)
        for word, word_stem in candidates:
            for index in unanswered:
                factor = match_factor(tokens[index], stems[index], word, word_stem, typos=True)
                if factor:
                    matched[word].append((index, factor))
    return matched


def _rank(tokens):
    """[(score, occupation id, best field, best document id, matched words)], best first."""
    matched = _matching_words(tokens)
    if not matched:
        return []
    best = defaultdict(dict)  # occupation → token index → (score, field, document)
    words_of = defaultdict(set)
    # One row per occupation, field and word (the first document): a word shared by an
    # occupation's fifteen job titles is scored once, not fifteen times.
    postings = (
        SearchPosting.objects.filter(word__in=list(matched))
        .values("occupation_id", "field", "word")
        .annotate(first_document=Min("document_id"))
        .values_list("occupation_id", "field", "word", "first_document")
        .order_by()
    )
    for occupation_id, field_, word, document_id in postings:
        words_of[occupation_id].add(word)
        for index, factor in matched[word]:
            score = WEIGHTS[field_] * factor
            current = best[occupation_id].get(index)
            # Ties go to the more important field (lower number), then the first document.
            if current is None or (score, -field_, -document_id) > (
                current[0],
                -current[1],
                -current[2],
            ):
                best[occupation_id][index] = (score, field_, document_id)
    ranked = []
    for occupation_id, per_token in best.items():
        total = sum(score for score, _, _ in per_token.values())
        # Which field to show: the one that gave the most.
        score, field_, document_id = max(
            per_token.values(), key=lambda item: (item[0], -item[1], -item[2])
        )
        ranked.append(
            (total, occupation_id, field_, document_id, frozenset(words_of[occupation_id]))
        )
    ranked.sort(key=lambda item: (-item[0], item[1]))
    if not ranked:  # words left in the vocabulary by occupations since unpublished
        return []
    top = ranked[0][0]
    return [item for item in ranked if item[0] >= top * RELATIVE_CUTOFF][:OCCUPATION_LIMIT]


def _occupation_hits(tokens, place):
    ranked = _rank(tokens)
    if not ranked:
        return []
    ids = [occupation_id for _, occupation_id, *_ in ranked]
    occupations = Occupation.objects.published().only("title", "slug", "lead").in_bulk(ids)
    documents = dict(
        SearchDocument.objects.filter(pk__in=[item[3] for item in ranked]).values_list("pk", "text")
    )
    counts = {}
    if place is not None and occupations:
        rows = OccupationEmployer.objects.filter(occupation_id__in=list(occupations))
        if place.kind == "county":
            rows = rows.filter(county__code=place.code)
        else:
            rows = rows.filter(municipality__code=place.code)
        counts = dict(
            rows.values("occupation_id")
            .annotate(n=Count("id"))
            .values_list("occupation_id", "n")
            .order_by()
        )
    hits = []
    for score, occupation_id, field_, document_id, matched in ranked:
        occupation = occupations.get(occupation_id)
        if occupation is None:
            continue
        hits.append(
            OccupationHit(
                occupation=occupation,
                score=round(score, 3),
                field=field_,
                matched_text=documents.get(document_id, ""),
                matched_words=matched,
                employers_in_region=counts.get(occupation_id, 0) if place else None,
            )
        )
    return hits


def _employers(tokens, raw, place):
    """Employers by organisation number (with or without spaces) or by every word of the name.

    Returns up to EMPLOYER_LIMIT employers and whether there are more.
    """
    digits = "".join(raw.split())
    employers = Employer.objects.select_related("municipality")
    if digits.isdigit() and len(digits) == 9:
        if not stdnum_orgnr.is_valid(digits):
            return [], False
        return list(employers.filter(orgnr=digits)), False
    name_words = [token for token in tokens if len(token) >= MIN_EMPLOYER_WORD]
    if not name_words:
        return [], False
    # Open employers only: a name search is for places to work; closed ones are found by
    # organisation number and in the employer search.
    candidates = Employer.objects.active().alias(folded=Fold("name"))
    for word in name_words:
        candidates = candidates.filter(folded__contains=word)
    if place is not None:
        candidates = (
            candidates.filter(municipality__county__code=place.code)
            if place.kind == "county"
            else candidates.filter(municipality__code=place.code)
        )
    # At most EMPLOYER_CANDIDATES matches (id and name), sorted by name here, then the ten
    # shown. Ordering in SQL lets PostgreSQL walk the name index past every name before the
    # word ("Nordlys …" sorts late) instead of reading the trigram index. A word found in
    # more names than that shows the first ten by name of a thousand, with a link to them all.
    # Sorted in Python, the order is the same on both databases.
    rows = candidates.order_by().values_list("name", "pk")[:EMPLOYER_CANDIDATES]
    first = sorted(rows)[: EMPLOYER_LIMIT + 1]
    shown = employers.in_bulk([pk for _, pk in first])
    found = [shown[pk] for _, pk in first if pk in shown]
    return found[:EMPLOYER_LIMIT], len(found) > EMPLOYER_LIMIT


def nearest_titles(text, limit=SUGGESTION_LIMIT):
    """ "Mente du …?": published occupations whose title or alternative title is most like the
    query, by trigram similarity of the folded texts."""
    folded = " ".join(words(text))
    if not folded:
        return []
    rows = SearchDocument.objects.filter(
        field__in=[SearchDocument.Field.TITLE, SearchDocument.Field.ALTERNATIVE_TITLE],
        occupation__status=Occupation.Status.PUBLISHED,
    ).values_list("occupation__title", "occupation__slug", "text")
    best = {}
    for title, slug, text_ in rows:
        score = similarity(folded, " ".join(words(text_)))
        if score >= SUGGESTION_SIMILARITY and score > best.get(slug, (0, ""))[0]:
            best[slug] = (score, title)
    ordered = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [{"slug": slug, "title": title} for slug, (_, title) in ordered[:limit]]


def search(query, region=None):
    """Occupations and employers for a visitor's query.

    `query` is any string (it is cleaned here); `region` a County or Municipality that limits
    the employers, otherwise a place named in the query does.
    """
    text = " ".join(str(query).split())[:MAX_QUERY_LENGTH]
    results = Results(query=text, terms=text)
    tokens = words(text)[: MAX_TOKENS * 2]
    if not tokens:
        return results
    if region is not None:
        place = _region_place(region)
    else:
        place, tokens = find_place(tokens)
        if place is not None:
            results.terms = without_place(text, place.words)
    results.place = place
    results.apprenticeship = any(token in APPRENTICESHIP_WORDS for token in tokens)
    if results.apprenticeship:
        tokens = [token for token in tokens if token not in APPRENTICESHIP_WORDS]
        if not any(token not in STOPWORDS for token in tokens):
            return results  # the page links to the apprenticeship companies
    tokens = [token for token in tokens if token not in STOPWORDS][:MAX_TOKENS] or tokens[:1]
    if any(len(token) >= 2 for token in tokens):
        results.occupations = _occupation_hits(
            [token for token in tokens if len(token) >= 2], place
        )
    results.employers, results.employer_more = _employers(tokens, text, place)
    if not results.found:
        results.suggestions = nearest_titles(" ".join(tokens))
    return results


def without_place(text, place_words):
    """The query as typed, less the place's words and an "i" or "på" just before them."""
    parts = text.split()
    folded = [tuple(words(part)) for part in parts]
    size = len(place_words)
    for start in range(len(parts)):
        run = [word for part in folded[start : start + size] for word in part]
        if tuple(run) == tuple(place_words):
            end = start + size
            if start and folded[start - 1] in (("i",), ("pa",), ("paa",)):
                start -= 1
            return " ".join(parts[:start] + parts[end:])
    return text


def _region_place(region):
    if isinstance(region, County):
        return Place("county", region.code, region.name, region.code)
    return Place("municipality", region.code, region.name, region.county.code)


def title_suggestions(query, limit=8):
    """The titles of the best occupation hits, for the search box's autocomplete."""
    tokens = [token for token in words(str(query))[:MAX_TOKENS] if token not in STOPWORDS]
    tokens = [token for token in tokens if len(token) >= 2]
    if not tokens:
        return []
    ids = [occupation_id for _, occupation_id, *_ in _rank(tokens)[:limit]]
    found = Occupation.objects.published().only("title", "slug").in_bulk(ids)
    return [
        {"title": found[pk].title, "url": found[pk].get_absolute_url()} for pk in ids if pk in found
    ]
