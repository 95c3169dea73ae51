"""SSB's STYRK-08 (KLASS classification 7) from CSV: code, parent_code, level, name_nb."""

from django.db import transaction

from classifications.models import StyrkGroup
from registers.importing import ImportReport, read_csv, upsert

COLUMNS = ("code", "parent_code", "level", "name_nb")


def _validated_rows(path, report):
    """Every row of the file, checked on its own and against the rows before it."""
    rows = {}
    for line, row in read_csv(path, required_columns=COLUMNS, report=report):
        code, parent_code, level, name = (row[column] for column in COLUMNS)
        if not (code.isdigit() and 1 <= len(code) <= 4):
            report.reject(line, f"koden {code!r} er ikke 1–4 sifre")
        elif level != str(len(code)):
            report.reject(
                line, f"nivået {level!r} passer ikke med koden {code} ({len(code)} sifre)"
            )
        elif not name:
            report.reject(line, f"koden {code} mangler navn")
        elif code in rows:
            report.reject(line, f"koden {code} står også på linje {rows[code]['line']}")
        elif len(code) == 1 and parent_code:
            report.reject(line, f"yrkesfeltet {code} kan ikke ha overordnet kode")
        elif len(code) > 1 and parent_code != code[:-1]:
            report.reject(
                line, f"overordnet kode for {code} skal være {code[:-1]}, ikke {parent_code!r}"
            )
        else:
            rows[code] = {"line": line, "name": name, "parent_code": parent_code or None}
    for code, row in list(rows.items()):
        if row["parent_code"] and row["parent_code"] not in rows:
            report.reject(row["line"], f"overordnet kode {row['parent_code']} finnes ikke i filen")
            del rows[code]
    return rows


def styrk08_import(*, path, on_reject=None):
    """Upsert the STYRK-08 groups in a file; with any bad row, write nothing.

    Returns the report. Groups are never deleted here: a code that leaves the standard is
    renumbered by the KLASS change import, so the links to it survive.
    """
    report = ImportReport(source="STYRK-08", on_reject=on_reject)
    rows = _validated_rows(path, report)
    if report.rejected:
        return report

    with transaction.atomic():
        for level in (1, 2, 3, 4):
            # Parents are written a level before their children, so their keys are known here.
            parents = dict(StyrkGroup.objects.filter(level=level - 1).values_list("code", "pk"))
            upsert(
                StyrkGroup,
                key="code",
                rows={
                    code: {
                        "level": level,
                        "name": row["name"],
                        "parent_id": parents.get(row["parent_code"]),
                    }
                    for code, row in rows.items()
                    if len(code) == level
                },
                report=report,
            )
    return report
