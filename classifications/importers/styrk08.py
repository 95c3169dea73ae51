"""SSB's STYRK-08 (KLASS classification 7) from CSV: code, parent_code, level, name_nb.

`groups_validated` and `groups_write` are shared with the KLASS JSON update (klass_json.py).
"""

from django.db import transaction

from changes.record import changes_record
from classifications.models import StyrkGroup
from registers.importing import ImportReport, read_csv, upsert

COLUMNS = ("code", "parent_code", "level", "name_nb")


def groups_validated(entries, report, unit="linje"):
    """{code: row} of the (position, code, parent code, level, name) entries, each checked on
    its own and against the entries before it; parents must be among them."""
    rows = {}
    for position, code, parent_code, level, name in entries:
        if not (code.isdigit() and 1 <= len(code) <= 4):
            report.reject(position, f"koden {code!r} er ikke 1–4 sifre", unit)
        elif level != str(len(code)):
            report.reject(
                position, f"nivået {level!r} passer ikke med koden {code} ({len(code)} sifre)", unit
            )
        elif not name:
            report.reject(position, f"koden {code} mangler navn", unit)
        elif code in rows:
            report.reject(
                position, f"koden {code} står også på {unit} {rows[code]['position']}", unit
            )
        elif len(code) == 1 and parent_code:
            report.reject(position, f"yrkesfeltet {code} kan ikke ha overordnet kode", unit)
        elif len(code) > 1 and parent_code != code[:-1]:
            report.reject(
                position,
                f"overordnet kode for {code} skal være {code[:-1]}, ikke {parent_code!r}",
                unit,
            )
        else:
            rows[code] = {"position": position, "name": name, "parent_code": parent_code or None}
    for code, row in list(rows.items()):
        if row["parent_code"] and row["parent_code"] not in rows:
            report.reject(
                row["position"], f"overordnet kode {row['parent_code']} finnes ikke i filen", unit
            )
            del rows[code]
    return rows


def groups_write(rows, report):
    """Upsert the groups, a level at a time so that each parent is stored before its children."""
    for level in (1, 2, 3, 4):
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


def styrk08_import(*, path, on_reject=None):
    """Upsert the STYRK-08 groups in a file; with any bad row, write nothing.

    Returns the report. Groups are never deleted here: a code that leaves the standard is
    renumbered by the KLASS change import, so the links to it survive.
    """
    report = ImportReport(source="STYRK-08", on_reject=on_reject)
    rows = groups_validated(
        (
            (line, *(row[column] for column in COLUMNS))
            for line, row in read_csv(path, required_columns=COLUMNS, report=report)
        ),
        report,
    )
    if report.rejected:
        return report
    with transaction.atomic():
        groups_write(rows, report)
        if report.changed:
            changes_record(models=[StyrkGroup])
    return report
