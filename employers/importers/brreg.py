"""Brønnøysundregistrene's Enhetsregisteret: establishments ("underenheter") and, for their
parents' names, legal units ("enheter").

Reads the bulk downloads as they are published: a gzip-compressed JSON array of records
(plain JSON works too). The file is streamed with ijson and written in batches, so memory
stays flat however large the file. An establishment is upserted on its organisation number;
one with a closing or deletion date, or missing from a full file, is marked closed, never
deleted. Records stream into a staging table and are applied with set-based statements.
"""

import datetime
import gzip
import zlib

import ijson
from django.db import connection
from django.utils import timezone
from stdnum.no import orgnr as stdnum_orgnr

from changes.record import changes_record
from employers.models import Employer
from norwegian.collation import stored_sort_key
from regions.models import Municipality
from regions.resolve import resolve_municipality
from registers.importing import ImportFailed
from registers.staging import StagingTable, reject_staged, same

FIELDS = [
    "name",
    "sort_name",
    "parent_orgnr",
    "nace_code",
    "nace_text",
    "address",
    "postal_code",
    "postal_place",
    "municipality_id",
    "employees",
    "registered_on",
    "closed_on",
]
STRINGS = {
    "name",
    "parent_orgnr",
    "nace_code",
    "nace_text",
    "address",
    "postal_code",
    "postal_place",
}
# A "full" file with fewer of today's open establishments than this is refused: it is more
# likely a partial or broken file than half the country closing at once.
FULL_FILE_MINIMUM_SHARE = 0.5


def records(path):
    """(position, record) for each element of the JSON array in `path` (.gz or plain)."""
    if path.stat().st_size == 0:
        raise ImportFailed(f"{path.name} er tom.")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as handle:
            yield from enumerate(ijson.items(handle, "item"), start=1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ImportFailed(
            f"{path.name} er avkortet eller ikke en gyldig gzip-fil ({exc})."
        ) from exc
    except ijson.JSONError as exc:
        detail = str(exc).splitlines()[0]
        raise ImportFailed(f"{path.name} er ikke gyldig JSON ({detail}).") from exc


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if value else None


class _Municipalities:
    """Municipality ids by number; old numbers resolve through SSB's changes, once each."""

    def __init__(self):
        self.ids = dict(Municipality.objects.values_list("code", "pk"))

    def get(self, code):
        if code not in self.ids:
            regions = resolve_municipality(code).regions
            self.ids[code] = regions[0].pk if len(regions) == 1 else None
        return self.ids[code]


def _parse(record, municipalities):
    """The Employer fields of a record, or a reason to reject it."""
    if not isinstance(record, dict):
        return None, "posten er ikke et JSON-objekt"
    orgnr = str(record.get("organisasjonsnummer") or "")
    if not stdnum_orgnr.is_valid(orgnr):
        return None, f"ugyldig organisasjonsnummer {orgnr!r}"
    name = (record.get("navn") or "").strip()
    if not name:
        return None, f"{orgnr} mangler navn"
    try:
        closed_on = _date(record.get("nedleggelsesdato") or record.get("slettedato"))
        registered_on = _date(record.get("registreringsdatoEnhetsregisteret"))
    except (TypeError, ValueError):
        return None, f"{orgnr} har en ugyldig dato"
    if record.get("slettedato") and "beliggenhetsadresse" not in record:
        # A deleted stub.
        return {
            "orgnr": orgnr,
            "name": name,
            "sort_name": stored_sort_key(name),
            "closed_on": closed_on,
        }, None
    parent = str(record.get("overordnetEnhet") or "")
    if parent and not stdnum_orgnr.is_valid(parent):
        return None, f"{orgnr} har ugyldig overordnet enhet {parent!r}"
    employees = record.get("antallAnsatte")  # Absent means unknown, not zero.
    if employees is not None and (not str(employees).isdigit()):
        return None, f"{orgnr} har ugyldig antall ansatte {employees!r}"
    address = record.get("beliggenhetsadresse") or {}
    code = str(address.get("kommunenummer") or "")
    municipality = municipalities.get(code) if code else None
    if code and municipality is None:
        return None, f"{orgnr} ligger i ukjent kommune {code!r}"
    nace = record.get("naeringskode1") or {}
    return {
        "orgnr": orgnr,
        "name": name[:200],
        "sort_name": stored_sort_key(name[:200]),
        "parent_orgnr": parent,
        "nace_code": str(nace.get("kode") or "")[:6],
        "nace_text": str(nace.get("beskrivelse") or "")[:200],
        "address": ", ".join(line for line in address.get("adresse") or [] if line)[:300],
        "postal_code": str(address.get("postnummer") or "")[:4],
        "postal_place": str(address.get("poststed") or "")[:100],
        "municipality_id": municipality,
        "employees": None if employees is None else int(employees),
        "registered_on": registered_on,
        "closed_on": closed_on,
    }, None


STAGING = [
    ("position", "INTEGER NOT NULL"),
    ("orgnr", "VARCHAR(9) NOT NULL"),
    ("stub", "INTEGER NOT NULL"),
    ("name", "VARCHAR(200) NOT NULL"),
    ("sort_name", "BYTEA NOT NULL"),  # norwegian.collation.stored_sort_key(name)
    ("parent_orgnr", "VARCHAR(9) NOT NULL"),
    ("nace_code", "VARCHAR(6) NOT NULL"),
    ("nace_text", "VARCHAR(200) NOT NULL"),
    ("address", "VARCHAR(300) NOT NULL"),
    ("postal_code", "VARCHAR(4) NOT NULL"),
    ("postal_place", "VARCHAR(100) NOT NULL"),
    ("municipality_id", "BIGINT"),
    ("employees", "INTEGER"),
    ("registered_on", "DATE"),
    ("closed_on", "DATE"),
]
EMPLOYER = Employer._meta.db_table
# What a deleted unit's stub says; the other fields keep what we knew.
STUB_FIELDS = ["name", "sort_name", "closed_on"]


def _unchanged(fields, alias="e"):
    return " AND ".join(same(f"{alias}.{field}", f"s.{field}") for field in fields)


def _stage(path, staging, report):
    municipalities = _Municipalities()
    for position, record in records(path):
        report.read += 1
        row, problem = _parse(record, municipalities)
        if problem:
            report.reject(position, problem, "post")
            continue
        stub = "parent_orgnr" not in row
        values = (row.get(field, "" if field in STRINGS else None) for field in FIELDS)
        staging.add((position, row["orgnr"], int(stub), *values))
    staging.flush()


def _apply(cursor, report):
    """Make the stored establishments agree with the staged ones, in a few statements."""
    full_match = _unchanged(FIELDS)
    stub_match = _unchanged(STUB_FIELDS)
    join = f"FROM brreg_staging s JOIN {EMPLOYER} e ON e.orgnr = s.orgnr"
    cursor.execute(
        f"SELECT COUNT(*) {join} "
        f"WHERE (s.stub = 0 AND {full_match}) OR (s.stub = 1 AND {stub_match})"
    )
    report.unchanged += cursor.fetchone()[0]
    cursor.execute(f"SELECT COUNT(*) {join} WHERE e.closed_on IS NULL AND s.closed_on IS NOT NULL")
    newly_closed = cursor.fetchone()[0]
    report.closed += newly_closed

    changed = 0
    for stub, fields in ((0, FIELDS), (1, STUB_FIELDS)):
        assignments = ", ".join(f"{field} = s.{field}" for field in fields)
        cursor.execute(
            f"UPDATE {EMPLOYER} SET {assignments} FROM brreg_staging s "
            f"WHERE {EMPLOYER}.orgnr = s.orgnr AND s.stub = {stub} "
            f"AND NOT ({_unchanged(fields, alias=EMPLOYER)})"
        )
        changed += cursor.rowcount
    report.updated += changed - newly_closed
    columns = ", ".join(["orgnr", "parent_name", *FIELDS])
    values = ", ".join(["s.orgnr", "''", *(f"s.{field}" for field in FIELDS)])
    cursor.execute(
        f"INSERT INTO {EMPLOYER} ({columns}) SELECT {values} FROM brreg_staging s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {EMPLOYER} e WHERE e.orgnr = s.orgnr)"
    )
    report.created += cursor.rowcount


def _close_missing(cursor, report, path):
    """Close the open establishments a full file no longer lists."""
    cursor.execute(f"SELECT COUNT(*) FROM {EMPLOYER} WHERE closed_on IS NULL")
    open_count = cursor.fetchone()[0]
    missing = (
        "closed_on IS NULL AND NOT EXISTS "
        f"(SELECT 1 FROM brreg_staging s WHERE s.orgnr = {EMPLOYER}.orgnr)"
    )
    cursor.execute(f"SELECT COUNT(*) FROM {EMPLOYER} WHERE {missing}")
    listed = open_count - cursor.fetchone()[0]
    if open_count and listed < FULL_FILE_MINIMUM_SHARE * open_count:
        raise ImportFailed(
            f"{path.name} har bare {listed} av de {open_count} åpne virksomhetene vi har; "
            "det ser ikke ut som en full fil. Ingenting ble lagret."
        )
    cursor.execute(f"UPDATE {EMPLOYER} SET closed_on = %s WHERE {missing}", [timezone.localdate()])
    report.closed += cursor.rowcount


def _parent_names(cursor, path, report):
    """Copy the names of legal units ("enheter") onto the establishments they own."""
    staging = StagingTable(
        cursor,
        "brreg_parents",
        [("orgnr", "VARCHAR(9) NOT NULL"), ("name", "VARCHAR(200) NOT NULL")],
    )
    for position, record in records(path):
        orgnr = str(record.get("organisasjonsnummer") or "") if isinstance(record, dict) else ""
        name = (record.get("navn") or "").strip() if isinstance(record, dict) else ""
        if not stdnum_orgnr.is_valid(orgnr) or not name:
            report.reject(position, f"enhet {orgnr!r} mangler gyldig nummer eller navn", "post")
            continue
        staging.add((orgnr, name[:200]))
    staging.flush()
    cursor.execute("CREATE INDEX brreg_parents_orgnr ON brreg_parents (orgnr)")
    staging.analyze()
    cursor.execute(
        f"UPDATE {EMPLOYER} SET parent_name = p.name FROM brreg_parents p "
        f"WHERE {EMPLOYER}.parent_orgnr = p.orgnr AND {EMPLOYER}.parent_name <> p.name"
    )
    if cursor.rowcount:
        report.notes.append(
            f"{cursor.rowcount} virksomheter fikk oppdatert navn på overordnet enhet."
        )
    staging.drop()


def brreg_import(*, path, report, full=False, parents=None):
    """Import establishments from `path`; `full` closes those missing from it, and `parents`
    (a file of legal units) fills in the names of the units that own them."""
    with connection.cursor() as cursor:
        staging = StagingTable(cursor, "brreg_staging", STAGING)
        _stage(path, staging, report)
        if report.read == 0:
            raise ImportFailed(f"{path.name} har ingen virksomheter (ventet en JSON-liste).")
        cursor.execute("CREATE INDEX brreg_staging_orgnr ON brreg_staging (orgnr)")
        staging.analyze()
        reject_staged(
            cursor,
            report,
            "brreg_staging",
            "SELECT s.position, s.orgnr FROM brreg_staging s JOIN (SELECT orgnr, MIN(position) "
            "AS first FROM brreg_staging GROUP BY orgnr HAVING COUNT(*) > 1) f "
            "ON f.orgnr = s.orgnr WHERE s.position <> f.first ORDER BY s.position",
            lambda orgnr: f"{orgnr} står to ganger i filen",
            "post",
        )
        _apply(cursor, report)
        if full:
            _close_missing(cursor, report, path)
        if parents is not None:
            _parent_names(cursor, parents, report)
        staging.drop()
    if report.created or report.updated or report.closed:
        changes_record(models=[Employer])
    return report
