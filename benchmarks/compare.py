"""Server time of the comparison page at national scale on PostgreSQL (issue 12, part 3).

Needs the data set from national_data.py (600 occupations, 200,000 employers). Compares the
occupations with the most employer rows (the hardest case: the aggregate over the employer read
model reads every row of each), two and four of them, for the whole country and one county.
Each request gets a parameter the view ignores, so the page cache never answers: this is the
page uncached. Reports the median, the 95th percentile, the queries and the plans of the
slowest ones. Target (issue 12): p95 under 100 ms.

    python benchmarks/national_data.py && python benchmarks/compare.py

(This script shares its name with the app `compare`; setup() puts the project root first on
sys.path, so `import compare` finds the app.)
"""

import argparse
import statistics
import time
import uuid

from employer_pages import REQUESTS, explain, percentile
from setup_django import setup

WARMUP = 5


def measure(client, url, params, requests):
    """Like employer_pages.measure, with a parameter new to every run (the page cache keeps
    pages between runs until the next change, and would answer a second run)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = uuid.uuid4().hex[:8]
    for warmup in range(WARMUP):
        assert client.get(url, {**params, "r": f"{run}-w{warmup}"}).status_code == 200
    times = []
    for request in range(requests):
        started = time.perf_counter()
        response = client.get(url, {**params, "r": f"{run}-{request}"})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        assert response.wsgi_request.page_cache == "miss"
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {**params, "r": f"{run}-plan"})
    slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))[:3]
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "slowest": slowest,
    }


def main(requests):
    import logging

    logging.getLogger("yrke.requests").setLevel(logging.WARNING)
    from django.db.models import Count
    from django.test import Client

    from compare.views import comparison_url
    from employers.models import OccupationEmployer
    from occupations.models import Occupation

    largest = list(
        Occupation.objects.published()
        .annotate(rows=Count("employer_rows"))
        .order_by("-rows")
        .values_list("slug", "rows")[:4]
    )
    print(
        f"Data: {Occupation.objects.count():,} occupations, "
        f"{OccupationEmployer.objects.count():,} employer read-model rows; the four largest "
        f"occupations have {', '.join(f'{rows:,}' for _slug, rows in largest)} rows.\n"
    )
    slugs = [slug for slug, _rows in largest]
    client = Client()
    url = comparison_url([]).split("?")[0]
    cases = [
        ("2 occupations, whole country", {"yrker": ",".join(slugs[:2])}),
        ("4 occupations, whole country", {"yrker": ",".join(slugs)}),
        ("4 occupations, one county (46 Vestland)", {"yrker": ",".join(slugs), "fylke": "46"}),
        ("4 occupations, one county (03 Oslo)", {"yrker": ",".join(slugs), "fylke": "03"}),
    ]
    # The machine's load moves every figure: the largest occupation's page, measured in the same
    # run, says how much (benchmarks/results/employer_pages.txt has it on a quieter machine).
    reference = Occupation.objects.get(slug=slugs[0]).get_absolute_url()
    print(f"| case | median ms | p95 ms | queries | ({requests} requests each, uncached)")
    print("|---|---|---|---|")
    plans = []
    for name, params in cases:
        result = measure(client, url, params, requests)
        print(f"| {name} | {result['median']:.1f} | {result['p95']:.1f} | {result['queries']} |")
        plans.append((name, result["slowest"][:1]))
    result = measure(client, reference, {}, requests)
    print(
        f"| reference: the largest occupation's page, whole country | {result['median']:.1f} "
        f"| {result['p95']:.1f} | {result['queries']} |"
    )
    with open("/proc/loadavg") as loadavg:
        print(f"\nLoad average during the run: {' '.join(loadavg.read().split()[:3])}")
    for name, queries in plans:
        for query in queries:
            print(f"\nSlowest query for «{name}» ({float(query['time']) * 1000:.1f} ms):")
            print(query["sql"][:300])
            print(explain(query["sql"]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    arguments = parser.parse_args()
    setup()
    main(arguments.requests)
