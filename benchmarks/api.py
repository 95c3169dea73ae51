"""The open-data API at national scale on PostgreSQL (issue 13, part 3).

Needs the data set from national_data.py (600 published occupations, 200,000 employers). For
each case it sends REQUESTS requests through Django's test client (middleware, queries,
serialisation; no network) with the page cache emptied before each one (a new generation, as
after a change), and reports the median and the 95th percentile and the number of queries.
Then it streams the CSV of every employer in the largest occupation and measures the peak of
Python's memory while it does (tracemalloc), for the whole country and for one county: the
peak stays flat while the file grows.

    python benchmarks/national_data.py && python benchmarks/api.py
"""

import argparse
import statistics
import time
import tracemalloc

from setup_django import setup

REQUESTS = 60
WARMUP = 5


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def uncached(client, path):
    from django.core.cache import caches

    from pagecache.cache import GENERATION_KEY

    caches["pages"].delete(GENERATION_KEY)
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.content[:300])
    return elapsed


def measure(client, path, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        uncached(client, path)
    times = [uncached(client, path) for _ in range(requests)]
    with CaptureQueriesContext(connection) as queries:
        uncached(client, path)
    return statistics.median(times), percentile(times, 0.95), len(queries)


def stream(client, path):
    """(rows, megabytes, seconds, peak MB of Python memory) for one CSV download."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200
    assert response.streaming
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return lines - 1, size / 1e6, elapsed, peak / 1e6


def main(requests):
    import logging

    logging.getLogger("yrke.requests").setLevel(logging.WARNING)
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client

    from employers.models import OccupationEmployer
    from occupations.models import Occupation

    settings.API_RATE_LIMIT = 0  # one client address sends every request
    largest = (
        Occupation.objects.published()
        .annotate(employers=Count("employer_rows"))
        .order_by("-employers")
        .first()
    )
    print(
        f"Data: {Occupation.objects.published().count()} published occupations, "
        f"{OccupationEmployer.objects.count():,} occupation-employer rows; largest occupation "
        f"«{largest.title}» has {largest.employers:,} employers.\n"
    )
    client = Client()
    base = f"/api/v1/occupations/{largest.slug}"
    cases = [
        ("Occupations, limit=200 (page 1 of 3)", "/api/v1/occupations?limit=200"),
        ("Occupations, limit=200 (page 3 of 3)", "/api/v1/occupations?limit=200&page=3"),
        ("Occupations, modified_since", "/api/v1/occupations?modified_since=2020-01-01"),
        ("One occupation, every section", base),
        ("Employers, largest occupation, whole country", f"{base}/employers"),
        ("Employers, largest occupation, county 46", f"{base}/employers?county=46"),
        ("Employers, county 46, limit=200, last page", None),
        ("Employers, municipality 4601 Bergen", f"{base}/employers?municipality=4601"),
    ]
    pages = client.get(f"{base}/employers?county=46&limit=200").json()["pages"]
    cases[6] = (cases[6][0], f"{base}/employers?county=46&limit=200&page={pages}")
    print(f"| case | median ms | p95 ms | queries | ({requests} requests each, uncached)")
    print("|---|---|---|---|")
    for name, path in cases:
        median, p95, queries = measure(client, path, requests)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} |")
    all_pages = sum(
        measure(client, f"/api/v1/occupations?limit=200&page={page}", requests)[0]
        for page in (1, 2, 3)
    )
    print(f"\nAll 600 occupations (3 pages of 200), sum of medians: {all_pages:.1f} ms")

    print("\n| CSV download | rows | MB | seconds | peak Python memory MB |")
    print("|---|---|---|---|---|")
    for name, path in [
        ("employers, county 46", f"{base}/employers.csv?county=46"),
        ("employers, whole country", f"{base}/employers.csv"),
        ("occupations with codes", "/api/v1/occupations.csv"),
    ]:
        rows, megabytes, seconds, peak = stream(client, path)
        print(f"| {name} | {rows:,} | {megabytes:.1f} | {seconds:.2f} | {peak:.1f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    arguments = parser.parse_args()
    setup()
    main(arguments.requests)
