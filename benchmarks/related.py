"""The related occupations at national scale on PostgreSQL: the full rebuild of every
occupation's list (target: under 60 s for 600 occupations), and the partial rebuilds the change
path runs after an editor's write.

Needs the data set from national_data.py (600 occupations, 200,000 employers, about a million
employment rows). Its synthetic occupations have job titles and trades but no STYRK-08 unit
groups or educations, and each synthetic employer employs one occupation only. So inside one
transaction that is rolled back at the end (the benchmark database is left as it was), each
occupation gets the unit group most of its job titles have, every second occupation shares an
education with the next, and each employer gets employees in 0-6 further occupations (skewed
towards a few common ones, as a hospital or a shop has nurses or sales staff): the read model
then has about a million rows, as a real register would give, and every reason has data.

    python benchmarks/national_data.py && python benchmarks/related.py
"""

import argparse
import statistics
import time
from collections import Counter

from setup_django import setup


def timed(function, rounds):
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


MORE_EMPLOYMENT = """
INSERT INTO employers_occupationemployer
    (occupation_id, employer_id, county_id, municipality_id, employed, contracts,
     is_apprenticeship_company)
SELECT occupations.ids[1 + floor(power(random(), 3) * array_length(occupations.ids, 1))::int],
       e.id, NULL, NULL, 1 + floor(random() * 5)::int, 0, false
FROM employers_employer e
CROSS JOIN LATERAL generate_series(1, e.id %% 7) AS extra
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM occupations_occupation) AS occupations
ON CONFLICT DO NOTHING
"""


def give_reasons():
    """Unit groups, shared educations and employers in common for the synthetic occupations
    (rolled back later)."""
    from django.db import connection

    from classifications.models import JobTitle
    from occupations.models import Education, Occupation, OccupationEducation

    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(MORE_EMPLOYMENT, [])

    groups = {}
    for occupation, group in JobTitle.objects.filter(occupations__isnull=False).values_list(
        "occupations", "unit_group"
    ):
        groups.setdefault(occupation, Counter())[group] += 1
    Occupation.styrk_groups.through.objects.bulk_create(
        Occupation.styrk_groups.through(
            occupation_id=occupation, styrkgroup_id=counts.most_common(1)[0][0]
        )
        for occupation, counts in groups.items()
    )
    ids = list(Occupation.objects.order_by("pk").values_list("pk", flat=True))
    educations = Education.objects.bulk_create(
        Education(name=f"Syntetisk utdanning {n}", level="Vg3") for n in range(len(ids) // 2)
    )
    OccupationEducation.objects.bulk_create(
        OccupationEducation(occupation_id=occupation, education=educations[i // 2], position=0)
        for i, occupation in enumerate(ids[: 2 * len(educations)])
    )


def main(rounds):
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Count

    from changes.changeset import ChangeSet
    from derived.rules import related_scope
    from employers.models import OccupationEmployer
    from occupations.models import Occupation
    from related.compute import (
        MIN_COMMON_EMPLOYERS,
        MIN_COMMON_SHARE_PERCENT,
        related_refresh,
    )
    from related.models import RelatedChoice, RelatedOccupation

    call_command("migrate", verbosity=0)
    call_command("load_fields_of_work", verbosity=0)
    occupations = Occupation.objects.count()
    rows = OccupationEmployer.objects.count()
    if not rows:
        raise SystemExit("No employer rows: run benchmarks/national_data.py first.")
    employers = OccupationEmployer.objects.values("employer").distinct().count()
    print(
        f"{occupations} occupations, {employers} employers with {rows} employer rows; "
        f"threshold {MIN_COMMON_EMPLOYERS} employers and {MIN_COMMON_SHARE_PERCENT} %; "
        f"median of {rounds}\n"
    )
    with transaction.atomic():
        give_reasons()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        rows = OccupationEmployer.objects.count()
        people = OccupationEmployer.objects.filter(employed__gt=0)
        print(
            f"With the added employment: {rows} employer rows, "
            f"{people.values('employer').distinct().count()} employers with people employed\n"
        )
        seconds, written = timed(related_refresh, rounds)
        print(f"{'full rebuild, every occupation':<52} {seconds:8.2f} s  {written} rows")
        reasons = dict(
            RelatedOccupation.objects.values_list("reason").annotate(n=Count("pk")).order_by()
        )
        print(f"{'':<52} by reason: {reasons}")

        largest = Occupation.objects.annotate(rows=Count("employer_rows")).order_by("-rows").first()
        cases = {
            "an editor's pin on the largest occupation": ChangeSet.of(
                rows=[
                    RelatedChoice.objects.create(
                        occupation=largest,
                        related=Occupation.objects.exclude(pk=largest.pk).first(),
                        reason="Benchmark",
                    )
                ]
            ),
            "the largest occupation published (status)": ChangeSet.of(
                rows=[largest], fields=["status"]
            ),
            "its employers changed (job titles, Aa rows)": ChangeSet(),
        }
        for name, changes in cases.items():
            employers_changed = {largest.pk} if not changes else set()

            def partial(changes=changes, employers_changed=employers_changed):
                scope = related_scope(changes, employers=employers_changed)
                return len(scope), related_refresh(occupations=scope)

            seconds, (scope, written) = timed(partial, rounds)
            print(f"{name:<52} {seconds:8.2f} s  {scope} lists, {written} rows")
        transaction.set_rollback(True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    setup()
    main(arguments.rounds)
