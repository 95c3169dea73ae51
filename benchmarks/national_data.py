"""A national-scale data set: 600 occupations, 9,000 job titles, 200,000 employers.

The occupations and job titles are synthetic and named so ("Målingsyrke 17", "SYNTETISK
STILLINGSTITTEL 9000017"); they exist only in the benchmark database. Each occupation has
texts of a real description's length, its own (benchmarks/occupation_texts.py). Regions,
STYRK-08 and trades are the real reference data. Employers come from the same generator as the
demo data, with a Zipf skew so that a few occupations are large, as in the real register.

    python benchmarks/national_data.py [--employers 200000]
"""

import argparse
import random
import re
import time

from occupation_texts import occupation_texts
from setup_django import setup


def occupation_texts_apply():
    """Give every synthetic occupation its texts and duties (again: the same every time), in
    one transaction; the change path then rebuilds the search index and the cached pages."""
    from django.db import transaction

    from changes.record import changes_record
    from occupations.models import Duty, Occupation

    synthetic = Occupation.objects.filter(slug__startswith="malingsyrke-")
    with transaction.atomic():
        Duty.objects.filter(occupation__in=synthetic).delete()
        duties = []
        for occupation in synthetic:
            number = int(re.sub(r"\D", "", occupation.slug))
            texts = occupation_texts(number, title=occupation.title, plural=occupation.title_plural)
            duties += [
                Duty(occupation=occupation, text=text, position=position)
                for position, text in enumerate(texts.pop("duties"), start=1)
            ]
            for name, value in texts.items():
                setattr(occupation, name, value)
            occupation.save()  # stores the Markdown's HTML too
        Duty.objects.bulk_create(duties)
        changes_record(models=[Occupation, Duty])
    return len(duties)


def build(*, employers, occupations=600, titles_per_occupation=15, seed=1):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from classifications.models import JobTitle, StyrkGroup, Trade
    from employers.demo import employers_generate
    from employers.models import Employer, OccupationEmployer
    from employers.summary import occupation_employers_refresh
    from occupations.models import Occupation

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    call_command("load_classifications", verbosity=0)
    timings["reference data"] = time.perf_counter() - started

    if Employer.objects.exists():
        print(f"The database already has {Employer.objects.count()} employers; keeping them.")
        started = time.perf_counter()
        duties = occupation_texts_apply()
        timings[f"occupation texts ({duties} duties)"] = time.perf_counter() - started
        started = time.perf_counter()
        rows = occupation_employers_refresh()
        timings[f"read model refresh ({rows} rows)"] = time.perf_counter() - started
        return timings

    rng = random.Random(seed)
    started = time.perf_counter()
    unit_groups = list(StyrkGroup.objects.unit_groups().values_list("pk", flat=True))
    trades = list(Trade.objects.values_list("pk", flat=True))
    created = Occupation.objects.bulk_create(
        Occupation(
            title=f"Målingsyrke {n}",
            title_plural=f"målingsyrker {n}",
            slug=f"malingsyrke-{n}",
            lead="",
            status=Occupation.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(1, occupations + 1)
    )
    titles = JobTitle.objects.bulk_create(
        JobTitle(
            code=f"{9000000 + n}",
            name=f"SYNTETISK STILLINGSTITTEL {9000000 + n}",
            unit_group_id=rng.choice(unit_groups),
        )
        for n in range(occupations * titles_per_occupation)
    )
    title_links, trade_links = [], []
    for index, occupation in enumerate(created):
        own = titles[index * titles_per_occupation : (index + 1) * titles_per_occupation]
        title_links += [
            Occupation.job_titles.through(occupation_id=occupation.pk, jobtitle_id=title.pk)
            for title in own
        ]
        trade_links += [
            Occupation.trades.through(occupation_id=occupation.pk, trade_id=trade)
            for trade in rng.sample(trades, rng.randint(0, 2))
        ]
    Occupation.job_titles.through.objects.bulk_create(title_links)
    Occupation.trades.through.objects.bulk_create(trade_links)
    occupation_texts_apply()
    timings["occupations and titles"] = time.perf_counter() - started

    started = time.perf_counter()
    # The read model is rebuilt by the change path when the generator's transaction commits.
    counts = employers_generate(count=employers, seed=seed, titles_per_employer=(3, 7), skew=1.0)
    timings[
        f"{employers} employers ({counts['employment']} employment rows, "
        f"{OccupationEmployer.objects.count()} read-model rows)"
    ] = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return timings


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employers", type=int, default=200_000)
    arguments = parser.parse_args()
    url = setup()
    print(f"Building the national data set in {url} …")
    for step, seconds in build(employers=arguments.employers).items():
        print(f"  {step}: {seconds:.1f} s")
