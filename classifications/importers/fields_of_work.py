"""NAV's occupation categories (arbeidsplassen.no) from CSV: every STYRK-08 unit group mapped
to an area and a field, e.g. 3251 → «Helse og sosial» / «Tannhelse/-pleie».

Columns: styrk08_code, styrk_description (NAV's text, not used: SSB's names are loaded from
styrk08.csv), category_level1, category_level2. The file is the whole mapping: a unit group's
link to a field not in the file is removed. Fields no longer in the file are kept (editors may
have placed occupations in them) and named in the report.
"""

from django.db import transaction

from changes.record import changes_record
from classifications.models import FieldOfWork, StyrkGroup
from norwegian.slugs import norwegian_slugify
from registers.importing import ImportReport, read_csv, upsert

COLUMNS = ("styrk08_code", "category_level1", "category_level2")
# "Ikke konvertert" / "Uoppgitt/ ikke identifiserbare": a real code, but not a field of work a
# student can browse.
NOT_A_FIELD = "0000"


def _validated(path, report):
    """({unit group code: (area, field)}, {field: area}) of the valid rows."""
    groups = set(StyrkGroup.objects.unit_groups().values_list("code", flat=True))
    mapping, parents, lines, slugs = {}, {}, {}, {}
    for line, row in read_csv(path, required_columns=COLUMNS, report=report):
        code, area, field = row["styrk08_code"], row["category_level1"], row["category_level2"]
        if code == NOT_A_FIELD:
            report.notes.append(f"Linje {line}: {code} («{field}») er ikke et yrkesområde.")
            continue
        if code not in groups:
            report.reject(line, f"STYRK-08-koden {code!r} er ingen kjent yrkesgruppe (4 sifre)")
        elif not area or not field:
            report.reject(line, f"koden {code} mangler område eller yrkesområde")
        elif code in lines:
            report.reject(line, f"koden {code} står også på linje {lines[code]}")
        elif parents.get(field, area) != area:
            report.reject(line, f"yrkesområdet «{field}» står også under «{parents[field]}»")
        elif not all(norwegian_slugify(name) for name in (area, field)):
            report.reject(line, f"«{area}» / «{field}» gir ingen adresse")
        elif any(slugs.get(norwegian_slugify(name), name) != name for name in (area, field)):
            report.reject(line, f"«{area}» / «{field}» gir samme adresse som et annet område")
        else:
            lines[code] = line
            mapping[code] = (area, field)
            parents[field] = area
            for name in (area, field):
                slugs[norwegian_slugify(name)] = name
    return mapping, parents


def _links_write(mapping):
    """Make the unit groups' links to fields exactly the file's; returns (added, removed)."""
    through = FieldOfWork.styrk_groups.through
    fields = dict(FieldOfWork.objects.fields().values_list("name", "pk"))
    groups = dict(StyrkGroup.objects.unit_groups().values_list("code", "pk"))
    wanted = {(fields[field], groups[code]) for code, (_area, field) in mapping.items()}
    existing = {
        (link.fieldofwork_id, link.styrkgroup_id): link.pk for link in through.objects.all()
    }
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create(
        through(fieldofwork_id=field, styrkgroup_id=group)
        for field, group in sorted(wanted - set(existing))
    )
    return len(wanted - set(existing)), len(stale)


def fields_of_work_import(*, path, on_reject=None):
    """Upsert the areas and fields in the file and link each unit group to its field; with
    any bad row (an unknown STYRK-08 code, a field under two areas), write nothing."""
    report = ImportReport(source="Yrkesområder (NAV)", on_reject=on_reject)
    mapping, parents = _validated(path, report)
    if report.rejected:
        return report
    with transaction.atomic():
        upsert(
            FieldOfWork,
            key="slug",
            rows={
                norwegian_slugify(area): {"name": area, "level": 1, "parent_id": None}
                for area in sorted(set(parents.values()))
            },
            report=report,
        )
        areas = dict(FieldOfWork.objects.areas().values_list("name", "pk"))
        upsert(
            FieldOfWork,
            key="slug",
            rows={
                norwegian_slugify(field): {"name": field, "level": 2, "parent_id": areas[area]}
                for field, area in sorted(parents.items())
            },
            report=report,
        )
        added, removed = _links_write(mapping)
        if added or removed:
            report.notes.append(f"{added} yrkesgrupper koblet til et område, {removed} fjernet.")
        gone = FieldOfWork.objects.exclude(name__in={*parents, *parents.values()})
        if names := sorted(gone.values_list("name", flat=True)):
            report.notes.append(f"Står ikke lenger i filen (beholdt): {', '.join(names)}.")
        if report.changed or added or removed:
            changes_record(models=[FieldOfWork])
    return report
