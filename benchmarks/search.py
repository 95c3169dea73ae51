"""Server time of /sok/ at national scale on PostgreSQL (issue 5).

Needs the data set from national_data.py (600 occupations, 9,000 job titles, 200,000
employers). Its synthetic occupations ("Målingsyrke 17") are given searchable text first: each
gets the name of a real STYRK-08 unit group of its job titles as alternative title and two
duties, so the vocabulary is the size of a real one. Then the search index is rebuilt (timed),
and a mixed list of queries (titles, inflections, prefixes, compounds, typos, missing æøå,
places, employer names, organisation numbers, nonsense) is sent ROUNDS times through Django's
test client (whole request, no network). Prints the median and 95th percentile over all
requests, per query, the queries per request and the plans of the slowest queries.

    python benchmarks/national_data.py && python benchmarks/search.py
"""

import argparse
import logging
import statistics
import time

from setup_django import setup

ROUNDS = 20
QUERIES = [
    "sykepleiere",
    "sykeplier",
    "elektriker",
    "elektriker bergen",
    "lærer i Vestland",
    "laerer",
    "rorlegger",
    "sjofor",
    "tann",
    "helsesekretær",
    "kokker",
    "programvareutvikler",
    "malingsyrke",
    "målingsyrke 17",
    "syntetisk stillingstittel 9000017",
    "eksempel fjordlys",
    "fjordlys service",
    "nordlys",
    "eksempel",
    "xyzzy",
    "' OR 1=1 --",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def give_occupations_text():
    """Alternative titles and duties from the real unit groups, once."""
    from occupations.models import AlternativeTitle, Duty, Occupation

    if AlternativeTitle.objects.exists():
        return
    alternatives, duties = [], []
    occupations = Occupation.objects.prefetch_related("job_titles__unit_group")
    for occupation in occupations:
        groups = sorted(
            {title.unit_group.name for title in occupation.job_titles.all() if title.unit_group}
        )
        if groups:
            alternatives.append(AlternativeTitle(occupation=occupation, title=groups[0][:120]))
        duties += [
            Duty(occupation=occupation, text=f"arbeider som {name.lower()}"[:300], position=n)
            for n, name in enumerate(groups[1:3], start=1)
        ]
    AlternativeTitle.objects.bulk_create(alternatives)
    Duty.objects.bulk_create(duties)


def explain(sql, params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main(rounds):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from employers.models import Employer
    from occupations.models import Occupation
    from search.index import search_index_rebuild
    from search.models import SearchPosting, SearchWord

    call_command("migrate", verbosity=0)
    give_occupations_text()
    started = time.perf_counter()
    documents = search_index_rebuild()
    rebuild = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchword, search_searchposting, search_searchdocument")
        cursor.execute("ANALYZE employers_employer")
    orgnr = Employer.objects.order_by("pk").values_list("orgnr", flat=True)[1000]
    queries = [*QUERIES, orgnr, f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}"]
    print(
        f"Data: {Occupation.objects.count():,} occupations, {Employer.objects.count():,} "
        f"employers; index: {documents:,} documents, {SearchPosting.objects.count():,} "
        f"postings, {SearchWord.objects.count():,} words; rebuilt in {rebuild:.1f} s.\n"
    )

    logging.getLogger("yrke.requests").setLevel(logging.WARNING)
    client = Client()
    for query in queries:  # warm up
        assert client.get("/sok/", {"q": query}).status_code == 200
    times, per_query = [], {query: [] for query in queries}
    for round_ in range(rounds):
        for query in queries:
            # A parameter the view ignores, so that the full-page cache never answers: this
            # measures the search, not the cache.
            params = {"q": query, "r": round_}
            started = time.perf_counter()
            response = client.get("/sok/", params)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            times.append(elapsed)
            per_query[query].append(elapsed)

    counts, slowest = {}, []
    for query in queries:
        with CaptureQueriesContext(connection) as captured:
            client.get("/sok/", {"q": query, "r": "count"})
        counts[query] = len(captured)
        slowest += [(float(q["time"]), query, q["sql"]) for q in captured.captured_queries]

    print(f"All {len(times)} requests ({len(queries)} queries × {rounds} rounds):")
    print(
        f"median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, "
        f"max {max(times):.1f} ms; {min(counts.values())}–{max(counts.values())} "
        f"queries per request\n"
    )
    print("| query | median ms | p95 ms | queries |")
    print("|---|---|---|---|")
    for query in queries:
        values = per_query[query]
        print(
            f"| {query} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} "
            f"| {counts[query]} |"
        )
    slowest.sort(reverse=True)
    for seconds, query, sql in slowest[:3]:
        print(f"\nSlowest SQL for «{query}» ({seconds * 1000:.1f} ms):\n{sql[:400]}")
        try:
            print(explain(sql, None))
        except Exception as exc:  # a query with literal % cannot be re-run as is
            print(f"(no plan: {exc})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    arguments = parser.parse_args()
    setup()
    main(arguments.rounds)
