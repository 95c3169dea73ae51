"""Register imports at national scale on PostgreSQL (issue 4): time and peak memory.

Needs the data set from national_data.py (200,000 employers, 1,000,508 employment rows).

- Aa-registeret: the stored month written out as a file for the next month (1,000,508 rows),
  imported (everything created), then imported again (everything unchanged).
- Enhetsregisteret: 300,000 establishment records in the real bulk format (the structure of
  a real record from tests/data/brreg/, fictitious names and numbers), gzip-compressed:
  the 200,000 employers we have plus 100,000 new ones; then the same file again. A file a
  tenth the size shows that peak memory does not grow with the file. Names carry the time of
  the run, so the first import of a file updates every establishment it already has.

Each import runs as `manage.py` in its own process; peak memory is that process's maximum
resident set size.

    python benchmarks/national_data.py && python benchmarks/imports.py
"""

import copy
import datetime
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from setup_django import ROOT, setup

TEMPLATE = json.loads((ROOT / "tests" / "data" / "brreg" / "underenheter-sample.json").read_text())[
    0
]


# Runs manage.py and, at exit, reports the process's own peak resident memory.
CHILD = (
    "import atexit, resource, runpy, sys; "
    "atexit.register(lambda: print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF)"
    ".ru_maxrss, file=sys.stderr)); "
    "sys.argv = ['manage.py', *sys.argv[1:]]; runpy.run_path('manage.py', run_name='__main__')"
)


def run_command(*args):
    """Run a management command in a child process; returns (seconds, peak MB, summary)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        env=os.environ,
        cwd=ROOT,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(result.stderr[-2000:])
    peak_kb = int(result.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return seconds, peak_kb / 1024, result.stdout.strip().splitlines()[-1]


def write_aa_file(directory):
    from django.db import connection

    from employers.queries import latest_period

    period = latest_period()
    following = (period + datetime.timedelta(days=32)).replace(day=1)
    path = directory / f"aa-{following:%Y-%m}.csv"
    with path.open("w", encoding="utf-8") as handle, connection.cursor() as cursor:
        handle.write("orgnr;stillingskode;antall_arbeidsforhold;periode\n")
        cursor.execute(
            "SELECT e.orgnr, t.code, m.count FROM employers_employment m "
            "JOIN employers_employer e ON e.id = m.employer_id "
            "JOIN classifications_jobtitle t ON t.id = m.job_title_id WHERE m.period = %s",
            [period],
        )
        rows = 0
        for orgnr, code, count in cursor:
            handle.write(f"{orgnr};{code};{count};{following:%Y-%m}\n")
            rows += 1
    return path, rows


def write_brreg_file(directory, count, name):
    from employers.demo import fictitious_orgnrs
    from employers.models import Employer
    from regions.models import PostalCode

    postal = list(
        PostalCode.objects.filter(category__in=["G", "B"], municipality__isnull=False)
        .values_list("code", "place", "municipality__code", "municipality__name")
        .order_by("code")
    )
    existing = Employer.objects.order_by("orgnr").values_list("orgnr", flat=True).iterator()
    new = fictitious_orgnrs(start=30_000_000)
    run_mark = datetime.datetime.now().strftime("%H%M%S")  # New names each run: all updated.
    path = directory / name
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("[")
        for n in range(count):
            orgnr = next(existing, None) or next(new)
            code, place, municipality, municipality_name = postal[n % len(postal)]
            record = copy.deepcopy(TEMPLATE)
            record.update(
                organisasjonsnummer=orgnr,
                navn=f"EKSEMPEL VIRKSOMHET {n} {run_mark} AS",
                overordnetEnhet="923609016",
                antallAnsatte=n % 250,
            )
            record["beliggenhetsadresse"].update(
                postnummer=code,
                poststed=place,
                kommunenummer=municipality,
                kommune=municipality_name.upper(),
                adresse=[f"Eksempelveien {n % 150 + 1}"],
            )
            handle.write(("," if n else "") + json.dumps(record, ensure_ascii=False))
        handle.write("]")
    return path


def main():
    from django.core.management import call_command

    from employers.models import Employer

    call_command("migrate", verbosity=0)
    directory = Path(tempfile.mkdtemp(prefix="yrke-bench-"))
    print("| import | seconds | peak memory MB | result |")
    print("|---|---|---|---|", flush=True)

    def result(label, seconds, peak, summary):
        print(f"| {label} | {seconds:.0f} | {peak:.0f} | {summary} |", flush=True)

    aa_path, rows = write_aa_file(directory)
    size = aa_path.stat().st_size / 1e6
    for label in ("new month", "same file again"):
        seconds, peak, summary = run_command("import_aa", str(aa_path))
        result(f"Aa-registeret, {rows:,} rows ({size:.0f} MB), {label}", seconds, peak, summary)

    employers = Employer.objects.count()
    for count in (30_000, 300_000):
        path = write_brreg_file(directory, count, f"underenheter-{count}.json.gz")
        size = path.stat().st_size / 1e6
        print(
            f"Enhetsregisteret file: {count:,} records, {size:.0f} MB gzip ({employers:,} stored)"
        )
        labels = ("first import", "same file again") if count == 300_000 else ("first import",)
        for label in labels:
            seconds, peak, summary = run_command("import_brreg", str(path))
            name = f"Enhetsregisteret, {count:,} records ({size:.0f} MB gzip), {label}"
            result(f"{name}; {employers:,} stored before", seconds, peak, summary)


if __name__ == "__main__":
    setup()
    main()
