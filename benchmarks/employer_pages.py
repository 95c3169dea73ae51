"""Server time of the employer pages at national scale on PostgreSQL (issue 3).

Needs the data set from national_data.py. For each case it sends REQUESTS requests through
Django's test client (the whole request: middleware, queries, templates; no network), reports
the median and the 95th percentile, the number of queries, and the plans of the three
slowest queries.

    python benchmarks/national_data.py && python benchmarks/employer_pages.py
"""

import argparse
import statistics
import time

from setup_django import setup

REQUESTS = 60
WARMUP = 5


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, url, params, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        assert client.get(url, params).status_code == 200
    times = []
    for request in range(requests):
        # A parameter the views ignore, so that the full-page cache never answers: this
        # measures the page, not the cache.
        started = time.perf_counter()
        response = client.get(url, {**params, "r": request})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {**params, "r": "plan"})
    slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))[:3]
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "slowest": slowest,
    }


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main(requests):
    import logging

    logging.getLogger("yrke.requests").setLevel(logging.WARNING)
    from django.db.models import Count
    from django.test import Client

    from employers.models import Employment
    from occupations.models import Occupation

    # The largest occupation by employment: the hardest case for every page.
    occupation = (
        Occupation.objects.filter(job_titles__employment__isnull=False)
        .annotate(rows=Count("job_titles__employment"))
        .order_by("-rows")
        .first()
    )
    from employers.queries import OccupationEmployers

    matched = OccupationEmployers(occupation).count()
    print(
        f"Data: {Employment.objects.count():,} employment rows; largest occupation "
        f"«{occupation.title}» has {matched:,} employers.\n"
    )
    client = Client()
    url = occupation.get_absolute_url()
    cases = [
        ("Occupation page, whole country", url, {}),
        ("Occupation page, one county (46 Vestland)", url, {"fylke": "46"}),
        (
            "/bedrifter/, county 46 + occupation",
            "/bedrifter/",
            {"fylke": "46", "yrke": occupation.slug},
        ),
        # The counsellors' search without an occupation: every filter and ordering it offers.
        ("/bedrifter/, no filter", "/bedrifter/", {}),
        ("/bedrifter/, county 03 Oslo", "/bedrifter/", {"fylke": "03"}),
        ("/bedrifter/, municipality 4601 Bergen", "/bedrifter/", {"kommune": "4601"}),
        (
            "/bedrifter/, county 46, by municipality",
            "/bedrifter/",
            {"fylke": "46", "sorter": "kommune"},
        ),
        ("/bedrifter/, apprenticeship companies", "/bedrifter/", {"laerebedrift": "on"}),
        (
            "/bedrifter/, county 03, apprenticeship companies",
            "/bedrifter/",
            {"fylke": "03", "laerebedrift": "on"},
        ),
        ("/bedrifter/, name «fjordlys»", "/bedrifter/", {"q": "fjordlys"}),
        ("/bedrifter/, name «midtbyen drift»", "/bedrifter/", {"q": "midtbyen drift"}),
        (
            "/bedrifter/, name «fjordlys», county 03",
            "/bedrifter/",
            {"q": "fjordlys", "fylke": "03"},
        ),
    ]
    print(f"| case | median ms | p95 ms | queries | ({requests} requests each)")
    print("|---|---|---|---|")
    plans = []
    for name, path, params in cases:
        result = measure(client, path, params, requests)
        print(f"| {name} | {result['median']:.1f} | {result['p95']:.1f} | {result['queries']} |")
        plans.append((name, result["slowest"]))
    for name, queries in plans:
        for rank, query in enumerate(queries, start=1):
            print(f"\n{rank}. slowest query for «{name}» ({float(query['time']) * 1000:.1f} ms):")
            print(query["sql"][:300])
            print(explain(query["sql"]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    arguments = parser.parse_args()
    setup()
    main(arguments.requests)
