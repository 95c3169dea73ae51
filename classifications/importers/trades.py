"""Apprenticeship trades from utdanning.no's list of programmes and educations (CSV).

Only the educations taken as an apprenticeship ("… (opplæring i bedrift)") are trades.
"""

from django.db import transaction

from changes.record import changes_record
from classifications.models import Trade
from registers.importing import ImportReport, read_csv, upsert

SUFFIX = " (opplæring i bedrift)"


def trades_import(*, path, on_reject=None):
    report = ImportReport(source="Lærefag", on_reject=on_reject)
    rows = {}
    skipped = 0
    for line, row in read_csv(
        path, required_columns=("utdanningsprogram", "utdanning"), report=report
    ):
        education = row["utdanning"]
        if not education.endswith(SUFFIX):
            skipped += 1
            continue
        name = education.removesuffix(SUFFIX).strip()
        if not name:
            report.reject(line, "lærefaget mangler navn")
        elif name in rows:
            report.reject(line, f"lærefaget {name!r} står to ganger")
        else:
            rows[name] = {"programme": row["utdanningsprogram"]}
    if skipped:
        report.notes.append(f"{skipped} utdanninger er ikke lærefag (ikke opplæring i bedrift).")
    if not report.rejected:
        with transaction.atomic():
            upsert(Trade, key="name", rows=rows, report=report)
            if report.changed:
                changes_record(models=[Trade])
    return report
