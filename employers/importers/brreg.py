"""Brønnøysundregistrene's Enhetsregisteret: establishments ("underenheter") and, for their
parents' names, legal units ("enheter").

Reads the bulk downloads as they are published: a gzip-compressed JSON array of records
(plain JSON works too). The file is streamed with ijson and written in batches, so memory
stays flat however large the file. An establishment is upserted on its organisation number;
one with a closing or deletion date, or missing from a full file, is marked closed, never
deleted.
"""

import datetime
import gzip
import zlib

import ijson
from django.utils import timezone
from stdnum.no import orgnr as stdnum_orgnr

from employers.models import Employer
from employers.summary import occupation_employers_refresh
from regions.models import Municipality
from regions.resolve import resolve_municipality
from registers.importing import ImportFailed

BATCH = 2000
FIELDS = [
    "name",
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
        return {"orgnr": orgnr, "name": name, "closed_on": closed_on}, None  # A deleted stub.
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


def _write(batch, report):
    """Upsert a batch of parsed records; a record newly closed counts as closed."""
    existing = Employer.objects.in_bulk([row["orgnr"] for row in batch], field_name="orgnr")
    to_create, to_update, fields = [], [], set()
    for row in batch:
        employer = existing.get(row["orgnr"])
        if employer is None:
            to_create.append(Employer(**row))
            continue
        changed = {f: v for f, v in row.items() if f != "orgnr" and getattr(employer, f) != v}
        if not changed:
            report.unchanged += 1
            continue
        if "closed_on" in changed and employer.closed_on is None:
            report.closed += 1
        else:
            report.updated += 1
        for field, value in changed.items():
            setattr(employer, field, value)
        fields.update(changed)
        to_update.append(employer)
    Employer.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        Employer.objects.bulk_update(to_update, sorted(fields), batch_size=BATCH)
    report.created += len(to_create)


def _close_missing(seen, report, path):
    """Close the open establishments a full file no longer lists."""
    open_orgnrs = set(Employer.objects.active().values_list("orgnr", flat=True))
    missing = sorted(open_orgnrs - seen)
    if open_orgnrs and len(open_orgnrs) - len(missing) < FULL_FILE_MINIMUM_SHARE * len(open_orgnrs):
        raise ImportFailed(
            f"{path.name} har bare {len(open_orgnrs) - len(missing)} av de {len(open_orgnrs)} "
            "åpne virksomhetene vi har; det ser ikke ut som en full fil. Ingenting ble lagret."
        )
    today = timezone.localdate()
    for start in range(0, len(missing), 500):
        report.closed += Employer.objects.filter(orgnr__in=missing[start : start + 500]).update(
            closed_on=today
        )


def _parent_names(path, report):
    """Copy the names of legal units ("enheter") onto the establishments they own."""
    renamed = 0
    batch = {}

    def flush():
        nonlocal renamed
        owned = Employer.objects.filter(parent_orgnr__in=list(batch)).only(
            "pk", "parent_orgnr", "parent_name"
        )
        changed = []
        for employer in owned:
            if employer.parent_name != batch[employer.parent_orgnr]:
                employer.parent_name = batch[employer.parent_orgnr]
                changed.append(employer)
        Employer.objects.bulk_update(changed, ["parent_name"], batch_size=BATCH)
        renamed += len(changed)
        batch.clear()

    for position, record in records(path):
        orgnr = str(record.get("organisasjonsnummer") or "") if isinstance(record, dict) else ""
        name = (record.get("navn") or "").strip() if isinstance(record, dict) else ""
        if not stdnum_orgnr.is_valid(orgnr) or not name:
            report.reject(position, f"enhet {orgnr!r} mangler gyldig nummer eller navn", "post")
            continue
        batch[orgnr] = name[:200]
        if len(batch) >= BATCH:
            flush()
    flush()
    if renamed:
        report.notes.append(f"{renamed} virksomheter fikk oppdatert navn på overordnet enhet.")


def brreg_import(*, path, report, full=False, parents=None):
    """Import establishments from `path`; `full` closes those missing from it, and `parents`
    (a file of legal units) fills in the names of the units that own them."""
    municipalities = _Municipalities()
    seen, batch = set(), []
    for position, record in records(path):
        report.read += 1
        row, problem = _parse(record, municipalities)
        if problem:
            report.reject(position, problem, "post")
            continue
        if row["orgnr"] in seen:
            report.reject(position, f"{row['orgnr']} står to ganger i filen", "post")
            continue
        seen.add(row["orgnr"])
        batch.append(row)
        if len(batch) >= BATCH:
            _write(batch, report)
            batch = []
    _write(batch, report)
    if report.read == 0:
        raise ImportFailed(f"{path.name} har ingen virksomheter (ventet en JSON-liste).")
    if full:
        _close_missing(seen, report, path)
    if parents is not None:
        _parent_names(parents, report)
    if report.created or report.updated or report.closed:
        occupation_employers_refresh()
    return report
