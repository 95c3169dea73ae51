"""County and municipality updates from SSB KLASS in JSON (classifications 104 and 131).

`klass_regions_import` reads a codes file and, when given, a changes file (registers/klass.py;
docs/data-feeds.md), and then:

1. applies the changes, oldest first, to each stored number that leaves the classification.
   With one successor, the row is renumbered in place when the successor is not stored yet, so
   every link stays on the same row; otherwise its links move to the successor and the row is
   deleted (a merge). With several successors (a split), employers go to the municipality their
   postal code lies in, municipalities to the county their number begins with, approvals to
   the county of the employer's municipality; what cannot be placed goes to the successor that
   keeps the old name (else the lowest number) and is listed in the run's notes for review;
2. upserts the codes: names, and for a municipality the county its number begins with;
3. records the changes in RegionChange;
4. records what changed, so the employer read model and the pages follow (changes/).
"""

import functools

from django.utils.text import capfirst

from changes.record import changes_record
from regions.importers.klass import UNSPECIFIED
from regions.models import County, Municipality, PostalCode, RegionChange
from registers.importing import upsert
from registers.klass import (
    UNIT,
    changes_read,
    codes_read,
    links_move,
    references,
    rows_move,
    steps,
)

WIDTH = {RegionChange.Kind.COUNTY: 2, RegionChange.Kind.MUNICIPALITY: 4}


def _valid(codes, width, report):
    """{number: Code} of the valid codes; 99 and 9999 ("Uoppgitt") are not regions."""
    valid = {}
    for code in codes:
        if code.code in UNSPECIFIED:
            continue
        if not (code.code.isdigit() and len(code.code) == width):
            report.reject(code.position, f"nummeret {code.code!r} er ikke {width} sifre", UNIT)
        elif not code.name:
            report.reject(code.position, f"{code.code} mangler navn", UNIT)
        elif code.code in valid:
            first = valid[code.code].position
            report.reject(code.position, f"{code.code} står også i post {first}", UNIT)
        else:
            valid[code.code] = code
    return valid


def _check_numbers(width, old, new):
    wrong = [code for code in (old, new) if not (code.isdigit() and len(code) == width)]
    return f"nummeret {wrong[0]!r} er ikke {width} sifre" if wrong else None


def _county_for(code, fallback):
    """The county a municipality number begins with, when it is stored."""
    return County.objects.filter(code=code[:2]).first() or fallback


def _label(region):
    return f"{region._meta.verbose_name} {region.code} {region.name}"


def _follow_split(kind, row, step, successors, report):
    """Let the rows of other apps that refer to the split `row` find their successor by their
    own rule: their manager's `follow_municipality_split` / `follow_county_split` (employers by
    postal code, approvals by the employer's county). Regions cannot import those apps: they sit
    above it. Each returns (rows dropped as duplicates, notes for review)."""
    dropped = 0
    for model, _field in references(type(row)):
        follow = getattr(model._default_manager, f"follow_{kind}_split", None)
        if follow is None:
            continue
        count, notes = follow(
            old=row,
            successors=[region for region in successors.values() if region is not None],
            default=step.default,
            label=_label(row),
            described=step.describe(),
        )
        dropped += count
        report.notes += notes
    return dropped


def _split_municipality(row, step, successors, report):
    """Rows of other apps follow their own rule (employers: their postal code); the postal codes
    still on the old number are listed for review."""
    dropped = _follow_split("municipality", row, step, successors, report)
    default = " ".join(step.default)
    for postal_code in PostalCode.objects.filter(municipality=row):
        report.notes.append(
            f"Kontroller: postnummer {postal_code} lå i {_label(row)} og er lagt i {default}. "
            "Brings postnummerregister sier hvilken kommune det hører til."
        )
    return dropped


def _split_county(row, step, successors, report):
    """Municipalities go to the successor their number begins with, and rows of other apps
    follow their own rule (approvals: the county of the employer's municipality). Those that
    cannot be placed are listed for review."""
    default = " ".join(step.default)
    for county in filter(None, successors.values()):
        rows_move(
            Municipality.objects.filter(code__startswith=county.code),
            field="county",
            old=row,
            new=county,
        )
    unplaced = Municipality.objects.filter(county=row).exclude(code__startswith=step.default[0])
    for municipality in unplaced:
        report.notes.append(
            f"Kontroller: kommune {municipality.code} {municipality.name} lå i {_label(row)}, og "
            f"nummeret viser ikke om den hører til {step.describe()}. Den er lagt i {default}."
        )
    return _follow_split("county", row, step, successors, report)


def _apply(model, step, valid, report):
    """Carry out one number leaving the classification (see the module's docstring)."""
    row = model.objects.filter(code=step.old_code).first()
    if row is None:
        return
    label = _label(row)

    def name(code, fallback):
        return valid[code].name if code in valid else fallback

    successors = {code: model.objects.filter(code=code).first() for code, _ in step.successors}
    default_code, default_name = step.default
    for code, new_name in step.successors:
        if code != default_code and successors[code] is None:
            fields = {"county": _county_for(code, row.county)} if model is Municipality else {}
            successors[code] = model.objects.create(code=code, name=name(code, new_name), **fields)
            report.created += 1
    dropped = 0
    if len(step.successors) > 1:
        report.notes.append(
            f"{capfirst(label)} er delt i {step.describe()} fra {step.changed_on}; det som ikke "
            f"kunne plasseres, er lagt i {default_code} {default_name}."
        )
        split = _split_county if model is County else _split_municipality
        dropped += split(row, step, successors, report)
    target = successors[default_code]
    if target is None:
        row.code, row.name = default_code, name(default_code, default_name)
        if model is Municipality:
            row.county = _county_for(row.code, row.county)
        row.save()
        report.updated += 1
        done = f"har fått nummeret {row.code} ({row.name}) fra {step.changed_on}; alle koblinger "
        done += "er beholdt."
    else:
        dropped += links_move(old=row, new=target)
        row.delete()
        report.closed += 1
        done = f"er slått inn i {target.code} {target.name} fra {step.changed_on}; koblingene er "
        done += "flyttet dit."
    if len(step.successors) == 1:
        report.notes.append(f"{capfirst(label)} {done}")
    if dropped:
        report.notes.append(
            f"Antall koblinger fra {label} som fantes fra før i etterfølgeren og er fjernet: "
            f"{dropped}."
        )


def _upsert(model, valid, report):
    if model is County:
        rows = {number: {"name": code.name} for number, code in valid.items()}
        upsert(County, key="code", rows=rows, report=report)
        return
    counties = dict(County.objects.values_list("code", "pk"))
    stored = dict(Municipality.objects.values_list("code", "county_id"))
    rows = {}
    for number, code in valid.items():
        county_id = counties.get(number[:2], stored.get(number))
        if county_id is None:
            problem = f"fylke {number[:2]} finnes ikke for kommune {number}; importer fylkene først"
            report.reject(code.position, problem, UNIT)
        else:
            rows[number] = {"name": code.name, "county_id": county_id}
    upsert(Municipality, key="code", rows=rows, report=report)


def _record(kind, changes, report):
    """Store the changes in RegionChange, adding to those already there."""
    stored = {
        (change.old_code, change.new_code, change.changed_on): change
        for change in RegionChange.objects.filter(kind=kind)
    }
    new, renamed = [], []
    for change in changes:
        names = (change.old_name, change.new_name)
        existing = stored.get((change.old_code, change.new_code, change.changed_on))
        if existing is None:
            new.append(
                RegionChange(
                    kind=kind,
                    old_code=change.old_code,
                    old_name=change.old_name,
                    new_code=change.new_code,
                    new_name=change.new_name,
                    changed_on=change.changed_on,
                )
            )
        elif (existing.old_name, existing.new_name) != names:
            existing.old_name, existing.new_name = names
            renamed.append(existing)
        else:
            report.unchanged += 1
    RegionChange.objects.bulk_create(new)
    RegionChange.objects.bulk_update(renamed, ["old_name", "new_name"])
    report.created += len(new)
    report.updated += len(renamed)


def klass_regions_import(*, path, report, kind, changes=None):
    """Update counties (`kind` "fylke", KLASS 104) or municipalities ("kommune", KLASS 131) from
    the codes file `path` and, when given, the changes file `changes`."""
    kind = RegionChange.Kind(kind)
    model = County if kind == RegionChange.Kind.COUNTY else Municipality
    codes = codes_read(path, report)
    valid = _valid(codes, WIDTH[kind], report)
    found = []
    if changes is not None:
        found = changes_read(changes, report, check=functools.partial(_check_numbers, WIDTH[kind]))
    for step in steps(found, current={code.code for code in codes}):
        _apply(model, step, valid, report)
    _upsert(model, valid, report)
    _record(kind, found, report)
    if report.changed:
        changes_record(models=[model, RegionChange])
    return report
