"""The relevance set: what a student or counsellor types, and the page that must come first
(top=1) or among the first three (top=3). Runs on SQLite and on PostgreSQL alike.

The share passing is reported in the README; target 100 % in the top 3 and at least 90 % first.
"""

import pytest

from search.engine import search

pytestmark = pytest.mark.django_db

# (query, the occupation page expected, top, the place the query names)
RELEVANCE = [
    # Titles, any case
    ("Tannhelsesekretær", "tannhelsesekretaer", 1, None),
    ("TANNLEGE", "tannlege", 1, None),
    ("sykepleier", "sykepleier", 1, None),
    ("elektriker", "elektriker", 1, None),
    ("Kokk", "kokk", 1, None),
    ("frisør", "frisor", 1, None),
    ("bilmekaniker", "bilmekaniker", 1, None),
    ("programvareutvikler", "programvareutvikler", 1, None),
    ("helsefagarbeider", "helsefagarbeider", 1, None),
    ("barnehagelærer", "barnehagelaerer", 1, None),
    ("lærer", "laerer", 1, None),
    # The codes the pages print: a job title, a STYRK-08 unit group, an education (NUS)
    ("5134103", "tannhelsesekretaer", 1, None),
    ("3256", "tannhelsesekretaer", 1, None),
    ("464201", "tannhelsesekretaer", 1, None),
    # Synonyms (alternative titles)
    ("tannlegeassistent", "tannhelsesekretaer", 1, None),
    ("klinikkassistent", "tannhelsesekretaer", 1, None),
    ("sjukepleier", "sykepleier", 1, None),
    ("hjelpepleier", "helsefagarbeider", 1, None),
    ("omsorgsarbeider", "helsefagarbeider", 1, None),
    ("tannhygienist", "tannpleier", 1, None),
    ("odontolog", "tannlege", 1, None),
    ("snekker", "tomrer", 1, None),
    ("VVS-montør", "rorlegger", 1, None),
    ("førskolelærer", "barnehagelaerer", 1, None),
    ("pedagogisk leder", "barnehagelaerer", 1, None),
    ("lastebilsjåfør", "yrkessjafor", 1, None),
    ("bussjåfør", "yrkessjafor", 1, None),
    ("programmerer", "programvareutvikler", 1, None),
    ("systemutvikler", "programvareutvikler", 1, None),
    ("hårstylist", "frisor", 1, None),
    ("mekaniker", "bilmekaniker", 1, None),
    ("grunnskolelærer", "laerer", 1, None),
    ("institusjonskokk", "kokk", 1, None),
    ("elektroinstallatør", "elektriker", 1, None),
    # Job titles (7 digits) and STYRK-08 unit groups
    ("klinikkfullmektig", "tannhelsesekretaer", 1, None),
    ("trikkefører", "yrkessjafor", 1, None),
    ("helsesekretærer", "tannhelsesekretaer", 1, None),
    ("legespesialist", None, 0, None),  # only the unpublished eye doctor: no hit
    # Inflections
    ("sykepleiere", "sykepleier", 1, None),
    ("sykepleieren", "sykepleier", 1, None),
    ("lærere", "laerer", 1, None),
    ("elektrikere", "elektriker", 1, None),
    ("kokker", "kokk", 1, None),
    ("tannleger", "tannlege", 1, None),
    ("rørleggere", "rorlegger", 1, None),
    ("frisører", "frisor", 1, None),
    ("tømrere", "tomrer", 1, None),
    ("bilmekanikere", "bilmekaniker", 1, None),
    ("tannhelsesekretærer", "tannhelsesekretaer", 1, None),
    # Prefixes, as you type
    ("tannhel", "tannhelsesekretaer", 1, None),
    ("sykepl", "sykepleier", 1, None),
    ("elektr", "elektriker", 1, None),
    ("rørleg", "rorlegger", 1, None),
    ("barneh", "barnehagelaerer", 1, None),
    ("programv", "programvareutvikler", 1, None),
    ("frisø", "frisor", 1, None),
    ("tannpl", "tannpleier", 1, None),
    # Compounds
    ("helsesekretær", "tannhelsesekretaer", 1, None),
    ("sekretær", "tannhelsesekretaer", 3, None),
    ("skolelærer", "laerer", 1, None),
    ("fagarbeider", "helsefagarbeider", 1, None),
    ("tannhelse", "tannhelsesekretaer", 1, None),
    ("sjåfør", "yrkessjafor", 1, None),
    # Typos
    ("tannhelsesekreter", "tannhelsesekretaer", 1, None),
    ("sykeplier", "sykepleier", 1, None),
    ("elektrikker", "elektriker", 1, None),
    ("rørleger", "rorlegger", 1, None),
    ("barnehagelerer", "barnehagelaerer", 1, None),
    ("programvareutvkler", "programvareutvikler", 1, None),
    ("bilmekanikker", "bilmekaniker", 1, None),
    ("tannpleir", "tannpleier", 3, None),
    # Without æøå
    ("laerer", "laerer", 1, None),
    ("skolelaerer", "laerer", 1, None),
    ("sjofor", "yrkessjafor", 1, None),
    ("sjafor", "yrkessjafor", 1, None),
    ("rorlegger", "rorlegger", 1, None),
    ("tomrer", "tomrer", 1, None),
    ("frisor", "frisor", 1, None),
    ("tannhelsesekretaer", "tannhelsesekretaer", 1, None),
    ("sjaafoer", "yrkessjafor", 1, None),
    ("roerlegger", "rorlegger", 1, None),
    ("YRKESSJAFOR", "yrkessjafor", 1, None),
    ("forskolelaerer", "barnehagelaerer", 1, None),
    # Place names
    ("elektriker bergen", "elektriker", 1, "Bergen"),
    ("kokk i Trondheim", "kokk", 1, "Trondheim"),
    ("rørlegger i Vestland", "rorlegger", 1, "Vestland"),
    ("sykepleier oslo", "sykepleier", 1, "Oslo"),
    ("tømrer i møre og romsdal", "tomrer", 1, "Møre og Romsdal"),
    ("frisør tromsø", "frisor", 1, "Tromsø"),
    ("laerer i baerum", "laerer", 1, "Bærum"),
    # Words from the lead, duties and description
    ("tannkjøtt", "tannpleier", 1, None),
    ("hår", "frisor", 1, None),
    ("smittevern", "tannhelsesekretaer", 1, None),
]


def rank_of(results, slug):
    slugs = [hit.occupation.slug for hit in results.occupations]
    return slugs.index(slug) + 1 if slug in slugs else None


def test_relevance_set(searchable):
    failures, first, top3 = [], 0, 0
    for query, slug, top, place in RELEVANCE:
        results = search(query)
        found_place = results.place.name if results.place else None
        if slug is None:
            ok = not results.occupations
            first += ok
            top3 += ok
        else:
            rank = rank_of(results, slug)
            first += rank == 1
            top3 += rank is not None and rank <= 3
            ok = rank is not None and rank <= top and (found_place or "").startswith(place or "")
        if not ok:
            got = [hit.occupation.slug for hit in results.occupations[:3]]
            failures.append(
                f"{query!r}: wanted {slug} in top {top}, place {place}; got {got}, {found_place}"
            )
    total = len(RELEVANCE)
    assert total >= 60
    assert not failures, "\n".join(failures)
    assert top3 == total
    assert first / total >= 0.9
