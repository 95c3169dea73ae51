"""Counties, municipalities and their changes (SSB KLASS 104/131) and postal codes (Bring)."""

import datetime
import functools

from django.db import transaction
from django.db.models import Max

from changes.record import changes_record
from regions.models import County, Municipality, PostalCode, RegionChange
from registers.importing import ImportReport, read_csv, upsert

UNSPECIFIED = {"99", "9999"}  # KLASS's "Uoppgitt": a code for unknown, not a region.
NOT_MUNICIPALITIES = {"2100", "2211"}  # Svalbard and Jan Mayen have postal codes but no kommune.


def _counties(path, report):
    rows = {}
    for line, row in read_csv(path, required_columns=("fylkesnummer", "navn"), report=report):
        code, name = row["fylkesnummer"], row["navn"]
        if code in UNSPECIFIED:
            continue
        if not (code.isdigit() and len(code) == 2) or not name:
            report.reject(line, f"ugyldig fylke {code!r} {name!r}")
        elif code in rows:
            report.reject(line, f"fylkesnummer {code} står to ganger")
        else:
            rows[code] = {"name": name}
    return rows


def _municipalities(path, county_codes, report):
    rows = {}
    columns = ("kommunenummer", "navn", "fylkesnummer")
    for line, row in read_csv(path, required_columns=columns, report=report):
        code, name, county = row["kommunenummer"], row["navn"], row["fylkesnummer"]
        if code in UNSPECIFIED:
            continue
        if not (code.isdigit() and len(code) == 4) or not name:
            report.reject(line, f"ugyldig kommune {code!r} {name!r}")
        elif county not in county_codes:
            report.reject(line, f"kommune {code} hører til ukjent fylke {county!r}")
        elif code in rows:
            report.reject(line, f"kommunenummer {code} står to ganger")
        else:
            rows[code] = {"name": name, "county": county}
    return rows


def _postal_codes(path, municipality_codes, report):
    rows = {}
    columns = ("postnummer", "poststed", "kommunenummer", "kategori")
    categories = set(PostalCode.Category.values)
    for line, row in read_csv(path, required_columns=columns, report=report):
        code, municipality = row["postnummer"], row["kommunenummer"]
        if not (code.isdigit() and len(code) == 4) or not row["poststed"]:
            report.reject(line, f"ugyldig postnummer {code!r}")
        elif municipality not in municipality_codes and municipality not in NOT_MUNICIPALITIES:
            report.reject(line, f"postnummer {code} ligger i ukjent kommune {municipality!r}")
        elif row["kategori"] not in categories:
            report.reject(line, f"postnummer {code} har ukjent kategori {row['kategori']!r}")
        else:
            rows[code] = {
                "place": row["poststed"],
                "municipality": municipality if municipality in municipality_codes else None,
                "category": row["kategori"],
            }
    return rows


def _changes(path, kind, report):
    rows = set()
    columns = ("old_code", "old_name", "new_code", "new_name", "change_date")
    width = 2 if kind == RegionChange.Kind.COUNTY else 4
    for line, row in read_csv(path, required_columns=columns, report=report):
        try:
            changed_on = datetime.date.fromisoformat(row["change_date"])
        except ValueError:
            report.reject(line, f"ugyldig dato {row['change_date']!r}")
            continue
        codes = (row["old_code"], row["new_code"])
        if not all(code.isdigit() and len(code) == width for code in codes):
            report.reject(line, f"nummer må ha {width} sifre: {codes[0]!r} → {codes[1]!r}")
            continue
        rows.add((row["old_code"], row["old_name"], row["new_code"], row["new_name"], changed_on))
    return rows


CHANGE_FIELDS = ("old_code", "old_name", "new_code", "new_name", "changed_on")


def _write_changes(kind, rows, report):
    """The change tables are full exports: make the stored set equal to the file's."""
    existing = {
        tuple(values): pk
        for pk, *values in RegionChange.objects.filter(kind=kind).values_list("pk", *CHANGE_FIELDS)
    }
    stale = [pk for values, pk in existing.items() if values not in rows]
    RegionChange.objects.filter(pk__in=stale).delete()
    new = sorted(rows - existing.keys())
    RegionChange.objects.bulk_create(
        RegionChange(kind=kind, **dict(zip(CHANGE_FIELDS, values, strict=True))) for values in new
    )
    report.created += len(new)
    report.unchanged += len(rows & existing.keys())


def regions_import(
    *, counties, municipalities, postal_codes, municipality_changes, county_changes, on_reject=None
):
    """Load all region files; if any file has a bad row, nothing is written.

    `on_reject(source, rejection)` hears about every rejected row.

    Returns one report per file, in the order above.
    """
    reports = [
        ImportReport(source=name, on_reject=on_reject and functools.partial(on_reject, name))
        for name in ("Fylker", "Kommuner", "Postnumre", "Kommuneendringer", "Fylkesendringer")
    ]
    county_rows = _counties(counties, reports[0])
    municipality_rows = _municipalities(municipalities, set(county_rows), reports[1])
    postal_rows = _postal_codes(postal_codes, set(municipality_rows), reports[2])
    municipality_change_rows = _changes(
        municipality_changes, RegionChange.Kind.MUNICIPALITY, reports[3]
    )
    county_change_rows = _changes(county_changes, RegionChange.Kind.COUNTY, reports[4])
    if any(report.rejected for report in reports):
        return reports
    newest_in_files = max((row[-1] for row in municipality_change_rows), default=None)
    stored = RegionChange.objects.aggregate(newest=Max("changed_on"))["newest"]
    if stored and newest_in_files and stored > newest_in_files:
        # The regions were updated from SSB KLASS after these files: loading them would undo it.
        reports[0].notes.append(
            f"Regionene i databasen er oppdatert fra KLASS til {stored:%d.%m.%Y}, etter filene "
            f"({newest_in_files:%d.%m.%Y}); ingenting ble endret."
        )
        return reports

    with transaction.atomic():
        upsert(County, key="code", rows=county_rows, report=reports[0])
        county_ids = dict(County.objects.values_list("code", "pk"))
        upsert(
            Municipality,
            key="code",
            rows={
                code: {"name": row["name"], "county_id": county_ids[row["county"]]}
                for code, row in municipality_rows.items()
            },
            report=reports[1],
        )
        municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
        upsert(
            PostalCode,
            key="code",
            rows={
                code: {
                    "place": row["place"],
                    "category": row["category"],
                    "municipality_id": municipality_ids.get(row["municipality"]),
                }
                for code, row in postal_rows.items()
            },
            report=reports[2],
        )
        _write_changes(RegionChange.Kind.MUNICIPALITY, municipality_change_rows, reports[3])
        _write_changes(RegionChange.Kind.COUNTY, county_change_rows, reports[4])
        if any(report.changed for report in reports):
            changes_record(models=[County, Municipality, PostalCode, RegionChange])
    return reports
