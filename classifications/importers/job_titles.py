"""NAV's 7-digit job titles ("stillingstitler") from CSV: code, name, styrk08.

The styrk08 column (the 4-digit STYRK-08 unit group) may be empty where it is not known.
NAV does not publish the list openly; this loader takes whatever file the team receives.
"""

from django.db import transaction

from changes.record import changes_record
from classifications.models import JobTitle, StyrkGroup
from registers.importing import ImportReport, read_csv, upsert

COLUMNS = ("code", "name", "styrk08")


def job_titles_import(*, path, on_reject=None):
    """Upsert the job titles in a file; with any bad row, write nothing."""
    report = ImportReport(source="Stillingstitler", on_reject=on_reject)
    unit_groups = dict(StyrkGroup.objects.unit_groups().values_list("code", "pk"))
    rows, seen = {}, {}
    for line, row in read_csv(path, required_columns=COLUMNS, report=report):
        code, name, styrk08 = row["code"], row["name"], row["styrk08"]
        if not (code.isdigit() and len(code) == 7):
            report.reject(line, f"koden {code!r} er ikke 7 sifre")
        elif not name:
            report.reject(line, f"stillingstittelen {code} mangler navn")
        elif code in seen:
            report.reject(line, f"koden {code} står også på linje {seen[code]}")
        elif styrk08 and styrk08 not in unit_groups:
            report.reject(line, f"STYRK-08-koden {styrk08!r} er ikke en kjent yrkesgruppe")
        else:
            seen[code] = line
            rows[code] = {"name": name, "unit_group_id": unit_groups.get(styrk08)}
    if report.rejected:
        return report

    with transaction.atomic():
        upsert(JobTitle, key="code", rows=rows, report=report)
        if report.changed:
            changes_record(models=[JobTitle])
    return report
