"""What the change path costs at national scale on PostgreSQL: how long the refresh after a
write takes (employer rows, search index, page cache), and with how many queries.

Needs the data set from national_data.py. Each case makes one write the way the site does and
commits it; the refresh is then run and timed on its own (`changes_apply`, what the task runs
after the commit, in the writer's process or in a worker). Median of --rounds.

    python benchmarks/national_data.py && python benchmarks/change_path.py
"""

import argparse
import os
import statistics
import time

from setup_django import setup

ROUNDS = 5


def case(name, write, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from changes.apply import changes_apply

    writes, refreshes = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        write()
        writes.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            assert changes_apply() >= 1
            refreshes.append((time.perf_counter() - started) * 1000)
    print(
        f"{name:<58} write {statistics.median(writes):7.1f} ms   refresh "
        f"{statistics.median(refreshes):8.1f} ms  {len(queries):3d} queries"
    )


def main(rounds):
    import logging

    logging.disable(logging.INFO)
    from django.db.models import Count

    from changes.record import changes_record
    from classifications.models import StyrkGroup
    from employers.models import Employment, OccupationEmployer
    from occupations.models import Occupation
    from occupations.services import occupation_publish

    largest = Occupation.objects.annotate(rows=Count("employer_rows")).order_by("-rows").first()
    employers = OccupationEmployer.objects.filter(occupation=largest).count()
    print(f"Largest occupation: {largest.title} ({employers} employers), median of {rounds}\n")
    title = largest.job_titles.first()

    case(
        "publish it (its search documents, pages)",
        lambda: occupation_publish(occupation=largest),
        rounds,
    )
    case(
        "its job titles change (its employer rows, search, pages)",
        lambda: changes_record(rows=[largest], fields=["job_titles"]),
        rounds,
    )

    def employment_row():
        row = Employment.objects.filter(job_title=title).order_by("pk").first()
        Employment.objects.filter(pk=row.pk).update(count=row.count + 1)
        changes_record(rows=[row], fields=["count"])

    case("one employment row (rows of the occupations of its title)", employment_row, rounds)
    case(
        "an employment import (every employer row)",
        lambda: changes_record(models=[Employment]),
        1,
    )
    case("a STYRK-08 load (the whole search index)", lambda: changes_record(models=[StyrkGroup]), 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    arguments = parser.parse_args()
    # The task is stored, not run, after each write; the script runs and times the refresh.
    os.environ["TASKS_BACKEND"] = "database"
    setup()
    main(arguments.rounds)
