"""STYRK-08 updates from SSB KLASS in JSON (classification 7).

`klass_styrk08_import` reads a codes file and, when given, a changes file (registers/klass.py;
docs/data-feeds.md), and then:

1. applies the changes, oldest first, to each stored group whose code leaves the
   classification. With one successor, the group is renumbered in place when the successor is
   not stored yet, so job titles, occupations and graduate outcomes keep pointing at it;
   otherwise its links move to the successor and the group is deleted (a merge). A group split
   among several successors keeps its links, and each is listed in the run's notes for an
   editor to share out;
2. upserts the groups with their parents, as the CSV loader does.
"""

from changes.record import changes_record
from classifications.importers.styrk08 import groups_validated, groups_write
from classifications.models import StyrkGroup
from registers.klass import UNIT, changes_read, codes_read, links_describe, links_move, steps


def _check_codes(old, new):
    if not all(code.isdigit() and 1 <= len(code) <= 4 for code in (old, new)):
        return f"kodene {old!r} og {new!r} skal være 1–4 sifre"
    if len(old) != len(new):
        return f"{old} og {new} er på ulike nivåer"
    return None


def _split(group, step, report):
    label = f"STYRK-08 {group.code} {group.name}"
    links = links_describe(group)
    report.notes.append(
        f"{label} er delt i {step.describe()} fra {step.changed_on}; {len(links)} koblinger står "
        f"fortsatt på {group.code}."
    )
    for link in links:
        report.notes.append(
            f"Kontroller: {link} peker på {label}, som er delt i {step.describe()}. Velg ny "
            "yrkesgruppe i admin."
        )


def _apply(step, rows, report):
    """Carry out one code leaving the classification (see the module's docstring)."""
    group = StyrkGroup.objects.filter(code=step.old_code).first()
    if group is None:
        return
    if len(step.successors) > 1:
        _split(group, step, report)
        return
    label = f"STYRK-08 {group.code} {group.name}"
    code, name = step.successors[0]
    target = StyrkGroup.objects.filter(code=code).first()
    if target is None:
        group.code, group.name = code, rows[code]["name"] if code in rows else name
        group.save(update_fields=["code", "name"])
        report.updated += 1
        report.notes.append(
            f"{label} har fått koden {group.code} ({group.name}) fra {step.changed_on}; "
            "alle koblinger er beholdt."
        )
        return
    dropped = links_move(old=group, new=target)
    group.delete()
    report.closed += 1
    report.notes.append(
        f"{label} er slått inn i {target.code} {target.name} fra {step.changed_on}; koblingene "
        "er flyttet dit."
    )
    if dropped:
        report.notes.append(
            f"Antall koblinger fra {label} som fantes fra før i {target.code} og er fjernet: "
            f"{dropped}."
        )


def klass_styrk08_import(*, path, report, changes=None):
    """Update STYRK-08 from the codes file `path` and, when given, the changes file `changes`."""
    codes = codes_read(path, report)
    rows = groups_validated(
        ((code.position, code.code, code.parent_code, code.level, code.name) for code in codes),
        report,
        UNIT,
    )
    found = [] if changes is None else changes_read(changes, report, check=_check_codes)
    for step in steps(found, current={code.code for code in codes}):
        _apply(step, rows, report)
    groups_write(rows, report)
    if report.changed:
        changes_record(models=[StyrkGroup])
    return report
