"""NAV's Aa-registeret, monthly: employment relationships per establishment and job title.

The file (see docs/data-feeds.md) is UTF-8, semicolon-separated, one month per file:

    orgnr;stillingskode;antall_arbeidsforhold;periode
    974760673;5134103;3;2026-10

A file replaces its month for the whole register; earlier months stay. Rows are validated
while the file streams into a temporary table, and the differences with what is stored are
applied in a few set-based statements (see registers.staging).
"""

import datetime

from django.db import connection
from stdnum.no import orgnr as stdnum_orgnr

from changes.record import changes_record
from classifications.models import JobTitle
from employers.models import Employer, Employment
from registers.importing import ImportFailed
from registers.staging import StagingTable, analyze, reject_staged

COLUMNS = ["orgnr", "stillingskode", "antall_arbeidsforhold", "periode"]
DELIMITER = ";"

EMPLOYER = Employer._meta.db_table
EMPLOYMENT = Employment._meta.db_table
JOB_TITLE = JobTitle._meta.db_table


def parse_period(text):
    try:
        year, month = text.split("-")
        return datetime.date(int(year), int(month), 1)
    except ValueError:
        return None


def _check_header(raw, path):
    if not raw:
        raise ImportFailed(f"{path.name} er tom.")
    header = raw.decode("utf-8-sig", errors="replace").rstrip("\r\n")
    columns = header.split(DELIMITER)
    if columns == COLUMNS:
        return
    if len(columns) == 1 and ("," in header or "\t" in header):
        raise ImportFailed(
            f"{path.name} bruker feil skilletegn: kolonnene skal skilles med semikolon (;)."
        )
    missing = [column for column in COLUMNS if column not in columns]
    raise ImportFailed(
        f"{path.name} har ikke kolonnene {DELIMITER.join(COLUMNS)}"
        + (f" (mangler {', '.join(missing)})." if missing else " i denne rekkefølgen.")
    )


def _stage(path, staging, report, expected_period):
    """Validate every row into the staging table; returns the file's month."""
    period, period_line = expected_period, None
    with path.open("rb") as handle:
        _check_header(handle.readline(), path)
        for number, raw in enumerate(handle, start=2):
            report.read += 1
            try:
                text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                report.reject(number, "raden er ikke gyldig UTF-8")
                continue
            fields = [field.strip() for field in text.split(DELIMITER)]
            if len(fields) != len(COLUMNS):
                report.reject(number, f"har {len(fields)} felt, ventet {len(COLUMNS)}")
                continue
            orgnr, code, count, month = fields
            orgnr = orgnr.replace(" ", "")
            row_period = parse_period(month)
            if not stdnum_orgnr.is_valid(orgnr):
                report.reject(number, f"ugyldig organisasjonsnummer {orgnr!r}")
            elif not (code.isdigit() and len(code) == 7):
                report.reject(number, f"stillingskoden {code!r} er ikke 7 sifre")
            elif not count.isdigit():
                report.reject(number, f"antall arbeidsforhold {count!r} er ikke et heltall")
            elif row_period is None:
                report.reject(number, f"ugyldig periode {month!r} (skriv ÅÅÅÅ-MM)")
            elif period is not None and row_period != period:
                where = f"linje {period_line}" if period_line else "--period"
                raise ImportFailed(
                    f"{path.name} gjelder flere måneder eller feil måned: {row_period:%Y-%m} på "
                    f"linje {number}, {period:%Y-%m} ifølge {where}. En fil skal gjelde én måned."
                )
            else:
                period, period_line = row_period, period_line or number
                staging.add((number, orgnr, code, int(count)))
    staging.flush()
    if report.read == 0:
        raise ImportFailed(f"{path.name} har ingen rader.")
    return period


def _apply(cursor, period, report):
    """Make the stored month equal to the staged rows; returns whether anything changed."""
    resolved = (
        "SELECT e.id AS employer_id, t.id AS job_title_id, s.count AS count FROM aa_staging s "
        f"JOIN {EMPLOYER} e ON e.orgnr = s.orgnr JOIN {JOB_TITLE} t ON t.code = s.code"
    )
    cursor.execute(f"SELECT 1 FROM {EMPLOYMENT} WHERE period = %s LIMIT 1", [period])
    if cursor.fetchone() is None:  # A new month, the usual case: nothing to compare with.
        cursor.execute(
            f"INSERT INTO {EMPLOYMENT} (employer_id, job_title_id, period, count) "
            f"SELECT r.employer_id, r.job_title_id, %s, r.count FROM ({resolved}) r",
            [period],
        )
        report.created += cursor.rowcount
        return report.created > 0
    cursor.execute("DROP TABLE IF EXISTS aa_rows")
    cursor.execute(f"CREATE TEMPORARY TABLE aa_rows AS {resolved}")
    cursor.execute("CREATE UNIQUE INDEX aa_rows_key ON aa_rows (employer_id, job_title_id)")
    same_key = "r.employer_id = m.employer_id AND r.job_title_id = m.job_title_id AND m.period = %s"
    cursor.execute(
        f"SELECT COUNT(*) FROM aa_rows r JOIN {EMPLOYMENT} m ON {same_key} WHERE m.count = r.count",
        [period],
    )
    report.unchanged += cursor.fetchone()[0]
    matches = (
        f"aa_rows r WHERE r.employer_id = {EMPLOYMENT}.employer_id "
        f"AND r.job_title_id = {EMPLOYMENT}.job_title_id"
    )
    cursor.execute(
        f"UPDATE {EMPLOYMENT} SET count = (SELECT r.count FROM {matches}) WHERE period = %s "
        f"AND EXISTS (SELECT 1 FROM {matches} AND r.count <> {EMPLOYMENT}.count)",
        [period],
    )
    report.updated += cursor.rowcount
    cursor.execute(
        f"DELETE FROM {EMPLOYMENT} WHERE period = %s AND NOT EXISTS (SELECT 1 FROM {matches})",
        [period],
    )
    report.closed += cursor.rowcount
    cursor.execute(
        f"INSERT INTO {EMPLOYMENT} (employer_id, job_title_id, period, count) "
        f"SELECT r.employer_id, r.job_title_id, %s, r.count FROM aa_rows r "
        f"WHERE NOT EXISTS (SELECT 1 FROM {EMPLOYMENT} m WHERE {same_key})",
        [period, period],
    )
    report.created += cursor.rowcount
    cursor.execute("DROP TABLE aa_rows")
    return report.created + report.updated + report.closed > 0


def aa_import(*, path, report, period=None):
    """Import one month of Aa-registeret; `period` (a date), when given, must match the file."""
    with connection.cursor() as cursor:
        staging = StagingTable(
            cursor,
            "aa_staging",
            [
                ("position", "INTEGER NOT NULL"),
                ("orgnr", "VARCHAR(9) NOT NULL"),
                ("code", "VARCHAR(7) NOT NULL"),
                ("count", "INTEGER NOT NULL"),
            ],
        )
        period = _stage(path, staging, report, period)
        if period is None:
            raise ImportFailed(f"{path.name} har ingen gyldige rader.")
        cursor.execute("CREATE INDEX aa_staging_key ON aa_staging (orgnr, code)")
        staging.analyze()
        reject_staged(
            cursor,
            report,
            "aa_staging",
            "SELECT s.position, s.orgnr, s.code, f.first FROM aa_staging s JOIN (SELECT orgnr, "
            "code, MIN(position) AS first FROM aa_staging GROUP BY orgnr, code "
            "HAVING COUNT(*) > 1) f ON f.orgnr = s.orgnr AND f.code = s.code "
            "WHERE s.position <> f.first ORDER BY s.position",
            lambda orgnr, code, first: (
                f"{orgnr} med stillingskode {code} står også på linje {first}"
            ),
        )
        reject_staged(
            cursor,
            report,
            "aa_staging",
            "SELECT s.position, s.orgnr FROM aa_staging s WHERE NOT EXISTS "
            f"(SELECT 1 FROM {EMPLOYER} e WHERE e.orgnr = s.orgnr) ORDER BY s.position",
            lambda orgnr: f"ukjent virksomhet {orgnr} (ikke i Enhetsregisteret)",
        )
        cursor.execute(
            f"INSERT INTO {JOB_TITLE} (code, name) SELECT DISTINCT s.code, '' FROM aa_staging s "
            f"WHERE NOT EXISTS (SELECT 1 FROM {JOB_TITLE} t WHERE t.code = s.code)"
        )
        new_titles = cursor.rowcount
        if new_titles:
            report.notes.append(
                f"{new_titles} nye stillingstitler uten yrke; koble dem til yrker i admin."
            )
        changed = _apply(cursor, period, report)
        staging.drop()
        if changed:
            analyze(cursor, EMPLOYMENT)  # The read-model refresh reads the new month next.
    if changed:
        changes_record(models=[Employment])
    return report
